// The picklescan peer corpus's coverage from the repository's own fixtures: every entry of
// fixtures/peerlike/manifest.json (written by fixtures/gen_peerlike.py) names a fixture of ours
// carrying the technique of one or more peer files, judged by the same label rules as
// peer-corpus.test.ts. Needs nothing outside the repository.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from '@jest/globals'
import type { FileReport, Report } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanPaths } from '../src/scan/scan.js'
import { expectLabel, LABELS, type Label } from './helpers/labels.js'

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures')

interface PeerlikeEntry {
  expect: Label
  note: string
  /** Peer corpus files (paths under picklescan/) whose technique this fixture carries. */
  covers: string[]
  names?: string[]
  namePattern?: string
  format?: string
}

const manifest: Record<string, PeerlikeEntry> = JSON.parse(readFileSync(path.join(FIXTURES, 'peerlike/manifest.json'), 'utf8'))
const entries = Object.entries(manifest)

let report: Report
const byName = new Map<string, FileReport>()

beforeAll(async () => {
  report = await scanPaths(
    entries.map(([name]) => path.join(FIXTURES, name)),
    defaultScanOptions()
  )
  for (const file of report.files) byName.set(path.relative(FIXTURES, file.path), file)
}, 60_000)

describe('peer-corpus coverage from our own fixtures', () => {
  test('the manifest covers each of the 109 peer files once, with the peer counts per label', () => {
    const covered = entries.flatMap(([, e]) => e.covers.map((peer) => [peer, e.expect] as const))
    expect(new Set(covered.map(([peer]) => peer)).size).toBe(covered.length)
    const counts = Object.fromEntries(LABELS.map((label) => [label, covered.filter(([, l]) => l === label).length]))
    expect(counts).toEqual({ dangerous: 95, 'pickle-safe': 8, clean: 3, inert: 2, unreadable: 1 })
  })

  test('every file in fixtures/peerlike is in the manifest, and every manifest file is scanned', () => {
    const own = readdirSync(path.join(FIXTURES, 'peerlike'))
      .filter((f) => f !== 'manifest.json')
      .map((f) => `peerlike/${f}`)
    expect(own.filter((f) => manifest[f] === undefined)).toEqual([])
    expect(entries.map(([name]) => name).filter((name) => !byName.has(name))).toEqual([])
  })

  test.each(entries.filter(([, e]) => e.format !== undefined))('%s is read as its format', (name, entry) => {
    expect({ name, format: byName.get(name)?.format }).toEqual({ name, format: entry.format })
  })

  test.each(entries)('%s meets its label', (name, entry) => {
    const namePattern = entry.namePattern === undefined ? undefined : new RegExp(entry.namePattern)
    expectLabel(byName.get(name), { name, expect: entry.expect, note: entry.note, names: entry.names, namePattern })
  })

  test('the dangerous fixtures block the report at the default fail-on', () => {
    expect(report.summary.blocked).toBe(true)
  })
})
