// Human output for terminals. Concise: one line per finding, worst first across all files
// (severity, path[:entry@offset], rule, what was found), then what to do once per rule, then
// the summary line. Verbose: the full message, location and advice with every finding, and
// the suppressed findings with their reasons.
import type { Finding, Report, Severity } from '../scan/findings.js'
import { blocks, type FailOn } from '../scan/policy.js'
import { describeCounts, describeExpired, describeLocation, describeRemote, describeSuppressed, describeSuppressions, describeVerdict, worstFirst, type LocatedFinding } from './describe.js'
import { clip, truncate, visible } from './escape.js'
import { ruleInfo } from './rules.js'
import { RULES_DOC_URL } from './rules-doc.js'

export interface TextOptions {
  failOn: FailOn
  /** ANSI colours (only when writing to a TTY). */
  color: boolean
  /** Only findings that block, and the summary. */
  quiet: boolean
  /** The long form: full messages, locations and advice with each finding; suppressed findings listed. */
  verbose: boolean
}

/** A concise line stays under this many characters, not counting the path part. */
export const LINE_LIMIT = 200

const COLORS: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' }
const RESET = '\x1b[0m'
const SEVERITY_WIDTH = 'CRITICAL'.length

type Paint = (severity: Severity, text: string) => string

/** "model.pt:archive/data.pkl@57": the path, then the archive entry and the byte offset when known. */
function pathPart(path: string, finding: Finding): string {
  const entry = finding.location?.entry
  const offset = finding.location?.offset
  return visible(truncate(path, 1000)) + (entry !== undefined ? `:${visible(truncate(entry, 300))}` : '') + (offset !== undefined ? `@${offset}` : '')
}

/**
 * What was found: the message's first sentence. Messages go on with consequences and advice,
 * which the concise form prints once per rule after the findings instead of on every line.
 */
export function firstSentence(message: string): string {
  const end = /\. (?=[A-Z])/.exec(message.slice(20))
  return end === null ? message : message.slice(0, 20 + end.index + 1)
}

function conciseLine({ path, finding }: LocatedFinding, paint: Paint): string {
  const severity = finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH)
  const rule = visible(clip(finding.rule, 60))
  const expired = finding.suppressionExpired !== undefined ? ` (${visible(clip(describeExpired(finding.suppressionExpired), 80))})` : ''
  // Spaces around the path and ": " after the rule; the message gets what is left.
  const room = LINE_LIMIT - 1 - severity.length - 2 - rule.length - 2 - expired.length
  return `${paint(finding.severity, severity)} ${pathPart(path, finding)} ${rule}: ${clip(visible(firstSentence(finding.message)), room)}${expired}`
}

function verboseLines({ path, finding }: LocatedFinding, paint: Paint): string[] {
  const where = describeLocation(finding)
  const notes = [
    finding.suppressed !== undefined ? describeSuppressed(finding.suppressed) : '',
    finding.suppressionExpired !== undefined ? describeExpired(finding.suppressionExpired) : ''
  ].filter((n) => n !== '')
  return [
    `${visible(truncate(path, 1000))}: ${paint(finding.severity, finding.severity.toUpperCase())} ${visible(finding.rule)}: ${visible(truncate(finding.message, 1000))}` +
      (where ? ` [${visible(truncate(where, 500))}]` : ''),
    ...notes.map((note) => `  ${visible(truncate(note, 1000))}`),
    `  what to do: ${ruleInfo(finding.rule).help}`
  ]
}

/** "What to do:" and one line per rule, in the order the rules first appear. */
function advice(listed: readonly LocatedFinding[]): string[] {
  const rules = [...new Set(listed.map((e) => e.finding.rule))]
  if (rules.length === 0) return []
  return ['', 'What to do:', ...rules.map((rule) => `  ${visible(rule)}: ${ruleInfo(rule).help}`), `  Details: ${RULES_DOC_URL}`, '']
}

/** "2 finding(s) suppressed by .modelgate.yml (see --verbose)", one line per policy or baseline file. */
function suppressedCounts(suppressed: readonly LocatedFinding[]): string[] {
  const counts = new Map<string, number>()
  for (const { finding } of suppressed) counts.set(finding.suppressed!.by, (counts.get(finding.suppressed!.by) ?? 0) + 1)
  return [...counts].map(([by, n]) => `${n} finding(s) suppressed by ${visible(truncate(by, 500))} (see --verbose)`)
}

export function renderText(report: Report, options: TextOptions): string {
  const paint: Paint = (severity, text) => (options.color ? `${COLORS[severity]}${text}${RESET}` : text)
  const all = worstFirst(report.files)
  const listed = all.filter((e) => e.finding.suppressed === undefined && (!options.quiet || blocks(e.finding.severity, options.failOn)))
  const suppressed = options.quiet ? [] : all.filter((e) => e.finding.suppressed !== undefined)
  const lines = options.verbose
    ? [...listed.flatMap((e) => verboseLines(e, paint)), ...(suppressed.length > 0 ? ['', 'Suppressed:', ...suppressed.flatMap((e) => verboseLines(e, paint))] : [])]
    : [...listed.map((e) => conciseLine(e, paint)), ...advice(listed), ...suppressedCounts(suppressed)]
  lines.push(...hubCommits(report))
  const verdict = describeVerdict(report, options.failOn)
  const remote = describeRemote(report)
  const suppressions = describeSuppressions(report)
  const summary =
    `modelgate: ${report.summary.files} file(s) scanned${remote !== '' ? ` (${remote})` : ''}, ${describeCounts(report)}` +
    `${suppressions !== '' ? `, ${suppressions}` : ''}; ${verdict}`
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
