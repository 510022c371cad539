// Workflow-command annotations, worst first, within GitHub's per-step caps.
import * as core from '@actions/core'
import { SEVERITIES, type Report, type Severity } from '../scan/findings.js'
import { describeLocation } from '../report/describe.js'
import { truncate, visible } from '../report/escape.js'

/** GitHub shows at most this many annotations per level per step. */
export const ANNOTATIONS_PER_LEVEL = 10

type Level = 'error' | 'warning' | 'notice'
const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' }

export function annotate(report: Report): void {
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 }
  let dropped = 0
  const ordered = report.files
    .flatMap((file) => file.findings.map((finding) => ({ file, finding })))
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity))
  for (const { file, finding } of ordered) {
    const level = LEVEL[finding.severity]
    // Keep one notice slot for the overflow note.
    const cap = level === 'notice' ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL
    if (used[level] >= cap) {
      dropped++
      continue
    }
    used[level]++
    const where = describeLocation(finding)
    // @actions/core escapes properties and data for the workflow-command syntax.
    core[level](visible(truncate(`${finding.message}${where ? ` (${where})` : ''}`, 2000)), {
      title: `${finding.severity}: ${finding.rule}`,
      file: file.path
    })
  }
  if (dropped > 0) core.notice(`${dropped} more finding(s) are not annotated (GitHub's per-step limit); see the job summary.`)
}
