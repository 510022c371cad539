// The policy file: strict validation with exact messages, discovery, suppressions and baselines.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { findPolicy, parsePolicy, PolicyError } from '../src/policy/file.js'
import { applySuppressions, todayUtc } from '../src/policy/suppress.js'
import { fingerprint, parseBaseline, renderBaseline } from '../src/policy/baseline.js'
import { policyPath } from '../src/policy/paths.js'
import { mergeSettings } from '../src/policy/settings.js'
import type { FileReport, Finding } from '../src/scan/findings.js'

const parse = (text: string) => parsePolicy(text, '.modelgate.yml', '/repo')

test('a complete policy file', () => {
  const policy = parse(`# policy
fail-on: high
pickle-policy: allow-safe
allow-globals: [mypkg.*, other.models.Net]
exclude:
  - vendor
  - "**/*.tmp.pt"
lfs: auto
max-depth: 5
max-opcodes: 1000
max-decompressed-bytes: 512MiB
time-budget: 0.5
baseline: ci/modelgate-baseline.json
suppress:
  - rule: pickle/unknown-global
    paths: ["models/**"]
    global: mypkg.*
    reason: "our own layers, reviewed in #12"
    expires: 2027-01-31
  - rule: scan/*
    paths: legacy/old.ckpt
    reason: kept for the paper
`)
  expect(policy).toEqual({
    path: '.modelgate.yml',
    dir: '/repo',
    failOn: 'high',
    picklePolicy: 'allow-safe',
    allowGlobals: ['mypkg.*', 'other.models.Net'],
    exclude: ['vendor', '**/*.tmp.pt'],
    lfs: 'auto',
    limits: { maxDepth: 5, maxOpcodes: 1000, maxDecompressedBytes: 512 * 1024 ** 2, timeBudgetMs: 500 },
    baseline: '/repo/ci/modelgate-baseline.json',
    baselineName: 'ci/modelgate-baseline.json',
    suppress: [
      { rule: 'pickle/unknown-global', paths: ['models/**'], global: 'mypkg.*', reason: 'our own layers, reviewed in #12', expires: '2027-01-31' },
      { rule: 'scan/*', paths: ['legacy/old.ckpt'], reason: 'kept for the paper' }
    ]
  })
})

test('an empty file or a comment is an empty policy; lfs takes YAML booleans', () => {
  expect(parse('')).toEqual({ path: '.modelgate.yml', dir: '/repo', limits: {}, suppress: [] })
  expect(parse('# nothing yet\n')).toEqual({ path: '.modelgate.yml', dir: '/repo', limits: {}, suppress: [] })
  expect(parse('lfs: false').lfs).toBe('false')
  expect(parse('lfs: true').lfs).toBe('true')
})

