// The action's summary (job summary and check-run summary): verdict first, then a table of
// files worst first with counts per severity, what was not scanned, the findings per file,
// what to do once per rule, the suppressed findings (collapsed), and safetensors facts.
// Long lists show their first entries and collapse the rest. Every untrusted string goes
// through escapeMarkdown. The text is built block by block within a size budget, so a huge
// report is cut at a block boundary with a note.
import { SEVERITIES, worstSeverity, type FileReport, type Finding, type Report } from '../scan/findings.js'
import { blocks, type FailOn } from '../scan/policy.js'
import { bySeverity, describeExpired, describeLocation, describeRemote, describeSuppressed, worstFirst, type LocatedFinding } from './describe.js'
import { escapeMarkdown, truncate } from './escape.js'
import { ruleInfo } from './rules.js'
import { ruleHelpUri } from './rules-doc.js'

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

const isNotScanned = (finding: Finding) => NOT_SCANNED.has(finding.rule) && finding.location?.entry === undefined && finding.suppressed === undefined
const code = (text: string) => `<code>${escapeMarkdown(truncate(text, 300))}</code>`
const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word.replace(/y$/, 'ie') + 's'}`

/** Lists longer than this show their first entries and collapse the rest in `<details>`. */
export const SHOWN_ENTRIES = 10

const counted = (finding: Finding) => finding.suppressed === undefined

function suppressionNotes(report: Report): string {
  const suppressed = report.summary.suppressed
  const n = suppressed === undefined ? 0 : SEVERITIES.reduce((sum, s) => sum + suppressed[s], 0)
  const expired = report.summary.expiredSuppressions ?? 0
  return (
    (n > 0 ? ` ${n} suppressed (see **Suppressed**).` : '') +
    (expired > 0 ? ` ⚠️ ${plural(expired, 'suppression')} expired: ${expired === 1 ? 'that finding counts' : 'those findings count'} again.` : '')
  )
}

function verdict(report: Report, failOn: FailOn, notScanned: number): string {
  const counts = report.summary.findings
  const list = (keep: (s: (typeof SEVERITIES)[number]) => boolean) =>
    SEVERITIES.filter((s) => keep(s) && counts[s] > 0)
      .map((s) => `${counts[s]} ${s}`)
      .join(', ')
  const unscanned = notScanned > 0 ? ` ⚠️ ${plural(notScanned, 'file')} could not be scanned (see **Not scanned**).` : ''
  const tail = `${unscanned}${suppressionNotes(report)}`
  if (report.summary.blocked) {
    const blocking = SEVERITIES.filter((s) => blocks(s, failOn)).reduce((n, s) => n + counts[s], 0)
    return `**Blocked** by ${plural(blocking, 'finding')} at or above \`fail-on: ${failOn}\`: ${list((s) => blocks(s, failOn))}.${tail}`
  }
  const below = list(() => true)
  const rest = below ? ` Reported below the threshold: ${below}.` : ''
  if (failOn === 'never') return `**Passed**: \`fail-on: never\` reports findings without blocking.${rest}${tail}`
  return `**Passed**: nothing at or above \`fail-on: ${failOn}\`.${rest}${tail}`
}

