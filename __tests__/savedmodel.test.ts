// The TensorFlow SavedModel scanner over the committed fixtures (fixtures/gen_savedmodel.py):
// dangerous ops in graphs and in (nested) functions, the saver's own ops left alone, wire
// data protobuf rejects, walk limits, routing by the exact `saved_model.pb` name, and the
// metadata JSON of keras_metadata.pb.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScanContext } from '../src/scan/context.js'
import { severityRank, type Finding } from '../src/scan/findings.js'
import { readSavedModel, scanSavedModel } from '../src/scan/formats/savedmodel.js'
import { MAX_NODE_JSON, readKerasMetadata } from '../src/scan/savedmodel/keras-metadata.js'
import { MAX_OP_TYPES } from '../src/scan/savedmodel/walk.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanFile } from '../src/scan/scan.js'
import { sniff } from '../src/scan/sniff.js'
import { bufferSource } from '../src/scan/source.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'savedmodel')
const options = defaultScanOptions()
const ctx: ScanContext = { options, depth: 0 }
const bytesOf = (name: string): Buffer => readFileSync(join(DIR, name))
const scanBytes = (bytes: Uint8Array) => scanSavedModel(bufferSource(bytes), ctx)
const scan = (name: string) => scanBytes(bytesOf(name))
const brief = (findings: Finding[]) => findings.map((f) => ({ rule: f.rule, severity: f.severity, op: f.op, count: f.count, nodes: f.nodes, offset: f.location?.offset }))

/** Where the NodeDef whose name field is `name` starts (its first field), found independently of the walk. */
function nodeAt(file: string, name: string): number {
  const at = bytesOf(file).indexOf(Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]))
  expect(at).toBeGreaterThan(0)
  return at
}

// Minimal protobuf encoding for the limit tests.
function varint(n: number): Buffer {
  const out: number[] = []
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80)
  out.push(n)
  return Buffer.from(out)
}
const len = (number: number, payload: Buffer): Buffer => Buffer.concat([varint(number * 8 + 2), varint(payload.length), payload])

describe('clean SavedModel', () => {
  it('gives nothing at or above low and summarises the graph', async () => {
    const result = await scan('clean/saved_model.pb')
    expect(result.format).toBe('savedmodel')
    expect(result.findings.filter((f) => severityRank(f.severity) >= severityRank('low'))).toEqual([])
    expect(result.findings).toEqual([])
    expect(result.details).toEqual({
      schemaVersion: '1',
      metaGraphs: 1,
      nodes: 17,
      functions: 1,
      tags: [['serve']],
      kerasObjects: 0,
      opTypes: 14,
      ops: {
        MatMul: 2,
        Placeholder: 2,
        ReadVariableOp: 2,
        AssignVariableOp: 1,
        Const: 1,
        DecodeProtoV2: 1,
        MergeV2Checkpoints: 1,
        PrintV2: 1,
        RestoreV2: 1,
        SaveV2: 1,
        ShardedFilename: 1,
        StatefulPartitionedCall: 1,
        StringJoin: 1,
        VarHandleOp: 1
      }
    })
  })
})

