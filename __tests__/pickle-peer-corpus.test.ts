// Every bare pickle of picklescan's public test corpus must match its label
// (../shared/peer-corpus/README.md): dangerous → a critical finding naming the
// dangerous callable; pickle-safe → exactly one pickle/format and nothing above it;
// inert → nothing critical. Containers (zip, 7z, npy/npz, legacy torch) belong to the
// container scanners and are listed in CONTAINERS, checked here only by their sniffed kind.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import type { Finding } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource, sourceChunks } from '../src/scan/source.js'
import { analyzePickleStream } from '../src/scan/pickle/analyze.js'
import { scanPickle } from '../src/scan/pickle/scan-pickle.js'

const ROOT = path.resolve(process.cwd(), '../shared/peer-corpus/picklescan')
const manifest: Record<string, { expect: string; note: string }> = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'))

const LEGACY_TORCH_MAGIC = Buffer.from('80028a0a6cfc9c46f9206aa85019', 'hex')

/** Why a corpus file is not a bare pickle, or null when it is one. */
function containerKind(bytes: Buffer): string | null {
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip'
  if (bytes.subarray(0, 6).equals(Buffer.from('377abcaf271c', 'hex'))) return '7z'
  if (bytes.subarray(0, 6).equals(Buffer.from('\x93NUMPY', 'latin1'))) return 'npy'
  if (bytes.subarray(0, LEGACY_TORCH_MAGIC.length).equals(LEGACY_TORCH_MAGIC)) return 'legacy torch (5 pickles + raw storages)'
  return null
}

const CONTAINERS: Record<string, string> = {
  'benign_password_protected.zip': 'zip',
  'data2/dns_exfiltration.npy': 'npy',
  'data2/int_array.npy': 'npy',
  'data2/int_arrays.npz': 'zip',
  'data2/int_arrays_compressed.npz': 'zip',
  'data2/malicious1_crc.zip': 'zip',
  'data2/object_array.npy': 'npy',
  'data2/object_arrays.npz': 'zip',
  'data2/object_arrays_compressed.npz': 'zip',
  'malicious1.7z': '7z',
  'malicious1.zip': 'zip',
  'malicious1_0x1.zip': 'zip',
  'malicious1_0x20.zip': 'zip',
  'malicious1_0x40.zip': 'zip',
  'malicious1_central_directory.zip': 'zip',
  'malicious1_wrong_ext.zip': 'zip',
  'new_pytorch_model.bin': 'zip',
  'pytorch_model.bin': 'legacy torch (5 pickles + raw storages)'
}

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

async function scan(bytes: Buffer): Promise<Finding[]> {
  return (await scanPickle(bufferSource(bytes), { options: defaultScanOptions(), depth: 0 })).findings
}

const entries = Object.entries(manifest)
const bare = entries.filter(([name]) => containerKind(readFileSync(path.join(ROOT, name))) === null)

describe('picklescan peer corpus', () => {
  test('the corpus is where the README says and the container list is exact', () => {
    expect(entries.length).toBe(109)
    const containers = Object.fromEntries(entries.map(([name]) => [name, containerKind(readFileSync(path.join(ROOT, name)))]).filter(([, kind]) => kind !== null))
    expect(containers).toEqual(CONTAINERS)
    expect(bare.length).toBe(91)
  })

  test.each(bare.filter(([, e]) => e.expect === 'dangerous'))('%s is dangerous', async (name, entry) => {
    const findings = await scan(readFileSync(path.join(ROOT, name)))
    const critical = findings.filter((f) => f.severity === 'critical')
    const named = critical.flatMap((f) => [f.global, f.reached].filter((g): g is string => typeof g === 'string'))
    const expected = expectedCallables(entry.note)
    const pattern = NAMED_ELSEWHERE[name]
    const ok = pattern !== undefined ? named.some((g) => pattern.test(g)) : expected.length > 0 && expected.some((e) => named.includes(e))
    if (!ok) throw new Error(`${name}: expected a critical finding naming ${pattern ?? expected.join(' or ')}; got ${JSON.stringify(named)}\nnote: ${entry.note}`)
  })

  test.each(bare.filter(([, e]) => e.expect === 'pickle-safe'))('%s is pickle data with allowlisted globals only', async (name, entry) => {
    const findings = await scan(readFileSync(path.join(ROOT, name)))
    expect({ name, note: entry.note, findings: findings.map((f) => `${f.rule} ${f.severity}`) }).toEqual({ name, note: entry.note, findings: ['pickle/format medium'] })
  })

  test.each(bare.filter(([, e]) => e.expect === 'inert'))('%s is inert: nothing critical', async (name, entry) => {
    const findings = await scan(readFileSync(path.join(ROOT, name)))
    expect({ name, note: entry.note, critical: findings.filter((f) => f.severity === 'critical') }).toEqual({ name, note: entry.note, critical: [] })
  })

  test('the legacy torch checkpoint is allowlisted pickle data when read as its loader does (5 pickles, then raw storages)', async () => {
    const bytes = readFileSync(path.join(ROOT, 'pytorch_model.bin'))
    const result = await analyzePickleStream(sourceChunks(bufferSource(bytes)), { ctx: { options: defaultScanOptions(), depth: 0 }, maxPickles: 5 })
    expect(result).toMatchObject({ pickles: 5, findings: [], allAllowlisted: true, sawPickle: true })
    expect(result.end).toBe(8102) // just after the fifth STOP: the raw storage bytes (the note's invalid 0xE2 is their second byte)
  })

  test('the labels of the bare pickles are all covered', () => {
    expect(new Set(bare.map(([, e]) => e.expect))).toEqual(new Set(['dangerous', 'pickle-safe', 'inert']))
  })
})
