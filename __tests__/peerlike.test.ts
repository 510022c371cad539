// The repository's own equivalents of the picklescan peer corpus (fixtures/gen_peerlike.py,
// fixtures/peerlike/manifest.json): every technique of that corpus, judged by the same label
// rules, with no file from outside the repository.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from '@jest/globals'
import type { FileReport, Report } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanPaths } from '../src/scan/scan.js'
import { brief, criticalNames, expectedShape, LABELS, shape, type Label } from './helpers/labels.js'

interface Entry {
  expect: Label
  format: string
  note: string
  covers: string[]
  global?: string
}

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures')
const manifest: Record<string, Entry> = JSON.parse(readFileSync(path.join(FIXTURES, 'peerlike/manifest.json'), 'utf8'))
const entries = Object.entries(manifest)

let report: Report
const byName = new Map<string, FileReport>()

beforeAll(async () => {
  report = await scanPaths(
    entries.map(([rel]) => path.join(FIXTURES, rel)),
    defaultScanOptions()
  )
  for (const file of report.files) byName.set(path.relative(FIXTURES, file.path), file)
}, 60_000)

describe('peer-corpus techniques, from the repository own fixtures', () => {
  test('the manifest covers 109 peer files, each once, with every label', () => {
    const covered = entries.flatMap(([, e]) => e.covers)
    expect(covered.length).toBe(109)
    expect(new Set(covered).size).toBe(109)
    expect(new Set(entries.map(([, e]) => e.expect))).toEqual(new Set(LABELS))
    for (const [rel] of entries) expect(byName.has(rel)).toBe(true)
  })

  test.each(entries)('%s is read as its format', (rel, entry) => {
    expect({ rel, format: byName.get(rel)!.format }).toEqual({ rel, format: entry.format })
  })

  test.each(entries.filter(([, e]) => e.expect === 'dangerous'))('%s is dangerous: a critical finding names the callable', (rel, entry) => {
    const file = byName.get(rel)!
    expect({ rel, note: entry.note, named: criticalNames(file).includes(entry.global!), findings: brief(file.findings) }).toMatchObject({ rel, note: entry.note, named: true })
  })

  test.each(entries.filter(([, e]) => e.expect !== 'dangerous'))('%s has its label', (rel, entry) => {
    const label = entry.expect as Exclude<Label, 'dangerous'>
    expect({ rel, note: entry.note, verdict: shape(byName.get(rel)!, label) }).toEqual({ rel, note: entry.note, verdict: expectedShape(label) })
  })

  test('the dangerous files block the report at the default fail-on', () => {
    expect(report.summary.blocked).toBe(true)
  })
})
