// Every finding in the step log. Each line starts with a fixed `[severity]` tag and has its
// control characters made visible, so a hostile file name (`::error::…`, newlines) can
// never start a line and be read by the runner as a workflow command. The block is also
// fenced with `::stop-commands::<random token>`: the runner then ignores every command
// until the token comes back, including the legacy `##[command]` form, which the runner
// looks for anywhere in a line (a pickle string or a member name can hold one).
import { randomBytes } from 'node:crypto'
import * as core from '@actions/core'
import type { Report } from '../scan/findings.js'
import { bySeverity, describeLocation, suppressionNote } from '../report/describe.js'
import { truncate, visible } from '../report/escape.js'

export function logFindings(report: Report): void {
  core.startGroup(`modelgate: ${report.summary.files} file(s) scanned`)
  // 128 random bits: a scanned file cannot know, so cannot print, the resume line.
  const token = randomBytes(16).toString('hex')
  core.info(`::stop-commands::${token}`)
  try {
    for (const file of report.files) {
      if (file.findings.length === 0) core.info(`[clean] ${visible(truncate(file.path, 1000))} (${file.format})`)
      for (const finding of bySeverity(file.findings)) {
        const where = describeLocation(finding)
        core.info(
          `[${finding.severity}] ${visible(truncate(file.path, 1000))}: ${finding.rule}: ${visible(truncate(finding.message, 2000))}` +
            (where ? ` (${visible(truncate(where, 500))})` : '') +
            visible(truncate(suppressionNote(finding), 1000))
        )
      }
    }
  } finally {
    core.info(`::${token}::`)
  }
  core.endGroup()
}
