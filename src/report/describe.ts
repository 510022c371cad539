// Shared wording for renderers.
import type { FileReport, Finding, Report, Suppression } from '../scan/findings.js'
import { SEVERITIES } from '../scan/findings.js'
import type { FailOn } from '../scan/policy.js'

/** "entry archive/data.pkl, offset 57" (empty when the finding has no location). */
export function describeLocation(finding: Finding): string {
  const parts: string[] = []
  if (finding.location?.entry !== undefined) parts.push(`entry ${finding.location.entry}`)
  if (finding.location?.offset !== undefined) parts.push(`offset ${finding.location.offset}`)
  return parts.join(', ')
}

/** "1 critical, 2 medium" or "no findings". */
export function describeCounts(report: Report): string {
  const parts = SEVERITIES.filter((s) => report.summary.findings[s] > 0).map((s) => `${report.summary.findings[s]} ${s}`)
  return parts.length > 0 ? parts.join(', ') : 'no findings'
}

export function describeVerdict(report: Report, failOn: FailOn): string {
  if (report.summary.blocked) return `blocked: ${report.summary.maxSeverity} finding(s) at or above fail-on ${failOn}`
  return failOn === 'never' ? 'passed (fail-on never)' : `passed: nothing at or above fail-on ${failOn}`
}

/** Findings worst first, stable within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
}

export interface LocatedFinding {
  path: string
  finding: Finding
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** All findings of all files: worst first, then by path, then in file order (the sort is stable). */
export function worstFirst(files: readonly FileReport[]): LocatedFinding[] {
  return files
    .flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding })))
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) || byPath(a.path, b.path))
}

/** "3 suppressed, 1 suppression expired" (empty when no suppression matched). */
export function describeSuppressions(report: Report): string {
  const suppressed = report.summary.suppressed
  const n = suppressed === undefined ? 0 : SEVERITIES.reduce((sum, s) => sum + suppressed[s], 0)
  const expired = report.summary.expiredSuppressions ?? 0
  return [n > 0 ? `${n} suppressed` : '', expired > 0 ? `${expired} suppression${expired === 1 ? '' : 's'} expired` : ''].filter((p) => p !== '').join(', ')
}

/** "suppressed by .modelgate.yml until 2026-01-31: vetted by security" (untrusted parts unescaped). */
export function describeSuppressed(s: Suppression): string {
  return `suppressed by ${s.by}${s.expires !== undefined ? ` until ${s.expires}` : ''}: ${s.reason}`
}

/** "suppression expired 2026-01-31: vetted by security" (untrusted parts unescaped). */
export function describeExpired(s: Suppression): string {
  return `suppression expired${s.expires !== undefined ? ` ${s.expires}` : ''}: ${s.reason}`
}

/** " [suppressed by …: reason]" or " [suppression expired …: reason]" for a marked finding, else "" (untrusted parts unescaped). */
export function suppressionNote(finding: Finding): string {
  if (finding.suppressed !== undefined) return ` [${describeSuppressed(finding.suppressed)}]`
  return finding.suppressionExpired !== undefined ? ` [${describeExpired(finding.suppressionExpired)}]` : ''
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** "512 B", "212 KiB", "14.2 GiB": three significant digits at most. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  let value = n
  let unit = -1
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${BYTE_UNITS[unit]}`
}

/** "read 212 KiB of 14.2 GiB in 31 requests" (empty when nothing was read over HTTP). */
export function describeRemote(report: Report): string {
  const remote = report.summary.remote
  if (remote === undefined) return ''
  return `read ${formatBytes(remote.bytes)} of ${formatBytes(remote.size)} in ${remote.requests} request${remote.requests === 1 ? '' : 's'}`
}
