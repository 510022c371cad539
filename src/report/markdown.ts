// The job-summary body: verdict first, a table of files, then the findings per file.
// Every untrusted string (paths, messages, entries) goes through escapeMarkdown.
import { worstSeverity, type FileReport, type Report } from '../scan/findings.js'
import type { FailOn } from '../scan/policy.js'
import { bySeverity, describeCounts, describeLocation, describeVerdict } from './describe.js'
import { escapeMarkdown, truncate } from './escape.js'

const code = (text: string) => `<code>${escapeMarkdown(text)}</code>`

function fileRow(file: FileReport): string {
  const worst = worstSeverity(file.findings.map((f) => f.severity)) ?? 'none'
  return `| ${code(file.path)} | ${file.format} | ${worst} | ${file.findings.length} |`
}

function fileFindings(file: FileReport): string[] {
  const lines = [`#### ${code(file.path)}`, '']
  for (const finding of bySeverity(file.findings)) {
    const where = describeLocation(finding)
    lines.push(
      `- **${finding.severity}** \`${finding.rule}\`: ${escapeMarkdown(truncate(finding.message, 1000))}` + (where ? ` (${escapeMarkdown(where)})` : '')
    )
  }
  lines.push('')
  return lines
}

export function renderMarkdown(report: Report, failOn: FailOn): string {
  const icon = report.summary.blocked ? '❌' : '✅'
  const lines = [
    `## ${icon} modelgate: ${report.summary.blocked ? 'blocked' : 'passed'}`,
    '',
    `${escapeMarkdown(describeVerdict(report, failOn))}. ${report.summary.files} file(s) scanned, ${describeCounts(report)}.`,
    ''
  ]
  if (report.files.length > 0) {
    lines.push('| File | Format | Worst severity | Findings |', '| --- | --- | --- | --- |', ...report.files.map(fileRow), '')
  }
  const withFindings = report.files.filter((f) => f.findings.length > 0)
  if (withFindings.length > 0) lines.push('### Findings', '', ...withFindings.flatMap(fileFindings))
  return `${lines.join('\n')}\n`
}
