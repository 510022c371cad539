// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).
//
// Results are file-level (no `region`): the upload step only computes its own
// line-hash fingerprint for results that have `region.startLine`, and doing so streams
// the whole file — a multi-GB model for us. We supply `partialFingerprints` instead:
// a hash of path + rule + what the finding is about (global, archive entry), never
// offsets, so an alert keeps its identity while a model is re-saved.
import { createHash } from 'node:crypto'
import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from '../scan/findings.js'
import { describeLocation } from './describe.js'
import { truncate, visible } from './escape.js'
import { ruleInfo } from './rules.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

/** GitHub keeps at most this many results per run. */
export const MAX_RESULTS = 25_000

type Level = 'error' | 'warning' | 'note'
const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }

/** GitHub's bands: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Exclude<Severity, 'info'>, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' }

/**
 * A SARIF `uri` for a report path: repository-relative paths stay relative (percent-encoded
 * per segment, so `:`, `,`, `#`, spaces and newlines survive), absolute ones become file URIs.
 */
export function sarifUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href
  return path
    .split('/')
    .filter((segment, i) => !(segment === '.' && i === 0))
    .map(encodeURIComponent)
    .join('/')
}

function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  return isAbsolute(path) ? { uri: sarifUri(path) } : { uri: sarifUri(path), uriBaseId: '%SRCROOT%' }
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
    help: { text: `${info.description} ${info.help}`, markdown: `${info.description}\n\n**What to do:** ${info.help}` },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ['security', 'ml-model', id.split('/')[0]], precision: 'high', 'security-severity': SECURITY_SEVERITY[severity] }
  }
}

/**
 * Renders the report as SARIF. `info` findings (notes such as followed symlinks) are left
 * out: they are not security alerts and would only add noise to the Security tab.
 */
export function renderSarif(report: Report): string {
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
    const where = describeLocation(finding)
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: LEVEL[finding.severity],
      message: { text: visible(truncate(`${finding.message}${where ? ` (${where})` : ''}`, 1000)) },
      locations: [
        {
          physicalLocation: { artifactLocation: artifactLocation(path) },
          ...(finding.location?.entry !== undefined ? { logicalLocations: [{ fullyQualifiedName: visible(truncate(finding.location.entry, 500)) }] } : {})
        }
      ],
      partialFingerprints: { primaryLocationLineHash: hash },
      properties: { severity: finding.severity, ...(typeof finding.global === 'string' ? { global: visible(truncate(finding.global, 500)) } : {}) }
    }
  })

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'modelgate', semanticVersion: report.tool.version, rules } },
        results
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