describe('tf/dangerous-op', () => {
  it('reports file ops of every meta graph, one finding per op type, PrintV2 and DecodeProtoV2 only with a file', async () => {
    const file = 'graph/saved_model.pb'
    const { findings, details } = await scan(file)
    expect(brief(findings)).toEqual([
      { rule: 'tf/dangerous-op', severity: 'high', op: 'ReadFile', count: 2, nodes: ['read_secret', 'read_again'], offset: nodeAt(file, 'read_secret') },
      { rule: 'tf/dangerous-op', severity: 'high', op: 'MatchingFiles', count: 1, nodes: ['glob'], offset: nodeAt(file, 'glob') },
      { rule: 'tf/dangerous-op', severity: 'high', op: 'PrintV2', count: 1, nodes: ['log_to_file'], offset: nodeAt(file, 'log_to_file') },
      { rule: 'tf/dangerous-op', severity: 'high', op: 'DecodeProtoV2', count: 1, nodes: ['decode_file'], offset: nodeAt(file, 'decode_file') },
      { rule: 'tf/dangerous-op', severity: 'high', op: 'DatasetFromGraph', count: 1, nodes: ['from_graph'], offset: nodeAt(file, 'from_graph') },
      { rule: 'tf/dangerous-op', severity: 'high', op: 'WriteFile', count: 1, nodes: ['write_out'], offset: nodeAt(file, 'write_out') }
    ])
    expect(findings[0].message).toBe(
      '2 nodes of the op ReadFile ("read_secret", "read_again"): the op reads or writes files on the machine that runs the model when the graph runs. Do not load this model unless you trust its source.'
    )
    expect(findings[4].message).toBe(
      '1 node of the op DatasetFromGraph ("from_graph"): the op runs a graph serialised in a string tensor, which is not analysed, when the graph runs. Do not load this model unless you trust its source.'
    )
    expect(details).toMatchObject({ metaGraphs: 2, tags: [['serve'], ['train']], nodes: 25 })
  })

  it('reports Python ops inside functions, nested calls included, named function/node', async () => {
    const file = 'functions/saved_model.pb'
    const { findings, details } = await scan(file)
    expect(brief(findings)).toEqual([
      { rule: 'tf/dangerous-op', severity: 'high', op: 'PyFunc', count: 1, nodes: ['__inference_helper_7/py'], offset: nodeAt(file, 'py') },
      // The function's signature (its name) follows its nodes in the file.
      { rule: 'tf/dangerous-op', severity: 'high', op: 'EagerPyFunc', count: 1, nodes: ['__inference_inner_2/eager'], offset: nodeAt(file, 'eager') }
    ])
    expect(findings[1].message).toContain('runs a Python function of the loading process')
    expect(details).toMatchObject({ functions: 4, nodes: 23 })
  })

  it('counts every node but keeps 10 names', async () => {
    const { findings } = await scan('many/saved_model.pb')
    expect(brief(findings)).toEqual([
      { rule: 'tf/dangerous-op', severity: 'high', op: 'PyFuncStateless', count: 12, nodes: Array.from({ length: 10 }, (_, i) => `py_${i}`), offset: nodeAt('many/saved_model.pb', 'py_0') }
    ])
    expect(findings[0].message).toContain('"py_9" and 2 more)')
  })

  it('puts the archive member in the location', async () => {
    const { findings } = await scanSavedModel(bufferSource(bytesOf('many/saved_model.pb')), { ...ctx, depth: 1, entry: 'm/saved_model.pb' })
    expect(findings[0].location).toEqual({ entry: 'm/saved_model.pb', offset: nodeAt('many/saved_model.pb', 'py_0') })
  })
})

describe('scan/incomplete', () => {
  it('reports wire data protobuf rejects with its offset', async () => {
    const { findings } = await scan('truncated/saved_model.pb')
    expect(brief(findings)).toEqual([{ rule: 'scan/incomplete', severity: 'high', op: undefined, count: undefined, nodes: undefined, offset: 2 }])
    expect(findings[0].message).toBe(
      'protobuf wire data TensorFlow rejects: field 2 needs 1246 bytes but its message has 620 left (truncated or overrunning length) (byte 2); the rest of the SavedModel was not analysed, so it is not known to be safe.'
    )
  })

  it('stops at MAX_OP_TYPES distinct op types and still reports what came before', async () => {
    const nodes = Array.from({ length: MAX_OP_TYPES + 1 }, (_, i) => len(1, len(2, Buffer.from(i === 0 ? 'ReadFile' : `Op${i}`))))
    const graph = Buffer.concat(nodes)
    const model = len(2, len(2, graph))
    const { findings } = await scanBytes(model)
    const last = model.length - nodes[nodes.length - 1].length + 2
    expect(brief(findings)).toEqual([
      { rule: 'scan/incomplete', severity: 'high', op: undefined, count: undefined, nodes: undefined, offset: last },
      { rule: 'tf/dangerous-op', severity: 'high', op: 'ReadFile', count: 1, nodes: [''], offset: model.length - graph.length + 2 }
    ])
    expect(findings[0].message).toBe(`the SavedModel has more than ${MAX_OP_TYPES} distinct op types: the rest of the SavedModel was not analysed, so it is not known to be safe.`)
  })
})

