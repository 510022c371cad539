// Human output for terminals: one line per finding, then a summary line.
import type { Report, Severity } from '../scan/findings.js'
import { blocks, type FailOn } from '../scan/policy.js'
import { bySeverity, describeCounts, describeLocation, describeRemote, describeVerdict } from './describe.js'
import { truncate, visible } from './escape.js'

export interface TextOptions {
  failOn: FailOn
  /** ANSI colours (only when writing to a TTY). */
  color: boolean
  /** Only findings that block, and the summary. */
  quiet: boolean
}

const COLORS: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' }
const RESET = '\x1b[0m'

export function renderText(report: Report, options: TextOptions): string {
  const paint = (severity: Severity, text: string) => (options.color ? `${COLORS[severity]}${text}${RESET}` : text)
  const lines: string[] = []
  for (const file of report.files) {
    for (const finding of bySeverity(file.findings)) {
      if (options.quiet && !blocks(finding.severity, options.failOn)) continue
      const where = describeLocation(finding)
      lines.push(
        `${visible(truncate(file.path, 1000))}: ${paint(finding.severity, finding.severity.toUpperCase())} ${finding.rule}: ${visible(truncate(finding.message, 1000))}` +
          (where ? ` [${visible(truncate(where, 500))}]` : '')
      )
    }
  }
  lines.push(...hubCommits(report))
  const verdict = describeVerdict(report, options.failOn)
  const remote = describeRemote(report)
  const summary = `modelgate: ${report.summary.files} file(s) scanned${remote !== '' ? ` (${remote})` : ''}, ${describeCounts(report)}; ${verdict}`
  lines.push(report.summary.blocked && report.summary.maxSeverity ? paint(report.summary.maxSeverity, summary) : summary)
  return `${lines.join('\n')}\n`
}

const HUB_REPO = /^hf:\/\/(?:datasets\/|spaces\/)?[^/]+\/[^/]+/

/** "hf://org/name: read at commit <sha> (3 files)", one line per hub repo and commit. */
function hubCommits(report: Report): string[] {
  const counts = new Map<string, number>()
  for (const file of report.files) {
    const repo = HUB_REPO.exec(file.path)?.[0]
    if (repo === undefined || file.source?.revision === undefined) continue
    const key = `${repo}: read at commit ${file.source.revision}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([line, n]) => `${visible(truncate(line, 1000))} (${n} file${n === 1 ? '' : 's'})`)
}