test.each([
  ['fail_on: high', '.modelgate.yml:1: unknown key "fail_on" (expected one of: fail-on, pickle-policy, allow-globals, exclude, lfs, max-depth, max-opcodes, max-decompressed-bytes, time-budget, suppress, baseline)'],
  ['fail-on: hgh', '.modelgate.yml:1: fail-on: invalid value "hgh" (expected critical, high, medium, low, never)'],
  ['fail-on: 3', '.modelgate.yml:1: fail-on: invalid value 3 (expected critical, high, medium, low, never)'],
  ['fail-on:', '.modelgate.yml:1: fail-on: a value is required'],
  ['\nfail-on: high\nfail-on: low', '.modelgate.yml:3: not valid YAML: Map keys must be unique'],
  ['pickle-policy: [block]', '.modelgate.yml:1: pickle-policy: invalid value a list (expected block, allow-safe)'],
  ['lfs: yes', '.modelgate.yml:1: lfs: invalid value "yes" (expected auto, true, false)'],
  ['max-depth: 17', '.modelgate.yml:1: max-depth: invalid value 17 (expected an integer from 0 to 16)'],
  ['time-budget: 1m', '.modelgate.yml:1: time-budget: invalid value "1m" (expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5))'],
  ['max-decompressed-bytes: 4GB', '.modelgate.yml:1: max-decompressed-bytes: invalid value "4GB" (expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB))'],
  ['allow-globals:\n  - sklearn.*\n  - os.system;rm', '.modelgate.yml:3: allow-globals[1]: invalid allow-global pattern "os.system;rm": expected module.qualname or module.* (e.g. sklearn.*)'],
  ['allow-globals: [{a: 1}]', '.modelgate.yml:1: allow-globals[0]: invalid value a mapping (expected a string)'],
  ['exclude: [../secrets]', '.modelgate.yml:1: exclude[0]: invalid glob: "../secrets" must not contain \'..\''],
  ['exclude: /etc', '.modelgate.yml:1: exclude: invalid glob: "/etc" must be relative to the repository root'],
  ['- fail-on: high', '.modelgate.yml:1: the policy file: expected a mapping, found a list'],
  ['a: &x 1\nb: *x', '.modelgate.yml:2: aliases (*name) are not allowed in the policy file'],
  ['fail-on: high\n---\nfail-on: low', '.modelgate.yml: more than one YAML document (---): a policy file is one mapping'],
  ['baseline: ""', '.modelgate.yml:1: baseline: must not be empty'],
  ['suppress: {rule: x}', '.modelgate.yml:1: suppress: expected a list of {rule, paths, reason, global?, expires?}, found a mapping'],
  ['suppress:\n  - rule: pickle/unknwn-global\n    paths: x\n    reason: r', '.modelgate.yml:2: suppress[0].rule: invalid value "pickle/unknwn-global" (unknown rule id; see docs/rules.md for the list)'],
  ['suppress:\n  - rule: pickel/*\n    paths: x\n    reason: r', '.modelgate.yml:2: suppress[0].rule: invalid value "pickel/*" (unknown rule family; known: fs, gguf, joblib, keras, lfs, numpy, onnx, pickle, remote, safetensors, scan, tf, torch, torchscript, zip)'],
  ['suppress:\n  - rule: pickle/format\n    paths: x', '.modelgate.yml:2: suppress[0].reason is required'],
  ['suppress:\n  - rule: pickle/format\n    paths: x\n    reason: "  "', '.modelgate.yml:4: suppress[0].reason: must not be empty'],
  ['suppress:\n  - rule: pickle/format\n    reason: r', '.modelgate.yml:2: suppress[0].paths is required'],
  ['suppress:\n  - rule: pickle/format\n    paths: []\n    reason: r', '.modelgate.yml:3: suppress[0].paths: at least one glob is required'],
  ['suppress:\n  - rule: pickle/format\n    paths: x\n    reason: r\n    expires: 2026-02-30', '.modelgate.yml:5: suppress[0].expires: invalid value "2026-02-30" (expected a date YYYY-MM-DD)'],
  ['suppress:\n  - rule: pickle/format\n    paths: x\n    reason: r\n    expires: 31.01.2027', '.modelgate.yml:5: suppress[0].expires: invalid value "31.01.2027" (expected a date YYYY-MM-DD)'],
  ['suppress:\n  - rule: pickle/format\n    paths: x\n    reason: r\n    global: os.system()', '.modelgate.yml:5: suppress[0].global: invalid allow-global pattern "os.system()": expected module.qualname or module.* (e.g. sklearn.*)'],
  ['suppress:\n  - rule: pickle/format\n    path: x\n    reason: r', '.modelgate.yml:3: unknown key "suppress[0].path" (expected one of: rule, paths, global, reason, expires)']
])('%j is refused: %s', (text, message) => {
  expect(() => parse(text)).toThrow(new PolicyError(message))
})

