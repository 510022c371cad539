// The whole picklescan corpus (../shared/peer-corpus/README.md), bare pickles and containers,
// through the public engine entry `scanPaths` with default options, judged by the README's
// label rules: dangerous → blocked with a critical finding naming the dangerous callable;
// pickle-safe → exactly one pickle/format and nothing above medium; clean → nothing above info;
// inert → nothing critical; unreadable → scan/incomplete at medium or above.
//
// The corpus is not part of this repository (a clone, GitHub's CI): the suite runs when it lies
// beside the repository (or at MODELGATE_PEER_CORPUS) and is reported as skipped otherwise. The
// same techniques are covered by the repository's own fixtures (peerlike.test.ts).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from '@jest/globals'
import type { FileReport, Report } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanPaths } from '../src/scan/scan.js'
import { brief, criticalNames, expectedShape, shape, type Label } from './helpers/labels.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ROOT = path.resolve(REPO, process.env.MODELGATE_PEER_CORPUS ?? '../shared/peer-corpus/picklescan')
const PRESENT = existsSync(path.join(ROOT, 'manifest.json'))
const manifest: Record<string, { expect: string; note: string }> = PRESENT ? JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) : {}
const entries = Object.entries(manifest)

const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins', httplib: 'http.client' }

/** Callables named in "picklescan expects X (Dangerous)", as `module.qualname`. */
function expectedCallables(note: string): string[] {
  const clause = /picklescan expects (.*?) \((?:both )?Dangerous\)/.exec(note)?.[1]
  if (clause === undefined) return []
  return clause
    .replace(/^all six /, '')
    .split(/,? and |, /)
    .map((item) => item.trim().replace(/ /, '.'))
    .filter((item) => /^[\w.]+$/.test(item))
    .map((item) => item.replace(/^(\w+)\./, (m, mod: string) => (PY2_MODULES[mod] ? `${PY2_MODULES[mod]}.` : m)))
}

/** Files whose note words the expectation differently; what the critical finding must name. */
const NAMED_ELSEWHERE: Record<string, RegExp> = {
  'malicious0.pkl': /^builtins\.(compile|eval|getattr|apply)$/,
  'data2/cloudpickle_codeinjection.pkl': /^cloudpickle\.cloudpickle\./,
  'sys_module_override_sploit.pkl': /^<global torch\._utils\._rebuild_tensor>/
}

/** The format each container file must be read as (everything else is a bare pickle). */
const CONTAINER_FORMATS: Record<string, string> = {
  'benign_password_protected.zip': 'zip',
  'data2/dns_exfiltration.npy': 'numpy',
  'data2/int_array.npy': 'numpy',
  'data2/int_arrays.npz': 'npz',
  'data2/int_arrays_compressed.npz': 'npz',
  'data2/malicious1_crc.zip': 'zip',
  'data2/object_array.npy': 'numpy',
  'data2/object_arrays.npz': 'npz',
  'data2/object_arrays_compressed.npz': 'npz',
  'malicious1.7z': 'compressed',
  'malicious1.zip': 'zip',
  'malicious1_0x1.zip': 'zip',
  'malicious1_0x20.zip': 'zip',
  'malicious1_0x40.zip': 'zip',
  'malicious1_central_directory.zip': 'zip',
  'malicious1_wrong_ext.zip': 'zip',
  'new_pytorch_model.bin': 'pytorch-zip',
  'pytorch_model.bin': 'pytorch-legacy',
  'pytorch_magic_bypass.pt': 'pytorch-legacy'
}

if (!PRESENT) {
  console.log(`peer-corpus.test.ts: skipped, no picklescan corpus at ${ROOT} (set MODELGATE_PEER_CORPUS to its folder to run it)`)
  describe.skip(`picklescan peer corpus (not found at ${ROOT})`, () => {
    test('runs when the corpus is present', () => undefined)
  })
} else {
  let report: Report
  const byName = new Map<string, FileReport>()

  beforeAll(async () => {
    report = await scanPaths([ROOT], defaultScanOptions())
    for (const file of report.files) byName.set(path.relative(ROOT, file.path), file)
  }, 60_000)

  describe('picklescan peer corpus through scanPaths', () => {
    test('every manifest entry is scanned, and nothing else but the manifest and licence', () => {
      expect(entries.length).toBe(109)
      expect([...byName.keys()].filter((k) => manifest[k] === undefined).sort()).toEqual(['LICENSE', 'manifest.json'])
      for (const [name] of entries) expect(byName.has(name)).toBe(true)
    })

    test.each(Object.entries(CONTAINER_FORMATS))('%s is read as %s', (name, format) => {
      const file = byName.get(name)!
      expect({ name, note: manifest[name].note, format: file.format }).toEqual({ name, note: manifest[name].note, format })
    })

    test.each(entries.filter(([, e]) => e.expect === 'dangerous'))('%s is dangerous: blocked, with a critical finding naming the callable', (name, entry) => {
      const file = byName.get(name)!
      const named = criticalNames(file)
      const expected = expectedCallables(entry.note)
      const pattern = NAMED_ELSEWHERE[name]
      const ok = pattern !== undefined ? named.some((g) => pattern.test(g)) : expected.length > 0 && expected.some((e) => named.includes(e))
      if (!ok) throw new Error(`${name}: expected a critical finding naming ${pattern ?? expected.join(' or ')}; got ${JSON.stringify(brief(file.findings))}\nnote: ${entry.note}`)
    })

    test('every dangerous file blocks the report at the default fail-on', () => {
      expect(report.summary.blocked).toBe(true)
    })

    test.each(entries.filter(([, e]) => e.expect !== 'dangerous'))('%s has its label', (name, entry) => {
      const label = entry.expect as Exclude<Label, 'dangerous'>
      expect({ name, note: entry.note, verdict: shape(byName.get(name)!, label) }).toEqual({ name, note: entry.note, verdict: expectedShape(label) })
    })

    test('every file is covered by a fixture of the repository own (fixtures/peerlike/manifest.json)', () => {
      const own: Record<string, { covers: string[] }> = JSON.parse(readFileSync(path.join(REPO, 'fixtures/peerlike/manifest.json'), 'utf8'))
      const covered = new Set(Object.values(own).flatMap((e) => e.covers))
      expect(entries.map(([name]) => name).filter((name) => !covered.has(name))).toEqual([])
    })

    test('the labels cover every verdict the README defines except foreign-code (none in this corpus)', () => {
      expect(new Set(entries.map(([, e]) => e.expect))).toEqual(new Set(['dangerous', 'pickle-safe', 'clean', 'inert', 'unreadable']))
    })
  })
}