describe('routing by name', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'modelgate-savedmodel-'))
    copyFileSync(join(DIR, 'graph', 'saved_model.pb'), join(dir, 'saved_model.pb'))
    copyFileSync(join(DIR, 'graph', 'saved_model.pb'), join(dir, 'frozen.pb'))
    writeFileSync(join(dir, 'saved_model.pbtxt'), 'saved_model_schema_version: 1\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('scans a file named saved_model.pb as a SavedModel', async () => {
    const report = await scanFile(join(dir, 'saved_model.pb'), options)
    expect(report.format).toBe('savedmodel')
    expect(report.findings.map((f) => `${f.rule}:${f.op as string}`)).toEqual([
      'tf/dangerous-op:ReadFile',
      'tf/dangerous-op:MatchingFiles',
      'tf/dangerous-op:PrintV2',
      'tf/dangerous-op:DecodeProtoV2',
      'tf/dangerous-op:DatasetFromGraph',
      'tf/dangerous-op:WriteFile'
    ])
  })

  it('matches the name case-insensitively (case-insensitive file systems)', async () => {
    copyFileSync(join(DIR, 'many', 'saved_model.pb'), join(dir, 'Saved_Model.PB'))
    const report = await scanFile(join(dir, 'Saved_Model.PB'), options)
    expect(report.format).toBe('savedmodel')
    expect(report.findings.map((f) => f.rule)).toEqual(['tf/dangerous-op'])
  })

  // TensorFlow parses the file as protobuf whatever its start looks like: an unknown field can
  // hold an HDF5 signature at 512, and `]\0\0` (lzma's magic) is field 11 as fixed32.
  it.each([
    ['an HDF5 signature at 512', 'hdf5', () => {
      const blob = Buffer.alloc(600)
      Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]).copy(blob, 512 - 5)
      return Buffer.concat([Buffer.from([0x08, 0x01]), len(15, blob)])
    }],
    ['an lzma magic', 'compressed', () => Buffer.from([0x5d, 0, 0, 0, 0])]
  ])('scans a saved_model.pb that starts like %s both ways', async (_what, kind, prefix) => {
    const head = prefix()
    const bytes = Buffer.concat([head, bytesOf('many/saved_model.pb')])
    expect((await sniff(bufferSource(bytes))).kind).toBe(kind)
    writeFileSync(join(dir, 'saved_model.pb'), bytes)
    const report = await scanFile(join(dir, 'saved_model.pb'), options)
    expect(report.format).toBe('savedmodel')
    const dangerous = report.findings.filter((f) => f.rule === 'tf/dangerous-op')
    expect(dangerous.map((f) => [f.op, f.count, f.location?.offset])).toEqual([['PyFuncStateless', 12, head.length + nodeAt('many/saved_model.pb', 'py_0')]])
    copyFileSync(join(DIR, 'graph', 'saved_model.pb'), join(dir, 'saved_model.pb'))
  })

  it('routes an archive member by its base name', async () => {
    const report = await scanFile(join(DIR, 'export.zip'), options)
    const dangerous = report.findings.filter((f) => f.rule === 'tf/dangerous-op')
    expect(dangerous.map((f) => [f.op, f.severity, f.location])).toEqual([
      ['PyFunc', 'high', { entry: 'export/1/saved_model.pb', offset: nodeAt('functions/saved_model.pb', 'py') }],
      ['EagerPyFunc', 'high', { entry: 'export/1/saved_model.pb', offset: nodeAt('functions/saved_model.pb', 'eager') }]
    ])
  })

  it('does not read any other .pb as a SavedModel', async () => {
    const report = await scanFile(join(dir, 'frozen.pb'), options)
    expect(report.format).not.toBe('savedmodel')
    expect(report.findings.some((f) => f.rule === 'tf/dangerous-op')).toBe(false)
  })

  it('reports a text-format SavedModel as not analysed', async () => {
    const report = await scanFile(join(dir, 'saved_model.pbtxt'), options)
    expect(report.format).toBe('savedmodel')
    expect(report.findings.map((f) => [f.rule, f.severity, f.location?.offset])).toEqual([['scan/incomplete', 'high', 0]])
    expect(report.findings[0].message).toContain('text-format SavedModel (saved_model.pbtxt) is not analysed')
  })
})

describe('readSavedModel', () => {
  it("returns the object graph's Keras metadata (pre-TF 2.5 layout) with ids and offsets", async () => {
    const bytes = bytesOf('legacy/saved_model.pb')
    const { result, kerasObjects } = await readSavedModel(bufferSource(bytes), ctx)
    expect(result.findings).toEqual([])
    expect(result.details).toMatchObject({ kerasObjects: 3, nodes: 17 })
    expect(kerasObjects.map((n) => [n.path, n.identifier, n.offset])).toEqual([
      ['object_graph_def.nodes[0]', '_tf_keras_sequential', bytes.indexOf('{"class_name":"Sequential"')],
      ['object_graph_def.nodes[1]', '_tf_keras_layer', bytes.indexOf('{"class_name":"Dense"')],
      ['object_graph_def.nodes[3]', '_tf_keras_layer', bytes.indexOf('{"class_name":"Lambda"')]
    ])
    const keras = await readKerasMetadata(bufferSource(bytesOf('keras/keras_metadata.pb')), ctx)
    expect(kerasObjects.map((n) => n.json)).toEqual(keras.nodes.map((n) => n.json))
  })

  it('has no Keras objects in a SavedModel without an object graph', async () => {
    expect((await readSavedModel(bufferSource(bytesOf('clean/saved_model.pb')), ctx)).kerasObjects).toEqual([])
  })
})