describe('discovery', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(`${tmpdir()}/modelgate-policy-`)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('none, .yml, .yaml, both (an error), --config naming another, a missing --config', async () => {
    expect(await findPolicy(dir)).toBeUndefined()
    writeFileSync(`${dir}/.modelgate.yaml`, 'fail-on: low\n')
    expect(await findPolicy(dir)).toMatchObject({ path: '.modelgate.yaml', dir, failOn: 'low' })
    writeFileSync(`${dir}/.modelgate.yml`, 'fail-on: high\n')
    await expect(findPolicy(dir)).rejects.toThrow(new PolicyError('both .modelgate.yml and .modelgate.yaml exist: keep one (or name it with --config)'))
    mkdirSync(`${dir}/ci`)
    writeFileSync(`${dir}/ci/strict.yml`, 'fail-on: critical\nexclude: [x]\n')
    expect(await findPolicy(dir, 'ci/strict.yml')).toMatchObject({ path: 'ci/strict.yml', dir: `${dir}/ci`, failOn: 'critical' })
    await expect(findPolicy(dir, 'ci/none.yml')).rejects.toThrow(new PolicyError('cannot read the policy file ci/none.yml: no such file'))
  })

  test('a discovered policy file that links outside the folder is not read', async () => {
    const outside = mkdtempSync(`${tmpdir()}/modelgate-outside-`)
    try {
      writeFileSync(`${outside}/secret.yml`, 'fail-on: never\n')
      symlinkSync(`${outside}/secret.yml`, `${dir}/.modelgate.yml`)
      await expect(findPolicy(dir)).rejects.toThrow(new PolicyError(`.modelgate.yml is a link to a file outside ${dir}: not read`))
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})

const finding = (rule: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({ rule, severity, message: `${rule} here`, ...extra })
const file = (path: string, findings: Finding[]): FileReport => ({ path, format: 'pickle', size: 10, findings })

describe('suppressions', () => {
  const entries = parse(`suppress:
  - rule: pickle/unknown-global
    paths: [models/**]
    global: mypkg.*
    reason: our layers
    expires: 2027-01-31
  - rule: scan/*
    paths: [legacy]
    reason: old
    expires: 2026-11-30
  - rule: zip/anomaly
    paths: ["hf://acme/bert/**"]
    reason: upstream knows
`).suppress
  const set = (today: string) => ({ by: '.modelgate.yml', entries, pathOf: (p: string) => policyPath(p, '/repo', '/repo'), today })
  const files = [
    file('models/a.pkl', [finding('pickle/unknown-global', 'high', { global: 'mypkg.layers.Dense' }), finding('pickle/unknown-global', 'high', { global: 'evil.run' }), finding('pickle/format', 'medium')]),
    file('legacy/old.ckpt', [finding('scan/incomplete', 'high')]),
    file('hf://acme/bert/model.zip', [finding('zip/anomaly', 'high')]),
    file('other/a.pkl', [finding('pickle/unknown-global', 'high', { global: 'mypkg.layers.Dense' })])
  ]

  test('a suppression covers its rule, paths and global only; on its expiry day it still holds', () => {
    const out = applySuppressions(files, set('2027-01-31'))
    expect(out[0].findings.map((f) => f.suppressed ?? null)).toEqual([{ reason: 'our layers', expires: '2027-01-31', by: '.modelgate.yml' }, null, null])
    expect(out[1].findings[0].suppressed).toBeUndefined()
    expect(out[1].findings[0].suppressionExpired).toEqual({ reason: 'old', expires: '2026-11-30', by: '.modelgate.yml' })
    expect(out[2].findings[0].suppressed).toEqual({ reason: 'upstream knows', by: '.modelgate.yml' })
    expect(out[3].findings[0].suppressed).toBeUndefined()
  })

  test('the day after it expires, the finding counts again and says so', () => {
    const out = applySuppressions(files, set('2027-02-01'))
    expect(out[0].findings[0]).toEqual({ ...files[0].findings[0], suppressionExpired: { reason: 'our layers', expires: '2027-01-31', by: '.modelgate.yml' } })
  })

  test('todayUtc is the UTC date', () => {
    expect(todayUtc(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01')
  })
})

describe('baseline', () => {
  const pathOf = (p: string) => policyPath(p, '/repo', '/repo/sub')
  const files = [
    file('m.pkl', [finding('pickle/unknown-global', 'high', { global: 'mypkg.X', location: { entry: 'archive/data.pkl', offset: 57 } }), finding('pickle/format', 'medium', { suppressed: { reason: 'r', by: 'p' } })]),
    file('/elsewhere/x.pkl', [finding('pickle/format', 'medium')])
  ]

  test('fingerprints change with the file, rule, global, entry and offset', () => {
    const base = files[0].findings[0]
    const print = fingerprint('sub/m.pkl', base)
    expect(print).toMatch(/^[0-9a-f]{32}$/)
    expect(fingerprint('sub/m.pkl', { ...base, message: 'other words' })).toBe(print)
    for (const changed of [
      fingerprint('sub/n.pkl', base),
      fingerprint('sub/m.pkl', { ...base, rule: 'pickle/dangerous-global' }),
      fingerprint('sub/m.pkl', { ...base, global: 'mypkg.Y' }),
      fingerprint('sub/m.pkl', { ...base, location: { entry: 'archive/other.pkl', offset: 57 } }),
      fingerprint('sub/m.pkl', { ...base, location: { entry: 'archive/data.pkl', offset: 58 } })
    ])
      expect(changed).not.toBe(print)
  })

  test('written for the findings that count, under the policy folder; read back strictly; applied', () => {
    const { text, count, outside } = renderBaseline(files, pathOf, '2026-12-04')
    expect([count, outside]).toEqual([1, 1])
    expect(JSON.parse(text)).toEqual({
      'modelgate-baseline': 1,
      created: '2026-12-04',
      findings: [{ fingerprint: fingerprint('sub/m.pkl', files[0].findings[0]), path: 'sub/m.pkl', rule: 'pickle/unknown-global', severity: 'high', global: 'mypkg.X', entry: 'archive/data.pkl', offset: 57 }]
    })
    const baseline = parseBaseline(text, 'base.json')
    const out = applySuppressions([file('m.pkl', [files[0].findings[0], { ...files[0].findings[0], location: { entry: 'archive/data.pkl', offset: 90 } }])], { by: '', entries: [], baseline, pathOf, today: '2026-12-05' })
    expect(out[0].findings[0].suppressed).toEqual({ reason: 'recorded in the baseline on 2026-12-04', by: 'base.json' })
    expect(out[0].findings[1].suppressed).toBeUndefined()
  })

  test.each([
    ['[]', 'baseline b.json: expected a JSON object (write it again with --write-baseline)'],
    ['{"modelgate-baseline": 2, "created": "2026-12-04", "findings": []}', 'baseline b.json: "modelgate-baseline" must be 1 (write it again with --write-baseline)'],
    ['{"modelgate-baseline": 1, "created": "today", "findings": []}', 'baseline b.json: "created" must be a date YYYY-MM-DD (write it again with --write-baseline)'],
    ['{"modelgate-baseline": 1, "created": "2026-12-04", "findings": [{"fingerprint": "xyz", "path": "a", "rule": "r"}]}', 'baseline b.json: findings[0].fingerprint must be 32 hex digits (write it again with --write-baseline)'],
    ['{"modelgate-baseline": 1, "created": "2026-12-04", "findings": [], "extra": 1}', 'baseline b.json: unknown key "extra" (write it again with --write-baseline)']
  ])('a bad baseline %s is refused', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(new PolicyError(message))
  })
})

test('policy paths: relative to the policy folder, remote as reported, outside is null', () => {
  expect(policyPath('models/a.pt', '/repo', '/repo')).toBe('models/a.pt')
  expect(policyPath('a.pt', '/repo', '/repo/models')).toBe('models/a.pt')
  expect(policyPath('/repo/models/a.pt', '/repo', '/tmp')).toBe('models/a.pt')
  expect(policyPath('../x.pt', '/repo', '/repo')).toBeNull()
  expect(policyPath('hf://acme/bert/model.bin', '/repo', '/repo')).toBe('hf://acme/bert/model.bin')
})

test('precedence: given settings over the file over defaults; lists replaced', () => {
  const policy = parse('fail-on: high\nallow-globals: [a.*]\nexclude: [vendor]\nmax-depth: 5\nmax-opcodes: 10\nlfs: true\n')
  expect(mergeSettings({ limits: {} }, undefined, { lfs: 'false', base: '/cwd' })).toEqual({
    failOn: 'medium',
    picklePolicy: 'block',
    allowGlobals: [],
    exclude: { patterns: [], base: '/cwd' },
    lfs: 'false',
    limits: {}
  })
  expect(mergeSettings({ limits: {} }, policy, { lfs: 'false', base: '/cwd' })).toEqual({
    failOn: 'high',
    picklePolicy: 'block',
    allowGlobals: ['a.*'],
    exclude: { patterns: ['vendor'], base: '/repo' },
    lfs: 'true',
    limits: { maxDepth: 5, maxOpcodes: 10 }
  })
  expect(mergeSettings({ failOn: 'low', allowGlobals: ['b.X'], exclude: ['x'], limits: { maxDepth: 1 } }, policy, { lfs: 'auto', base: '/ws' })).toEqual({
    failOn: 'low',
    picklePolicy: 'block',
    allowGlobals: ['b.X'],
    exclude: { patterns: ['x'], base: '/ws' },
    lfs: 'true',
    limits: { maxDepth: 1, maxOpcodes: 10 }
  })
})
