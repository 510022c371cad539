// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).
//
// Results are file-level (no `region`): the upload step only computes its own
// line-hash fingerprint for results that have `region.startLine`, and doing so streams
// the whole file — a multi-GB model for us. We supply `partialFingerprints` instead:
// a hash of path + rule + what the finding is about (global, archive entry), never
// offsets, so an alert keeps its identity while a model is re-saved.
import { createHash } from 'node:crypto'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from '../scan/findings.js'
import { describeExpired, describeLocation } from './describe.js'
import { truncate, visible } from './escape.js'
import { ruleInfo } from './rules.js'
import { ruleHelpUri, ruleSections } from './rules-doc.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

/** GitHub keeps at most this many results per run. */
export const MAX_RESULTS = 25_000

type Level = 'error' | 'warning' | 'note'
const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }

/** GitHub's bands: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Exclude<Severity, 'info'>, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' }

export interface SarifOptions {
  /** Absolute paths under this folder become `%SRCROOT%`-relative URIs (default: the current directory). */
  srcRoot?: string
}

const SRCROOT = '%SRCROOT%'
/** Report paths that are already URIs: hub repos and HTTP(S) objects. */
const URI_PATH = /^(?:hf|https?):\/\//

/** A relative path as a URI reference: percent-encoded per segment, so `:`, `,`, `#`, spaces and newlines survive. */
function relativeUri(path: string): string {
  return path
    .split('/')
    .filter((segment, i) => !(segment === '.' && i === 0))
    .map(encodeURIComponent)
    .join('/')
}

/**
 * A SARIF `uri` for a report path: relative paths stay relative, absolute ones become file
 * URIs, hub and HTTP(S) paths stay as they are.
 */
export function sarifUri(path: string): string {
  if (URI_PATH.test(path)) return path
  return isAbsolute(path) ? pathToFileURL(path).href : relativeUri(path)
}

/**
 * Where a result is: relative to `%SRCROOT%` when the file lies under the source root (GitHub
 * code scanning then links it to the repository), otherwise an absolute file URI or the
 * report's own URL. Relative report paths are taken relative to the source root.
 */
export function artifactLocation(path: string, srcRoot: string): { uri: string; uriBaseId?: string } {
  if (URI_PATH.test(path)) return { uri: path }
  const absolute = resolve(srcRoot, path)
  const under = relative(srcRoot, absolute)
  if (under === '' || under === '..' || under.startsWith(`..${sep}`) || isAbsolute(under)) return { uri: pathToFileURL(absolute).href }
  return { uri: relativeUri(under.split(sep).join('/')), uriBaseId: SRCROOT }
}

/** The source root as SARIF wants a base URI: a file URI ending in `/`. */
function srcRootUri(srcRoot: string): string {
  const href = pathToFileURL(srcRoot).href
  return href.endsWith('/') ? href : `${href}/`
}

function fingerprintKey(path: string, finding: Finding): string {
  const subject = typeof finding.global === 'string' ? finding.global : ''
  return [path, finding.rule, subject, finding.location?.entry ?? ''].join('\0')
}

interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  helpUri: string
  help: { text: string; markdown: string }
  defaultConfiguration: { level: Level }
  properties: { tags: string[]; precision: 'high'; 'security-severity': string }
}

function ruleFor(id: string, severity: Exclude<Severity, 'info'>): SarifRule {
  const info = ruleInfo(id)
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: info.title },
    fullDescription: { text: info.description },
    helpUri: ruleHelpUri(id),
    help: {
      text: ruleSections(info)
        .map(([label, text]) => `${label}: ${text}`)
        .join('\n\n'),
      markdown: [...ruleSections(info).map(([label, text]) => `**${label}:** ${text}`), `[${id} in the rules reference](${ruleHelpUri(id)})`].join('\n\n')
    },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ['security', 'ml-model', id.split('/')[0]], precision: 'high', 'security-severity': SECURITY_SEVERITY[severity] }
  }
}

/** A suppressed finding as GitHub shows a dismissed alert: the policy or baseline decided, with its reason. */
function suppressions(finding: Finding): { suppressions?: object[] } {
  const s = finding.suppressed
  if (s === undefined) return {}
  const properties = { by: visible(truncate(s.by, 500)), ...(s.expires !== undefined ? { expires: s.expires } : {}) }
  return { suppressions: [{ kind: 'external', status: 'accepted', justification: visible(truncate(s.reason, 1000)), properties }] }
}

function messageText(finding: Finding): string {
  const where = describeLocation(finding)
  const expired = finding.suppressionExpired !== undefined ? ` [${describeExpired(finding.suppressionExpired)}]` : ''
  return visible(truncate(`${finding.message}${where ? ` (${where})` : ''}${expired}`, 1000))
}

/**
 * Renders the report as SARIF. `info` findings (notes such as followed symlinks) are left
 * out: they are not security alerts and would only add noise to the Security tab.
 * Suppressed findings are results with a `suppressions` entry, so code scanning shows them dismissed.
 */
export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const srcRoot = resolve(options.srcRoot ?? process.cwd())
  const entries = report.files
    .flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding })))
    .filter((e): e is { path: string; finding: Finding & { severity: Exclude<Severity, 'info'> } } => e.finding.severity !== 'info')
    // Worst first, so that GitHub's per-run cap drops the least severe.
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity))
    .slice(0, MAX_RESULTS)

  // One rule per rule id, rated by the worst severity it has in this run.
  const worst = new Map<string, Exclude<Severity, 'info'>>()
  for (const { finding } of entries) {
    const seen = worst.get(finding.rule)
    if (seen === undefined || severityRank(finding.severity) > severityRank(seen)) worst.set(finding.rule, finding.severity)
  }
  const ruleIds = [...worst.keys()].sort()
  const rules = ruleIds.map((id) => ruleFor(id, worst.get(id)!))

  // Identical keys (same global in the same file twice) get an ordinal, so no alert swallows another.
  const occurrences = new Map<string, number>()
  const results = entries.map(({ path, finding }) => {
    const key = fingerprintKey(path, finding)
    const n = occurrences.get(key) ?? 0
    occurrences.set(key, n + 1)
    const hash = createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32)
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: messageText(finding) },
      locations: [
        {
          physicalLocation: { artifactLocation: artifactLocation(path, srcRoot) },
          ...(finding.location?.entry !== undefined ? { logicalLocations: [{ fullyQualifiedName: visible(truncate(finding.location.entry, 500)) }] } : {})
        }
      ],
      partialFingerprints: { primaryLocationLineHash: hash },
      ...suppressions(finding),
      properties: { severity: finding.severity, ...(typeof finding.global === 'string' ? { global: visible(truncate(finding.global, 500)) } : {}) }
    }
  })

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'modelgate', semanticVersion: report.tool.version, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(srcRoot) } },
        results
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
