// Workflow-command annotations, worst first, within GitHub's per-step caps. Past a cap
// GitHub drops annotations silently, so we stop at the cap and say how many more there are.
import * as core from '@actions/core'
import { SEVERITIES, type Report, type Severity } from '../scan/findings.js'
import { describeLocation, suppressionNote } from '../report/describe.js'
import { truncate, visible } from '../report/escape.js'

/** GitHub shows at most this many annotations per level per step. */
export const ANNOTATIONS_PER_LEVEL = 10

export type Level = 'error' | 'warning' | 'notice'
/** `info` findings (skipped links, unrecognised names) stay in the summary and the log. */
const LEVEL: Record<Exclude<Severity, 'info'>, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' }

/**
 * Annotates every finding at or above `low` that counts (suppressed ones stay in the summary
 * and the log; an expired suppression is named on its annotation). `used` counts annotations this step already
 * made per level (e.g. the check-run warning), so they are not pushed past the cap.
 */
export function annotate(report: Report, used: Record<Level, number> = { error: 0, warning: 0, notice: 0 }): void {
  const count = { ...used }
  let more = 0
  const ordered = report.files
    .flatMap((file) => file.findings.map((finding) => ({ file, finding })))
    .filter(({ finding }) => finding.severity !== 'info' && finding.suppressed === undefined)
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity))
  for (const { file, finding } of ordered) {
    const level = LEVEL[finding.severity as Exclude<Severity, 'info'>]
    // One notice slot stays free for the overflow note.
    const cap = level === 'notice' ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL
    if (count[level] >= cap) {
      more++
      continue
    }
    count[level]++
    const where = describeLocation(finding)
    // @actions/core escapes `file`, `title` and the message for the command syntax;
    // visible() also keeps control characters from untrusted text readable.
    core[level](visible(truncate(`${finding.message}${where ? ` (${where})` : ''}${suppressionNote(finding)}`, 2000)), {
      title: visible(`${finding.severity}: ${finding.rule}`),
      file: file.path
    })
  }
  if (more > 0) core.notice(`${more} more finding(s) are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); see the job summary.`)
}
