// What a format scanner receives and returns.
import type { TimeBudget } from './budget.js'
import type { Finding, Format } from './findings.js'
import type { ScanOptions } from './policy.js'
import type { Source } from './source.js'

export interface ScanContext {
  options: ScanOptions
  /** Nesting depth: 0 for a file, +1 per container member or nested deserializer. */
  depth: number
  /** Archive member path this source is, if any; scanners put it in `location.entry`. */
  entry?: string
  /** The content is the decompressed data of `entry` (or the file): offsets count decompressed bytes. */
  decompressed?: string
  /**
   * The file's time budget, shared by everything scanned for it (long loops ask `spent()`).
   * `scanFile` always sets it; only unit tests of a single parser leave it out.
   */
  budget?: TimeBudget
  /**
   * The local path the file was scanned as (a link's own path: loaders take the path they are
   * given), for formats that resolve companion files next to it (ONNX external data). Undefined
   * for remote sources; scanners ignore it below depth 0 (archive members, nested payloads).
   */
  localPath?: string
}

export interface FormatResult {
  format: Format
  findings: Finding[]
  details?: Record<string, unknown>
}

export type FormatScanner = (source: Source, ctx: ScanContext) => Promise<FormatResult>
