// TensorFlow ops that reach outside the graph when a SavedModel runs: files, Python, network.
// Taken from TF's op registry (tensorflow/core/ops: io_ops.cc, script_ops.cc, summary_ops.cc,
// logging_ops.cc, debug_ops.cc, array_ops.cc, checkpoint_ops.cc, dataset_ops.cc,
// experimental_dataset_ops.cc, rpc_ops.cc). The checkpoint ops the saver itself puts in every
// SavedModel (SaveV2, RestoreV2, MergeV2Checkpoints, ShardedFilename, StringJoin, and the v1
// saver's Save, SaveSlices, Restore, RestoreSlice) are normal and not listed. Lookup-table
// initialisers from text files (InitializeTableFromTextFile) read the model's own assets and are
// not listed either. Data-pipeline ops that read or write files are listed: a model served from
// a SavedModel has no reason to read files by itself.

export type OpReason = 'file' | 'python' | 'network' | 'hidden-graph'

const FILE_OPS = [
  // io_ops.cc: whole files, globbing, the v1 reader queue ops
  'ReadFile',
  'WriteFile',
  'MatchingFiles',
  'WholeFileReader',
  'WholeFileReaderV2',
  'TextLineReader',
  'TextLineReaderV2',
  'FixedLengthRecordReader',
  'FixedLengthRecordReaderV2',
  'TFRecordReader',
  'TFRecordReaderV2',
  'LMDBReader',
  // array_ops.cc: memory-maps the file region it names
  'ImmutableConst',
  // checkpoint_ops.cc: reads the checkpoint path it is given
  'LoadAndRemapMatrix',
  // summary_ops.cc: writers that create event files or an SQLite database
  'CreateSummaryFileWriter',
  'CreateSummaryDbWriter',
  // debug_ops.cc: dump tensors to debug_urls (file:// or grpc://) or dump_root
  'DebugIdentity',
  'DebugIdentityV2',
  'DebugIdentityV3',
  'DebugNanCount',
  'DebugNumericSummary',
  // dataset ops that read or write files
  'TFRecordDataset',
  'TFRecordDatasetV2',
  'FixedLengthRecordDataset',
  'FixedLengthRecordDatasetV2',
  'TextLineDataset',
  'CSVDataset',
  'CSVDatasetV2',
  'ExperimentalCSVDataset',
  'LMDBDataset',
  'ExperimentalLMDBDataset',
  'SqlDataset',
  'ExperimentalSqlDataset',
  'MatchingFilesDataset',
  'ExperimentalMatchingFilesDataset',
  'CacheDataset',
  'CacheDatasetV2',
  'SnapshotDataset',
  'SnapshotDatasetV2',
  'SaveDataset',
  'SaveDatasetV2',
  'LoadDataset',
  'DatasetToTFRecord',
  'ExperimentalDatasetToTFRecord'
]

/** script_ops.cc: run a Python callable registered in the loading process. */
const PYTHON_OPS = ['PyFunc', 'PyFuncStateless', 'EagerPyFunc']

/** rpc_ops.cc and the data service: calls out to other hosts. */
const NETWORK_OPS = ['RemoteCall', 'Rpc', 'TryRpc', 'RpcClient', 'RpcServer', 'RpcCall', 'DataServiceDataset', 'DataServiceDatasetV2', 'DataServiceDatasetV3', 'DataServiceDatasetV4', 'RegisterDataset', 'RegisterDatasetV2']

const DANGEROUS = new Map<string, OpReason>([
  ...FILE_OPS.map((op) => [op, 'file'] as const),
  ...PYTHON_OPS.map((op) => [op, 'python'] as const),
  ...NETWORK_OPS.map((op) => [op, 'network'] as const),
  // dataset_ops.cc: deserialises and runs a GraphDef held in a string tensor, not walked here
  ['DatasetFromGraph', 'hidden-graph']
])

/** A descriptor_source other than the built-in pool or inline bytes is a file path read when the op runs. */
const descriptorFile = (value: string): boolean => value !== 'local://' && !value.startsWith('bytes://')

/** Ops that reach files only with some attribute values (absent attributes take their harmless defaults). */
const BY_ATTRIBUTE: Readonly<Record<string, { attr: string; file: (value: string) => boolean }>> = {
  // logging_ops.cc: output_stream = "file://<path>" appends to that file
  PrintV2: { attr: 'output_stream', file: (value) => value.startsWith('file://') },
  // decode_proto_ops.cc, encode_proto_ops.cc
  DecodeProtoV2: { attr: 'descriptor_source', file: descriptorFile },
  EncodeProto: { attr: 'descriptor_source', file: descriptorFile }
}

/** Attribute names `dangerousOp` looks at: the walk keeps their string values. */
export const WATCHED_ATTRS: ReadonlySet<string> = new Set(Object.values(BY_ATTRIBUTE).map((a) => a.attr))

/** Why the op is dangerous, given its watched string attributes; undefined when it is not. */
export function dangerousOp(op: string, attrs: ReadonlyMap<string, string>): OpReason | undefined {
  const listed = DANGEROUS.get(op)
  if (listed !== undefined) return listed
  const rule = BY_ATTRIBUTE[op] as (typeof BY_ATTRIBUTE)[string] | undefined
  const value = rule === undefined ? undefined : attrs.get(rule.attr)
  return value !== undefined && rule?.file(value) === true ? 'file' : undefined
}

export const REASONS: Readonly<Record<OpReason, string>> = {
  file: 'reads or writes files on the machine that runs the model',
  python: 'runs a Python function of the loading process (tf.py_function / tf.numpy_function)',
  network: 'makes network calls to other hosts',
  'hidden-graph': 'runs a graph serialised in a string tensor, which is not analysed,'
}
