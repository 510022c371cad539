// Builds the Report (counts, worst severity, verdict) from per-file results.
import { emptyCounts, worstSeverity, type FileReport, type Report } from './findings.js'
import { blocks, type ScanOptions } from './policy.js'
import { VERSION } from '../version.js'

export function buildReport(files: FileReport[], options: Pick<ScanOptions, 'failOn'>): Report {
  const counts = emptyCounts()
  for (const file of files) for (const finding of file.findings) counts[finding.severity]++
  const maxSeverity = worstSeverity(files.flatMap((f) => f.findings.map((x) => x.severity)))
  return {
    tool: { name: 'modelgate', version: VERSION },
    files,
    summary: { files: files.length, findings: counts, maxSeverity, blocked: blocks(maxSeverity, options.failOn) }
  }
}
