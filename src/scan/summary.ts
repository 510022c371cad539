// Builds the Report (counts, worst severity, verdict) from per-file results.
import { emptyCounts, worstSeverity, type FileReport, type RemoteTotals, type Report, type ReportSummary } from './findings.js'
import { blocks, type ScanOptions } from './policy.js'
import { VERSION } from '../version.js'

/** Traffic of requests that belong to no one file (hub listings, LFS batch calls). */
export interface SharedTraffic {
  requests: number
  bytes: number
}

/** `{ remote }` when any file was read over HTTP (or shared requests were made), else `{}`. */
function remoteTotals(files: readonly FileReport[], shared?: SharedTraffic): { remote?: RemoteTotals } {
  const remote = files.filter((f) => f.source !== undefined)
  if (remote.length === 0 && (shared === undefined || shared.requests === 0)) return {}
  const totals: RemoteTotals = { files: remote.length, requests: shared?.requests ?? 0, bytes: shared?.bytes ?? 0, size: 0 }
  for (const f of remote) {
    totals.requests += f.source!.requests
    totals.bytes += f.source!.bytes
    totals.size += f.size
  }
  return { remote: totals }
}

/** `{ suppressed, expiredSuppressions }` for the findings a policy marked, each only when non-zero. */
function suppressionTotals(files: readonly FileReport[]): Pick<ReportSummary, 'suppressed' | 'expiredSuppressions'> {
  const suppressed = emptyCounts()
  let any = false
  let expired = 0
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.suppressed !== undefined) {
        suppressed[finding.severity]++
        any = true
      } else if (finding.suppressionExpired !== undefined) expired++
    }
  }
  return { ...(any ? { suppressed } : {}), ...(expired > 0 ? { expiredSuppressions: expired } : {}) }
}

/** Counts, worst severity and verdict over the findings that count (suppressed ones do not). */
export function buildReport(files: FileReport[], options: Pick<ScanOptions, 'failOn'>, shared?: SharedTraffic): Report {
  const counts = emptyCounts()
  const counted = files.flatMap((f) => f.findings.filter((x) => x.suppressed === undefined))
  for (const finding of counted) counts[finding.severity]++
  const maxSeverity = worstSeverity(counted.map((x) => x.severity))
  return {
    tool: { name: 'modelgate', version: VERSION },
    files,
    summary: {
      files: files.length,
      findings: counts,
      ...suppressionTotals(files),
      maxSeverity,
      blocked: blocks(maxSeverity, options.failOn),
      ...remoteTotals(files, shared)
    }
  }
}

