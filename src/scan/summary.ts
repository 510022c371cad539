// Builds the Report (counts, worst severity, verdict) from per-file results.
import { emptyCounts, worstSeverity, type FileReport, type RemoteTotals, type Report } from './findings.js'
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

export function buildReport(files: FileReport[], options: Pick<ScanOptions, 'failOn'>, shared?: SharedTraffic): Report {
  const counts = emptyCounts()
  for (const file of files) for (const finding of file.findings) counts[finding.severity]++
  const maxSeverity = worstSeverity(files.flatMap((f) => f.findings.map((x) => x.severity)))
  return {
    tool: { name: 'modelgate', version: VERSION },
    files,
    summary: { files: files.length, findings: counts, maxSeverity, blocked: blocks(maxSeverity, options.failOn), ...remoteTotals(files, shared) }
  }
}

