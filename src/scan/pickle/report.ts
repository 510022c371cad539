// Findings of one pickle stream: deduplicated per (rule, global) with the first offset
// and a count, messages that name the global, the offset and the entry and say what to do.
import { RULES, type Finding, type Severity } from '../findings.js'
import type { ScanOptions } from '../policy.js'

/** Rules that mean "a global is not known to be safe": any of them blocks the `pickle/format` verdict. */
export const PICKLE_GLOBAL_RULES: ReadonlySet<string> = new Set([RULES.dangerousGlobal, RULES.dynamicGlobal, RULES.unknownGlobal, RULES.frameDesync])

export const DO_NOT_LOAD =
  'Do not load this file (pickle.load, torch.load(weights_only=False), joblib.load, numpy.load(allow_pickle=True)); obtain the weights as safetensors from a trusted source.'

export function where(offset: number, entry: string | undefined): string {
  return entry === undefined ? `at offset ${offset}` : `at offset ${offset} in ${entry}`
}

export class FindingSink {
  readonly findings: Finding[] = []
  private readonly index = new Map<string, Finding>()

  constructor(readonly entry: string | undefined) {}

  /**
   * Records one occurrence. `message` is built only for the first occurrence of a
   * (rule, global) pair, so repeated findings on a hot path cost a map lookup.
   */
  add(rule: string, severity: Severity, offset: number, global: string | undefined, message: () => string, detail?: Record<string, unknown>): void {
    const key = global === undefined ? rule : `${rule}\0${global}`
    const seen = this.index.get(key)
    if (seen !== undefined) {
      seen.count = (seen.count as number) + 1
      return
    }
    const location = this.entry === undefined ? { offset } : { entry: this.entry, offset }
    const finding: Finding = { rule, severity, message: message(), location, ...(global !== undefined ? { global } : {}), ...detail, count: 1 }
    this.index.set(key, finding)
    this.findings.push(finding)
  }

  /** Adds a finding made elsewhere (a nested stream), deduplicated under `key`. */
  adopt(key: string, finding: Finding): void {
    const seen = this.index.get(key)
    if (seen !== undefined) {
      // Findings from other scanners (a nested zip's anomalies) carry no count: each is one.
      seen.count = ((seen.count as number | undefined) ?? 1) + ((finding.count as number | undefined) ?? 1)
      return
    }
    this.index.set(key, finding)
    this.findings.push(finding)
  }

  malformed(offset: number, problem: string): void {
    this.add(RULES.pickleMalformed, 'high', offset, undefined, () =>
      `Broken pickle stream ${where(offset, this.entry)}: ${problem}. A loader stops here with an error, after running everything before it; no loader reads this stream cleanly. Regenerate the file from its source.`
    )
  }

  incomplete(offset: number, reason: string): void {
    this.add(RULES.incomplete, 'high', offset, undefined, () =>
      `Pickle stream not fully analysed ${where(offset, this.entry)}: ${reason}. What follows was not checked, so the file is not known to be safe; review it by hand or raise the limit.`
    )
  }

  /** True when no global was found that is not on the allowlist. */
  get allAllowlisted(): boolean {
    return !this.findings.some((f) => PICKLE_GLOBAL_RULES.has(f.rule))
  }
}

/**
 * The single file-level verdict for pickle data whose globals are all allowlisted
 * (one per file, also for containers with several pickle members).
 */
export function pickleFormatFinding(options: ScanOptions, entry?: string): Finding {
  const severity: Severity = options.picklePolicy === 'allow-safe' ? 'info' : 'medium'
  const what = entry === undefined ? 'This file holds pickle data' : `This file holds pickle data (${entry})`
  return {
    rule: RULES.pickleFormat,
    severity,
    message:
      `${what}; every global it imports is on the allowlist, but loading a pickle can run code if the file is swapped or edited. ` +
      'Convert it to safetensors (or load it with torch.load(weights_only=True)); set pickle-policy: allow-safe to accept allowlisted pickles.',
    ...(entry !== undefined ? { location: { entry } } : {})
  }
}
