// The baseline: the findings a repository already had when it adopted modelgate, recorded
// by fingerprint so that later runs report them as suppressed and block only on new ones.
// A fingerprint covers the file, rule, global, archive entry and offset: when any of them
// changes, the finding is new again.
import { createHash } from 'node:crypto'
import type { FileReport, Finding } from '../scan/findings.js'
import { isIsoDate, PolicyError, readPolicyInput } from './file.js'

export const BASELINE_VERSION = 1
const MAX_BASELINE_BYTES = 64 * 1024 * 1024
const FINGERPRINT = /^[0-9a-f]{32}$/

export interface BaselineEntry {
  fingerprint: string
  path: string
  rule: string
  severity: string
  global?: string
  entry?: string
  offset?: number
}

export interface Baseline {
  /** As named in the policy file. */
  name: string
  created: string
  entries: Map<string, BaselineEntry>
}

/** `path` is policy-relative (policy/paths.ts), so runs from the CLI and the action agree. */
export function fingerprint(path: string, finding: Finding): string {
  const key = [path, finding.rule, typeof finding.global === 'string' ? finding.global : null, finding.location?.entry ?? null, finding.location?.offset ?? null]
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)
}

/**
 * The baseline file for every finding that counts now, as JSON text. Suppressed findings are
 * left out (the policy file covers them), and so are those whose suppression expired: the
 * expiry asks for a decision, which a baseline must not take silently.
 */
export function renderBaseline(files: readonly FileReport[], pathOf: (reportPath: string) => string | null, today: string): { text: string; count: number; outside: number } {
  const entries: BaselineEntry[] = []
  let outside = 0
  for (const file of files) {
    const path = pathOf(file.path)
    for (const finding of file.findings) {
      if (finding.suppressed !== undefined || finding.suppressionExpired !== undefined) continue
      if (path === null) {
        outside++
        continue
      }
      entries.push({
        fingerprint: fingerprint(path, finding),
        path,
        rule: finding.rule,
        severity: finding.severity,
        ...(typeof finding.global === 'string' ? { global: finding.global } : {}),
        ...(finding.location?.entry !== undefined ? { entry: finding.location.entry } : {}),
        ...(finding.location?.offset !== undefined ? { offset: finding.location.offset } : {})
      })
    }
  }
  const text = `${JSON.stringify({ 'modelgate-baseline': BASELINE_VERSION, created: today, findings: entries }, null, 2)}\n`
  return { text, count: entries.length, outside }
}

function bad(name: string, why: string): never {
  throw new PolicyError(`baseline ${name}: ${why} (write it again with --write-baseline)`)
}

/** Reads a baseline strictly: anything but the shape renderBaseline writes is an error. */
export function parseBaseline(text: string, name: string): Baseline {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    bad(name, `not valid JSON: ${(err as Error).message}`)
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) bad(name, 'expected a JSON object')
  const record = data as Record<string, unknown>
  const extra = Object.keys(record).filter((k) => !['modelgate-baseline', 'created', 'findings'].includes(k))
  if (extra.length > 0) bad(name, `unknown key ${JSON.stringify(extra[0])}`)
  if (record['modelgate-baseline'] !== BASELINE_VERSION) bad(name, `"modelgate-baseline" must be ${BASELINE_VERSION}`)
  if (typeof record.created !== 'string' || !isIsoDate(record.created)) bad(name, '"created" must be a date YYYY-MM-DD')
  if (!Array.isArray(record.findings)) bad(name, '"findings" must be a list')
  const entries = new Map<string, BaselineEntry>()
  for (const [i, item] of (record.findings as unknown[]).entries()) {
    const e = item as BaselineEntry
    if (e === null || typeof e !== 'object' || typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) bad(name, `findings[${i}].fingerprint must be 32 hex digits`)
    if (typeof e.path !== 'string' || typeof e.rule !== 'string') bad(name, `findings[${i}] needs "path" and "rule"`)
    entries.set(e.fingerprint, e)
  }
  return { name, created: record.created as string, entries }
}

export async function loadBaseline(path: string, name: string): Promise<Baseline> {
  const data = await readPolicyInput(path, `the baseline ${name}`)
  if (data.length > MAX_BASELINE_BYTES) bad(name, 'larger than 64 MiB')
  return parseBaseline(data.toString('utf8'), name)
}