describe('readKerasMetadata', () => {
  const file = 'keras/keras_metadata.pb'
  const read = (bytes: Uint8Array) => readKerasMetadata(bufferSource(bytes), ctx)

  it('returns each object with its path, identifier, JSON and the JSON offset', async () => {
    const bytes = bytesOf(file)
    const { nodes, findings } = await read(bytes)
    expect(findings).toEqual([])
    expect(nodes.map((n) => [n.path, n.identifier, n.offset])).toEqual([
      ['root', '_tf_keras_sequential', bytes.indexOf('{"class_name":"Sequential"')],
      ['root.layer_with_weights-0', '_tf_keras_layer', bytes.indexOf('{"class_name":"Dense"')],
      ['root.layer-1', '_tf_keras_layer', bytes.indexOf('{"class_name":"Lambda"')]
    ])
    const lambda = JSON.parse(nodes[2].json) as { class_name: string; config: { function_type: string; function: unknown[] } }
    expect(lambda.class_name).toBe('Lambda')
    expect(lambda.config.function_type).toBe('lambda')
    expect(nodes[2].json).toBe(bytes.subarray(nodes[2].offset, nodes[2].offset + nodes[2].json.length).toString())
  })

  it('returns the objects before wire data protobuf rejects, and scan/incomplete', async () => {
    const bytes = bytesOf(file)
    const second = bytes.indexOf('{"class_name":"Dense"') - 10
    const { nodes, findings } = await read(bytes.subarray(0, second))
    expect(nodes.map((n) => n.path)).toEqual(['root'])
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['scan/incomplete', 'high']])
    expect(findings[0].message).toMatch(/^protobuf wire data TensorFlow rejects: field 1 needs \d+ bytes .* the rest of the Keras metadata was not analysed/)
  })

  it('refuses a metadata string over MAX_NODE_JSON', async () => {
    const json = Buffer.alloc(MAX_NODE_JSON + 1, 0x20)
    const object = Buffer.concat([len(3, Buffer.from('root')), len(5, json)])
    const bytes = len(1, object)
    const { nodes, findings } = await read(bytes)
    expect(nodes).toEqual([])
    expect(brief(findings)).toEqual([{ rule: 'scan/incomplete', severity: 'high', op: undefined, count: undefined, nodes: undefined, offset: bytes.length - json.length }])
    expect(findings[0].message).toBe(`the metadata of a Keras object is over ${MAX_NODE_JSON} bytes: the rest of the Keras metadata was not analysed, so it is not known to be safe.`)
  })
})

describe('Keras configs carried by a SavedModel go through the Keras checks', () => {
  it('keras_metadata.pb: the Lambda layer is keras/lambda, located at its JSON', async () => {
    const report = await scanFile(join(DIR, 'keras/keras_metadata.pb'), options)
    expect(report.format).toBe('keras')
    const lambda = report.findings.filter((f) => f.rule === 'keras/lambda')
    expect(lambda).toHaveLength(1)
    expect(lambda[0]).toMatchObject({ severity: 'critical', key: expect.stringMatching(/^keras_metadata\.pb object /) })
    expect(report.findings.filter((f) => severityRank(f.severity) >= severityRank('low') && f.rule !== 'keras/lambda')).toEqual([])
  })

  it("saved_model.pb's own object graph (read when keras_metadata.pb is absent)", async () => {
    const { kerasObjects } = await readSavedModel(bufferSource(bytesOf('legacy/saved_model.pb')), ctx)
    expect(kerasObjects.length).toBeGreaterThan(0)
    const report = await scanFile(join(DIR, 'legacy/saved_model.pb'), options)
    // The same three objects as keras_metadata.pb: the Lambda is found without that file.
    const keras = report.findings.filter((f) => f.rule.startsWith('keras/'))
    expect(keras).toEqual([expect.objectContaining({ rule: 'keras/lambda', severity: 'critical', key: expect.stringMatching(/^saved_model\.pb object /) })])
  })
})