/** Files worst first (by the worst finding that counts), then by path. */
function worstFilesFirst(files: readonly FileReport[]): FileReport[] {
  const rank = (f: FileReport) => {
    const worst = worstSeverity(f.findings.filter(counted).map((x) => x.severity))
    return worst === null ? SEVERITIES.length : SEVERITIES.indexOf(worst)
  }
  return [...files].sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function tableHead(withSuppressed: boolean): string {
  const columns = ['File', 'Format', ...SEVERITIES.map((s) => s[0].toUpperCase() + s.slice(1)), ...(withSuppressed ? ['Suppressed'] : [])]
  return `| ${columns.join(' | ')} |\n|${' --- |'.repeat(columns.length)}`
}

/** Counts per severity of the findings that count (blank for none), and the suppressed ones when any file has some. */
function fileRow(file: FileReport, withSuppressed: boolean): string {
  const count = (keep: (f: Finding) => boolean) => {
    const n = file.findings.filter(keep).length
    return n > 0 ? String(n) : ''
  }
  const cells = SEVERITIES.map((s) => count((f) => counted(f) && f.severity === s))
  if (withSuppressed) cells.push(count((f) => !counted(f)))
  return `| ${code(file.path)} | ${file.format} | ${cells.join(' | ')} |`
}

function findingLine(finding: Finding): string {
  const where = describeLocation(finding)
  const at = where ? ` (${escapeMarkdown(truncate(where, 300))})` : ''
  const expired = finding.suppressionExpired !== undefined ? ` ⚠️ ${escapeMarkdown(truncate(describeExpired(finding.suppressionExpired), 1000))}` : ''
  return `- **${finding.severity}** \`${finding.rule}\`: ${escapeMarkdown(truncate(finding.message, 1000))}${at}${expired}`
}

function suppressedLine({ path, finding }: LocatedFinding): string {
  const where = describeLocation(finding)
  const at = where ? ` (${escapeMarkdown(truncate(where, 300))})` : ''
  return `- **${finding.severity}** \`${finding.rule}\` ${code(path)}: ${escapeMarkdown(truncate(finding.message, 1000))}${at}: ${escapeMarkdown(truncate(describeSuppressed(finding.suppressed!), 1000))}`
}

/** The entries shown and those collapsed (none when collapsing would hide a single entry). */
function splitShown<T>(entries: readonly T[]): [readonly T[], readonly T[]] {
  return entries.length > SHOWN_ENTRIES + 1 ? [entries.slice(0, SHOWN_ENTRIES), entries.slice(SHOWN_ENTRIES)] : [entries, []]
}

/**
 * Adds the first SHOWN_ENTRIES entries, then the rest inside a collapsed `<details>` whose
 * summary says how many (`head`, e.g. a table header, repeated inside it).
 */
function addCollapsed(out: Budget, entries: readonly string[], more: (n: number) => string, head?: string): void {
  const [shown, rest] = splitShown(entries)
  for (const entry of shown) out.add(entry)
  if (rest.length === 0) return
  out.open(`\n<details><summary>${more(rest.length)}</summary>\n${head !== undefined ? `\n${head}` : ''}`, '\n</details>\n')
  for (const entry of rest) out.add(entry)
  out.close()
}

function fileFindings(out: Budget, file: FileReport, findings: Finding[]): void {
  out.add(`#### ${code(file.path)} (${file.format})\n`)
  addCollapsed(out, findings.map(findingLine), (n) => `${plural(n, 'more finding')} in this file`)
  out.add('')
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
  private readonly closers: Array<string | null> = []
  private static readonly RESERVE = 400

  constructor(private readonly limit: SummaryLimit) {}

  /** Appends the block if it fits (and nothing was left out before it); says whether it did. */
  add(block: string): boolean {
    const size = this.limit.measure(block) + 1
    if (this.omitted > 0 || this.used + size > this.limit.max - Budget.RESERVE) {
      this.omitted++
      return false
    }
    this.push(block)
    return true
  }

  /** Opens an HTML block (`<details>`): its closer is written by close() even after the budget ran out. */
  open(block: string, closer: string): void {
    this.closers.push(this.add(block) ? closer : null)
  }

  close(): void {
    const closer = this.closers.pop()
    // The closers are small and paid for by RESERVE.
    if (closer !== undefined && closer !== null) this.push(closer)
  }

  private push(block: string): void {
    this.parts.push(block)
    this.used += this.limit.measure(block) + 1
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
    const withSuppressed = report.summary.suppressed !== undefined
    const head = tableHead(withSuppressed)
    out.add(head)
    addCollapsed(out, worstFilesFirst(shown).map((f) => fileRow(f, withSuppressed)), (n) => `${plural(n, 'more file')}`, head)
    out.add('')
  }

  if (notScanned.length > 0) {
    out.add('### Not scanned\n')
    const lines = notScanned.map((file) => {
      const reasons = [...new Set(file.findings.filter(isNotScanned).map((f) => ruleInfo(f.rule).title))]
      return `- ${code(file.path)}: ${escapeMarkdown(reasons.join('; '))}`
    })
    addCollapsed(out, lines, (n) => `${plural(n, 'more file')} not scanned`)
    out.add('')
  }

  const withFindings = worstFilesFirst(report.files)
    .map((file) => ({ file, findings: bySeverity(file.findings.filter((f) => counted(f) && !isNotScanned(f))) }))
    .filter((x) => x.findings.length > 0)
  if (withFindings.length > 0) {
    out.add('### Findings\n')
    const [shownFiles, rest] = splitShown(withFindings)
    for (const { file, findings } of shownFiles) fileFindings(out, file, findings)
    if (rest.length > 0) {
      out.open(`<details><summary>${plural(rest.length, 'more file')} with findings</summary>\n`, '</details>\n')
      for (const { file, findings } of rest) fileFindings(out, file, findings)
      out.close()
    }
    const rules = [...new Set(withFindings.flatMap((x) => x.findings.map((f) => f.rule)))]
    out.add('### What to do\n')
    for (const rule of rules) out.add(`- [\`${rule}\`](${ruleHelpUri(rule)}): ${escapeMarkdown(ruleInfo(rule).help)}`)
    out.add('')
  }

  const suppressed = worstFirst(report.files).filter((e) => !counted(e.finding))
  if (suppressed.length > 0) {
    out.add('### Suppressed\n')
    out.open(`<details><summary>${plural(suppressed.length, 'suppressed finding')}: reported, not counted</summary>\n`, '\n</details>\n')
    for (const entry of suppressed) out.add(suppressedLine(entry))
    out.close()
  }

  const safetensors = report.files.filter((f) => f.format === 'safetensors' && f.details !== undefined)
  if (safetensors.length > 0) {
    out.add('### safetensors files\n')
    for (const file of safetensors) out.add(safetensorsLine(file))
    out.add('')
  }
  return out.text()
}
