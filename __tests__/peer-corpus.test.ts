// The whole picklescan corpus (../shared/peer-corpus/README.md), bare pickles and containers,
// through the public engine entry `scanPaths` with default options, judged by the README's
// label rules (__tests__/helpers/labels.ts). The corpus is another project's data and lives
// beside the repository, not in it: set MODELGATE_PEER_CORPUS to its picklescan/ folder, or
// keep it at ../shared/peer-corpus/picklescan from the repository root. Without it this suite
// is skipped (and says so); peerlike.test.ts gives the same coverage from our own fixtures.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from '@jest/globals'
import type { FileReport, Report } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanPaths } from '../src/scan/scan.js'
import { expectLabel, LABELS } from './helpers/labels.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ROOT = path.resolve(REPO, process.env.MODELGATE_PEER_CORPUS ?? '../shared/peer-corpus/picklescan')
const PRESENT = existsSync(path.join(ROOT, 'manifest.json'))
// Written past jest's console buffer, which it does not print for a fully skipped file.
if (!PRESENT) process.stderr.write(
  `peer-corpus.test.ts skipped: no peer corpus at ${ROOT} (set MODELGATE_PEER_CORPUS to its picklescan/ folder); peerlike.test.ts covers it with the repository's own fixtures\n`
)

const manifest: Record<string, { expect: (typeof LABELS)[number]; note: string }> = PRESENT ? JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) : {}
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

let report: Report
const byName = new Map<string, FileReport>()

beforeAll(async () => {
  if (!PRESENT) return
  report = await scanPaths([ROOT], defaultScanOptions())
  for (const file of report.files) byName.set(path.relative(ROOT, file.path), file)
}, 60_000)

const SUITE = 'picklescan peer corpus through scanPaths'

if (!PRESENT) {
  describe.skip(SUITE, () => {
    test(`needs the peer corpus at ${ROOT} (MODELGATE_PEER_CORPUS)`, () => {})
  })
} else describe(SUITE, () => {
  test('every manifest entry is scanned, and nothing else but the manifest and licence', () => {
    expect(entries.length).toBe(109)
    expect([...byName.keys()].filter((k) => manifest[k] === undefined).sort()).toEqual(['LICENSE', 'manifest.json'])
    for (const [name] of entries) expect(byName.has(name)).toBe(true)
  })

  test.each(Object.entries(CONTAINER_FORMATS))('%s is read as %s', (name, format) => {
    const file = byName.get(name)!
    expect({ name, note: manifest[name].note, format: file.format }).toEqual({ name, note: manifest[name].note, format })
  })

  test.each(entries)('%s meets its label', (name, entry) => {
    const namePattern = NAMED_ELSEWHERE[name]
    expectLabel(byName.get(name), { name, ...entry, names: namePattern === undefined ? expectedCallables(entry.note) : undefined, namePattern })
  })

  test('every dangerous file blocks the report at the default fail-on', () => {
    expect(report.summary.blocked).toBe(true)
  })

  test('fixtures/peerlike/manifest.json covers exactly these files, each under the same label', () => {
    const ours: Record<string, { expect: string; covers: string[] }> = JSON.parse(readFileSync(path.join(REPO, 'fixtures/peerlike/manifest.json'), 'utf8'))
    const covered = Object.entries(ours).flatMap(([fixture, e]) => e.covers.map((peer) => [peer, { fixture, expect: e.expect }] as const))
    expect(covered.map(([peer]) => peer).sort()).toEqual(entries.map(([name]) => name).sort())
    for (const [peer, { fixture, expect: label }] of covered) expect({ peer, fixture, label }).toEqual({ peer, fixture, label: manifest[peer].expect })
  })

  test('the labels cover every verdict the README defines except foreign-code (none in this corpus)', () => {
    expect(new Set(entries.map(([, e]) => e.expect))).toEqual(new Set(LABELS))
  })
})
