// The report model: the stable JSON contract of DESIGN.md.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Higher number = worse. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity)
}

export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null
  for (const s of severities) if (worst === null || severityRank(s) > severityRank(worst)) worst = s
  return worst
}

export const FORMATS = [
  'pickle',
  'pytorch-zip',
  'pytorch-legacy',
  'torchscript',
  'torch-package',
  'numpy',
  'npz',
  'joblib',
  'zip',
  'safetensors',
  'lfs-pointer',
  'gguf',
  'hdf5',
  'keras',
  'onnx',
  'savedmodel',
  'compressed',
  'other'
] as const
export type Format = (typeof FORMATS)[number]

/** Rule ids (`family/name`). Format scanners may add more of the same shape. */
export const RULES = {
  dangerousGlobal: 'pickle/dangerous-global',
  dynamicGlobal: 'pickle/dynamic-global',
  unknownGlobal: 'pickle/unknown-global',
  pickleMalformed: 'pickle/malformed',
  frameDesync: 'pickle/frame-desync',
  pickleFormat: 'pickle/format',
  torchscriptCode: 'torchscript/code',
  zipAnomaly: 'zip/anomaly',
  incomplete: 'scan/incomplete',
  symlink: 'fs/symlink',
  symlinkOutside: 'fs/symlink-outside',
  skippedSpecial: 'scan/skipped-special',
  unrecognized: 'scan/unrecognized',
  empty: 'scan/empty',
  unreadable: 'scan/unreadable',
  notInCheckout: 'scan/not-in-checkout',
  lfsPointer: 'lfs/pointer',
  lfsObjectMissing: 'lfs/object-missing',
  remoteFetchFailed: 'remote/fetch-failed',
  torchAnomaly: 'torch/anomaly',
  torchLegacyFormat: 'torch/legacy-format',
  torchLegacyMagic: 'torch/legacy-magic',
  numpyInvalidHeader: 'numpy/invalid-header',
  numpyUnparsedHeader: 'numpy/unparsed-header',
  numpyUnknownDtype: 'numpy/unknown-dtype',
  numpyNonNpyMember: 'numpy/non-npy-member',
  joblibCompanionFile: 'joblib/companion-file',
  safetensorsNonCanonical: 'safetensors/non-canonical',
  ggufInvalidHeader: 'gguf/invalid-header',
  ggufTemplateInjection: 'gguf/template-injection',
  ggufTemplateUnusual: 'gguf/template-unusual',
  onnxInvalid: 'onnx/invalid',
  onnxExternalDataEscape: 'onnx/external-data-escape',
  onnxExternalDataMissing: 'onnx/external-data-missing',
  onnxExternalDataBounds: 'onnx/external-data-bounds',
  onnxCustomDomain: 'onnx/custom-domain',
  kerasLambda: 'keras/lambda',
  kerasUnsafeModule: 'keras/unsafe-module',
  kerasCustomObject: 'keras/custom-object',
  tfDangerousOp: 'tf/dangerous-op'
} as const

export interface Location {
  /** Member inside an archive (nested members joined with `/`... as the container scanner names them). */
  entry?: string
  /** Byte offset of the opcode or field, relative to the start of the entry (or file). */
  offset?: number
}

/** Why a finding does not count: a policy-file suppression or a baseline entry. */
export interface Suppression {
  reason: string
  /** YYYY-MM-DD: from the day after, the finding counts again. */
  expires?: string
  /** Where the decision is recorded: the policy file or the baseline file (as named to the tool). */
  by: string
}

export interface Finding {
  rule: string
  severity: Severity
  message: string
  location?: Location
  /** Set when a suppression matches: the finding is reported but not counted and never blocks. */
  suppressed?: Suppression
  /** Set when the only matching suppression has expired: the finding counts again and is called out. */
  suppressionExpired?: Suppression
  /** Rule-specific detail, e.g. `global`, `count`, `oid`, `size`. */
  [detail: string]: unknown
}

/** Where a remote file's bytes came from, and what reading them cost. */
export interface FileSource {
  /** Display form: no credentials, no query string. */
  url: string
  /** The commit a hub revision resolved to. */
  revision?: string
  requests: number
  bytes: number
}

export interface FileReport {
  path: string
  format: Format
  size: number
  findings: Finding[]
  /** Set for files read over HTTP (URLs, hub repos, LFS objects). */
  source?: FileSource
  /** Format-specific facts for renderers (e.g. safetensors tensor summary). Not a finding. */
  details?: Record<string, unknown>
}

export type SeverityCounts = Record<Severity, number>

/** What reading remote files cost, listings and batch calls included. */
export interface RemoteTotals {
  /** Files read over HTTP. */
  files: number
  requests: number
  /** Bytes received. */
  bytes: number
  /** Total size of those files: what a full download would have been. */
  size: number
}

export interface ReportSummary {
  files: number
  /** Findings that count (suppressed ones are left out of these and of maxSeverity/blocked). */
  findings: SeverityCounts
  /** Suppressed findings, per severity; present when any finding was suppressed. */
  suppressed?: SeverityCounts
  /** Findings whose suppression has expired (they count again); present when any. */
  expiredSuppressions?: number
  maxSeverity: Severity | null
  blocked: boolean
  /** Present when any file was read over HTTP. */
  remote?: RemoteTotals
}

export interface Report {
  tool: { name: 'modelgate'; version: string }
  files: FileReport[]
  summary: ReportSummary
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
}
