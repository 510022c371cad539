// Suppressions from the policy file and the baseline, applied to scan results. A finding a
// suppression covers stays in every report, marked `suppressed` with the reason; it no longer
// counts. After its `expires` date a suppression no longer holds: the finding counts again
// and is marked `suppressionExpired` so that reports call it out.
import type { FileReport, Finding, Suppression } from '../scan/findings.js'
import { matchesAllowPattern } from '../scan/policy.js'
import { compileGlob, type Glob } from '../action/globs.js'
import type { SuppressEntry } from './file.js'
import { ruleMatches } from './rules.js'
import { fingerprint, type Baseline } from './baseline.js'

export interface SuppressionSet {
  /** Where the entries come from (the policy file as named). */
  by: string
  entries: SuppressEntry[]
  baseline?: Baseline
  /** Report path -> policy-relative path (null: outside the policy's folder). */
  pathOf: (reportPath: string) => string | null
  /** Today, YYYY-MM-DD (UTC). */
  today: string
}

interface Compiled {
  entry: SuppressEntry
  globs: Glob[]
}

function covers(c: Compiled, path: string, finding: Finding): boolean {
  if (!ruleMatches(c.entry.rule, finding.rule)) return false
  if (c.entry.global !== undefined && (typeof finding.global !== 'string' || !matchesAllowPattern(finding.global, [c.entry.global]))) return false
  return c.globs.some((g) => g.test(path))
}

function suppression(entry: SuppressEntry, by: string): Suppression {
  return { reason: entry.reason, ...(entry.expires !== undefined ? { expires: entry.expires } : {}), by }
}

/** The finding marked by the first suppression that holds, else by an expired one, else by the baseline. */
function mark(finding: Finding, path: string | null, compiled: readonly Compiled[], set: SuppressionSet): Finding {
  if (path === null || finding.suppressed !== undefined || finding.suppressionExpired !== undefined) return finding
  const matching = compiled.filter((c) => covers(c, path, finding))
  const active = matching.find((c) => c.entry.expires === undefined || c.entry.expires >= set.today)
  if (active !== undefined) return { ...finding, suppressed: suppression(active.entry, set.by) }
  if (matching.length > 0) return { ...finding, suppressionExpired: suppression(matching[0].entry, set.by) }
  const recorded = set.baseline?.entries.get(fingerprint(path, finding))
  if (recorded !== undefined) return { ...finding, suppressed: { reason: `recorded in the baseline on ${set.baseline!.created}`, by: set.baseline!.name } }
  return finding
}

export function applySuppressions(files: readonly FileReport[], set: SuppressionSet): FileReport[] {
  if (set.entries.length === 0 && set.baseline === undefined) return [...files]
  const compiled = set.entries.map((entry) => ({ entry, globs: entry.paths.map(compileGlob) }))
  return files.map((file) => {
    const path = set.pathOf(file.path)
    return { ...file, findings: file.findings.map((f) => mark(f, path, compiled, set)) }
  })
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}
