// The CLI with a policy file: discovery in the working directory, precedence, exclude,
// suppressions and baselines in the JSON report, exit statuses 2 and 3.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { main } from '../src/cli/main.js'
import type { Report } from '../src/scan/findings.js'
import { todayUtc } from '../src/policy/suppress.js'

/** `mypkg.layers.Dense()`: pickle/unknown-global (high) at offset 2. */
const UNKNOWN = Buffer.from('\x80\x02cmypkg.layers\nDense\n)R.', 'latin1')
/** An empty dict: pickle/format (medium) only. */
const PLAIN = Buffer.from('\x80\x02}.', 'latin1')

let dir: string
let home: string
beforeEach(() => {
  home = process.cwd()
  dir = mkdtempSync(`${tmpdir()}/modelgate-cli-policy-`)
  mkdirSync(`${dir}/models`)
  writeFileSync(`${dir}/models/net.pkl`, UNKNOWN)
  writeFileSync(`${dir}/models/plain.pkl`, PLAIN)
  process.chdir(dir)
})
afterEach(() => {
  process.chdir(home)
  rmSync(dir, { recursive: true, force: true })
})

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(['scan', ...argv], { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, env: {} })
  return { code, out, err }
}

async function json(...argv: string[]): Promise<{ code: number; report: Report; err: string }> {
  const { code, out, err } = await cli('--format', 'json', ...argv)
  return { code, report: JSON.parse(out) as Report, err }
}

test('fail-on from the policy file; the command line wins over it', async () => {
  writeFileSync('.modelgate.yml', 'fail-on: critical\n')
  expect((await json('models')).code).toBe(0)
  expect((await json('--fail-on', 'medium', 'models')).code).toBe(1)
})

test('allow-globals from the file; --allow-global replaces the list', async () => {
  writeFileSync('.modelgate.yml', 'allow-globals: [mypkg.layers.*]\npickle-policy: allow-safe\n')
  const allowed = await json('models/net.pkl')
  expect([allowed.code, allowed.report.files[0].findings.map((f) => `${f.rule} ${f.severity}`)]).toEqual([0, ['pickle/format info']])
  const replaced = await json('--allow-global', 'other.*', 'models/net.pkl')
  expect([replaced.code, replaced.report.files[0].findings.map((f) => f.rule)]).toEqual([1, ['pickle/unknown-global']])
})

test('a suppression marks the finding, keeps it in the report and counts it apart', async () => {
  writeFileSync('.modelgate.yml', 'suppress:\n  - rule: pickle/unknown-global\n    paths: [models/net.pkl]\n    global: mypkg.layers.*\n    reason: "our layer, reviewed in #12"\n    expires: 2999-12-31\nfail-on: high\n')
  const { code, report } = await json('models')
  expect(code).toBe(0)
  const net = report.files.find((f) => f.path === 'models/net.pkl')!
  expect(net.findings).toEqual([
    expect.objectContaining({ rule: 'pickle/unknown-global', severity: 'high', global: 'mypkg.layers.Dense', location: { offset: 2 }, suppressed: { reason: 'our layer, reviewed in #12', expires: '2999-12-31', by: '.modelgate.yml' } })
  ])
  expect(report.summary).toMatchObject({ findings: { critical: 0, high: 0, medium: 1, low: 0, info: 0 }, suppressed: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, maxSeverity: 'medium', blocked: false })
})

test('an expired suppression counts again and is called out', async () => {
  writeFileSync('.modelgate.yml', 'suppress:\n  - rule: pickle/*\n    paths: [models]\n    reason: temporary\n    expires: 2020-01-01\n')
  const { code, report } = await json('models/net.pkl')
  expect(code).toBe(1)
  expect(report.files[0].findings[0].suppressionExpired).toEqual({ reason: 'temporary', expires: '2020-01-01', by: '.modelgate.yml' })
  expect(report.summary).toMatchObject({ expiredSuppressions: 1, maxSeverity: 'high', blocked: true })
  expect(report.summary.suppressed).toBeUndefined()
})

