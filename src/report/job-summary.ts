// The action's summary (job summary and check-run summary): verdict first, then what was
// scanned, what was not scanned, the findings per file with what to do, and safetensors
// facts. Every untrusted string goes through escapeMarkdown. The text is built block by
// block within a size budget, so a huge report is cut at a block boundary with a note.
import { SEVERITIES, worstSeverity, type FileReport, type Finding, type Report } from '../scan/findings.js'
import { blocks, type FailOn } from '../scan/policy.js'
import { bySeverity, describeLocation, describeRemote } from './describe.js'
import { escapeMarkdown, truncate } from './escape.js'
import { ruleInfo } from './rules.js'

export interface SummaryContext {
  failOn: FailOn
  /** What was scanned, e.g. "Files changed by pull request #12" (plain text). */
  scope: string
  /** What the reader must know: fallbacks, missing permissions (plain text). */
  notes: string[]
}

export interface SummaryLimit {
  max: number
  measure: (text: string) => number
}

/** GitHub rejects step summaries over 1 MiB; keep a margin for what other steps append. */
export const STEP_SUMMARY_LIMIT: SummaryLimit = { max: 1000 * 1000, measure: (text) => Buffer.byteLength(text, 'utf8') }
/** Checks API: `output.summary` is at most 65,535 characters. */
export const CHECK_SUMMARY_LIMIT: SummaryLimit = { max: 65_535, measure: (text) => text.length }

/** Rules that mean "this file was not analysed at all" (as opposed to a finding in its content). */
const NOT_SCANNED = new Set(['lfs/pointer', 'lfs/object-missing', 'remote/fetch-failed', 'fs/symlink-outside', 'scan/empty', 'scan/skipped-special', 'scan/unreadable', 'scan/not-in-checkout'])

const isNotScanned = (finding: Finding) => NOT_SCANNED.has(finding.rule) && finding.location?.entry === undefined
const code = (text: string) => `<code>${escapeMarkdown(truncate(text, 300))}</code>`
const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word.replace(/y$/, 'ie') + 's'}`

function verdict(report: Report, failOn: FailOn, notScanned: number): string {
  const counts = report.summary.findings
  const list = (keep: (s: (typeof SEVERITIES)[number]) => boolean) =>
    SEVERITIES.filter((s) => keep(s) && counts[s] > 0)
      .map((s) => `${counts[s]} ${s}`)
      .join(', ')
  const unscanned = notScanned > 0 ? ` ⚠️ ${plural(notScanned, 'file')} could not be scanned (see **Not scanned**).` : ''
  if (report.summary.blocked) {
    const blocking = SEVERITIES.filter((s) => blocks(s, failOn)).reduce((n, s) => n + counts[s], 0)
    return `**Blocked** by ${plural(blocking, 'finding')} at or above \`fail-on: ${failOn}\`: ${list((s) => blocks(s, failOn))}.${unscanned}`
  }
  const below = list(() => true)
  const rest = below ? ` Reported below the threshold: ${below}.` : ''
  if (failOn === 'never') return `**Passed**: \`fail-on: never\` reports findings without blocking.${rest}${unscanned}`
  return `**Passed**: nothing at or above \`fail-on: ${failOn}\`.${rest}${unscanned}`
}

function fileRow(file: FileReport): string {
  const worst = worstSeverity(file.findings.map((f) => f.severity)) ?? 'none'
  return `| ${code(file.path)} | ${file.format} | ${worst} | ${file.findings.length} |`
}

function findingLine(finding: Finding): string {
  const where = describeLocation(finding)
  const at = where ? ` (${escapeMarkdown(truncate(where, 300))})` : ''
  return `- **${finding.severity}** \`${finding.rule}\`: ${escapeMarkdown(truncate(finding.message, 1000))}${at}`
}

function fileFindings(file: FileReport, findings: Finding[]): string {
  const rules = [...new Set(findings.map((f) => f.rule))]
  const advice = rules.map((rule) => `- \`${rule}\`: ${escapeMarkdown(ruleInfo(rule).help)}`)
  return [`#### ${code(file.path)} (${file.format})`, '', ...findings.map(findingLine), '', '**What to do:**', '', ...advice, ''].join('\n')
}