test('exclude applies to files named on the command line and found under directories; nothing left is exit 3', async () => {
  writeFileSync('.modelgate.yml', 'exclude: [models/net.pkl]\n')
  const found = await json('models')
  expect(found.report.files.map((f) => f.path)).toEqual(['models/plain.pkl'])
  const named = await cli('models/net.pkl')
  expect([named.code, named.err]).toEqual([3, 'modelgate: nothing was scanned: all 1 path(s) found were excluded by .modelgate.yml (exit 3; --allow-empty makes this a pass)\n'])
  expect(named.out).toContain('modelgate: 0 file(s) scanned')
  expect((await cli('--allow-empty', 'models/net.pkl')).code).toBe(0)
})

test('an empty directory is exit 3', async () => {
  mkdirSync('empty')
  const { code, err } = await cli('empty')
  expect([code, err]).toEqual([3, 'modelgate: nothing was scanned: no files under the given targets (exit 3; --allow-empty makes this a pass)\n'])
})

test('a bad policy file is exit 2 naming the key and the value, before any scan', async () => {
  writeFileSync('.modelgate.yml', 'fail-on: hihg\n')
  const { code, out, err } = await cli('models')
  expect([code, out, err]).toEqual([2, '', 'modelgate: .modelgate.yml:1: fail-on: invalid value "hihg" (expected critical, high, medium, low, never)\n'])
})

test('--config names another policy file, relative paths inside it are relative to its folder', async () => {
  mkdirSync('ci')
  writeFileSync('ci/policy.yml', 'exclude: [../models/net.pkl]\n')
  expect((await cli('--config', 'ci/policy.yml', 'models')).err).toBe('modelgate: ci/policy.yml:1: exclude[0]: invalid glob: "../models/net.pkl" must not contain \'..\'\n')
  writeFileSync('.modelgate.yml', 'fail-on: never\n')
  writeFileSync('ci/policy.yml', 'suppress:\n  - rule: pickle/unknown-global\n    paths: [models]\n    reason: r\n')
  // ci/'s folder is the base: models/ (under the working directory) is outside it and not covered.
  expect((await json('--config', 'ci/policy.yml', 'models')).code).toBe(1)
  expect((await cli('--config', 'ci/missing.yml', 'models')).err).toBe('modelgate: cannot read the policy file ci/missing.yml: no such file\n')
})

test('--write-baseline records the findings; a run with baseline: passes until a finding changes', async () => {
  const written = await json('--write-baseline', 'modelgate-baseline.json', 'models')
  expect(written.code).toBe(0)
  expect(written.err).toBe('modelgate: wrote 2 finding(s) to the baseline modelgate-baseline.json; add "baseline: modelgate-baseline.json" to .modelgate.yml to use it\n')
  expect(written.report.summary).toMatchObject({ blocked: false, suppressed: { high: 1, medium: 1 } })
  const baseline = JSON.parse(readFileSync('modelgate-baseline.json', 'utf8'))
  expect(baseline.created).toBe(todayUtc())
  expect(baseline.findings.map((f: { path: string; rule: string }) => `${f.path} ${f.rule}`)).toEqual(['models/net.pkl pickle/unknown-global', 'models/plain.pkl pickle/format'])

  writeFileSync('.modelgate.yml', 'baseline: modelgate-baseline.json\n')
  const later = await json('models')
  expect(later.code).toBe(0)
  expect(later.report.files[0].findings[0].suppressed).toEqual({ reason: `recorded in the baseline on ${todayUtc()}`, by: 'modelgate-baseline.json' })

  // Same payload one byte later: a new finding, which blocks.
  writeFileSync('models/net.pkl', Buffer.concat([Buffer.from('\x80\x02N0', 'latin1'), UNKNOWN.subarray(2)]))
  const changed = await json('models')
  expect(changed.code).toBe(1)
  expect(changed.report.files.find((f) => f.path === 'models/net.pkl')!.findings.find((f) => f.rule === 'pickle/unknown-global')).toMatchObject({ location: { offset: 4 } })
})