function detailValue(value: unknown): string {
  if (Array.isArray(value)) {
    const shown = value.slice(0, 20).map((v) => detailValue(v))
    return shown.join(', ') + (value.length > 20 ? `, … (${value.length - 20} more)` : '') || '(none)'
  }
  if (value !== null && typeof value === 'object') {
    return detailValue(Object.entries(value).map(([k, v]) => `${k}: ${detailValue(v)}`))
  }
  return truncate(String(value), 200)
}

function safetensorsLine(file: FileReport): string {
  // `metadataKeys` -> "metadata keys".
  const label = (key: string) => key.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
  const facts = Object.entries(file.details ?? {}).map(([key, value]) => `${escapeMarkdown(label(key))} ${escapeMarkdown(detailValue(value))}`)
  return `- ${code(file.path)}: ${facts.join('; ')}`
}

/** Appends blocks while they fit in the budget, keeping room for the truncation note. */
class Budget {
  private readonly parts: string[] = []
  private used = 0
  private omitted = 0
  private static readonly RESERVE = 400

  constructor(private readonly limit: SummaryLimit) {}

  add(block: string): void {
    const size = this.limit.measure(block) + 1
    if (this.omitted > 0 || this.used + size > this.limit.max - Budget.RESERVE) {
      this.omitted++
      return
    }
    this.parts.push(block)
    this.used += size
  }

  text(): string {
    const note =
      this.omitted > 0
        ? [`\n> ✂️ Summary truncated at the size limit: ${plural(this.omitted, 'more entry')} left out. The log and the report-file output have everything.`]
        : []
    return `${[...this.parts, ...note].join('\n')}\n`
  }
}

export function renderJobSummary(report: Report, ctx: SummaryContext, limit: SummaryLimit): string {
  const out = new Budget(limit)
  const notScanned = report.files.filter((f) => f.findings.some(isNotScanned))
  const shown = report.files.filter((f) => f.format !== 'other' || f.findings.length > 0)
  const icon = report.summary.blocked ? '❌' : '✅'

  out.add(`## ${icon} modelgate: ${report.summary.blocked ? 'blocked' : 'passed'}\n`)
  out.add(`${verdict(report, ctx.failOn, notScanned.length)}\n`)
  const others = report.files.length - shown.length
  const remote = describeRemote(report)
  out.add(
    `${escapeMarkdown(ctx.scope)}: ${plural(report.files.length, 'file')} scanned` +
      (remote !== '' ? ` (${remote})` : '') +
      (others > 0 ? `; not listed: ${plural(others, 'file')} with no model data and no findings.` : '.') +
      '\n'
  )
  for (const note of ctx.notes) out.add(`> ⚠️ ${escapeMarkdown(truncate(note, 2000))}\n`)

  if (shown.length > 0) {
    const rank = (f: FileReport) => {
      const worst = worstSeverity(f.findings.map((x) => x.severity))
      return worst === null ? SEVERITIES.length : SEVERITIES.indexOf(worst)
    }
    out.add('| File | Format | Worst severity | Findings |\n| --- | --- | --- | --- |')
    for (const file of [...shown].sort((a, b) => rank(a) - rank(b))) out.add(fileRow(file))
    out.add('')
  }

  if (notScanned.length > 0) {
    out.add('### Not scanned\n')
    for (const file of notScanned) {
      const reasons = [...new Set(file.findings.filter(isNotScanned).map((f) => ruleInfo(f.rule).title))]
      out.add(`- ${code(file.path)}: ${escapeMarkdown(reasons.join('; '))}`)
    }
    out.add('')
  }

  const withFindings = report.files
    .map((file) => ({ file, findings: bySeverity(file.findings.filter((f) => !isNotScanned(f))) }))
    .filter((x) => x.findings.length > 0)
  if (withFindings.length > 0) {
    out.add('### Findings\n')
    for (const { file, findings } of withFindings) out.add(fileFindings(file, findings))
  }

  const safetensors = report.files.filter((f) => f.format === 'safetensors' && f.details !== undefined)
  if (safetensors.length > 0) {
    out.add('### safetensors files\n')
    for (const file of safetensors) out.add(safetensorsLine(file))
    out.add('')
  }
  return out.text()
}
