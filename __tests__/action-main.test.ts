// run() with @actions/core and @actions/github mocked: inputs -> events -> renderers -> exit status.
import { jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as core from '../__fixtures__/core.js'
import * as github from '../__fixtures__/github.js'
import { writeZip } from '../__fixtures__/zip-writer.js'
import { startServer } from './helpers/loopback.js'

jest.unstable_mockModule('@actions/core', () => core)
jest.unstable_mockModule('@actions/github', () => github)
const { run } = await import('../src/action/main.js')

const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'
const POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 4096\n`
const HEAD = 'b'.repeat(40)
const SAFETENSORS = (() => {
  const header = Buffer.from('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}')
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([length, header, Buffer.alloc(4)])
})()

let ws: string
let listed: { filename: string; status: string }[]
let createStatus: number
const checks = {
  create: jest.fn(async () => {
    if (createStatus === 403) throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 })
    return { data: { id: 99 } }
  }),
  update: jest.fn(async () => ({ data: { id: 99 } }))
}
const listFiles = jest.fn()
const octokit = {
  paginate: jest.fn(async () => listed),
  rest: { pulls: { listFiles }, checks, repos: { compareCommitsWithBasehead: jest.fn() } }
}

/** LFS off unless a test says otherwise: these tests check what happens to pointers alone (the e2e test reads objects). */
function setInputs(values: Record<string, string> = {}): void {
  for (const key of Object.keys(core.inputs)) delete core.inputs[key]
  Object.assign(core.inputs, { paths: '**', scope: 'changed', 'fail-on': 'medium', 'pickle-policy': 'block', 'check-run': 'auto', 'check-name': 'modelgate findings', token: 'ghs_t', lfs: 'false', ...values })
}

beforeEach(() => {
  jest.clearAllMocks()
  core.summary.written.length = 0
  ws = mkdtempSync(`${tmpdir()}/modelgate-main-`)
  mkdirSync(`${ws}/models`)
  writeFileSync(`${ws}/models/big.safetensors`, POINTER)
  writeFileSync(`${ws}/models/ok.safetensors`, SAFETENSORS)
  writeFileSync(`${ws}/untouched.safetensors`, POINTER)
  writeFileSync(`${ws}/README.md`, '# hi\n')
  process.env.GITHUB_WORKSPACE = ws
  github.getOctokit.mockReturnValue(octokit)
  Object.assign(github.context, {
    eventName: 'pull_request',
    sha: 'm'.repeat(40),
    payload: { pull_request: { number: 7, changed_files: 3, base: { sha: 'a'.repeat(40) }, head: { sha: HEAD } } }
  })
  listed = [
    { filename: 'models/big.safetensors', status: 'added' },
    { filename: 'models/ok.safetensors', status: 'modified' },
    { filename: 'README.md', status: 'modified' },
    { filename: 'untouched-but-removed.pkl', status: 'removed' }
  ]
  createStatus = 201
  setInputs()
})
afterEach(() => {
  rmSync(ws, { recursive: true, force: true })
  delete process.env.GITHUB_WORKSPACE
})

const outputs = () => Object.fromEntries(core.setOutput.mock.calls.map(([k, v]) => [k, v]))

test('pull_request: scans the changed files only, reports everywhere, fails when blocked', async () => {
  setInputs({ 'report-file': 'out/report.json', 'sarif-file': 'out/modelgate.sarif' })
  await run()
  expect(github.getOctokit).toHaveBeenCalledWith('ghs_t')
  expect(octokit.paginate).toHaveBeenCalledWith(listFiles, { owner: 'acme', repo: 'models', pull_number: 7, per_page: 100 })

  const report = JSON.parse(readFileSync(`${ws}/out/report.json`, 'utf8'))
  expect(report.files.map((f: { path: string; format: string }) => [f.path, f.format])).toEqual([
    ['README.md', 'other'],
    ['models/big.safetensors', 'lfs-pointer'],
    ['models/ok.safetensors', 'safetensors']
  ])
  const sarif = JSON.parse(readFileSync(`${ws}/out/modelgate.sarif`, 'utf8'))
  expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['lfs/pointer'])

  expect(outputs()).toEqual({
    'report-file': `${ws}/out/report.json`,
    'sarif-file': `${ws}/out/modelgate.sarif`,
    findings: '1',
    'max-severity': 'medium',
    blocked: 'true'
  })
  expect(core.warning.mock.calls).toEqual([[expect.stringContaining('Git LFS pointer'), { title: 'medium: lfs/pointer', file: 'models/big.safetensors' }]])
  expect(checks.create).toHaveBeenCalledWith({
    owner: 'acme',
    repo: 'models',
    name: 'modelgate findings',
    head_sha: HEAD,
    status: 'completed',
    conclusion: 'failure',
    output: {
      title: 'Blocked: 3 file(s) scanned, 1 medium',
      summary: expect.stringMatching(/^## ❌ modelgate: blocked\n/),
      annotations: [
        { path: 'models/big.safetensors', start_line: 1, end_line: 1, annotation_level: 'warning', title: 'medium: lfs/pointer', message: expect.stringContaining('Git LFS pointer') }
      ]
    }
  })
  expect(checks.update).not.toHaveBeenCalled()
  expect(core.summary.written).toHaveLength(1)
  expect(core.summary.written[0]).toMatch(/^## ❌ modelgate: blocked\n\n\*\*Blocked\*\* by 1 finding at or above `fail-on: medium`: 1 medium\./)
  expect(core.summary.written[0]).toContain('### Not scanned')
  expect(core.summary.written[0]).not.toContain('untouched')
  expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 1 medium (fail-on medium).']])
})

test('lfs: auto with a token, and the LFS store refuses it: the step fails naming the endpoint, without the token', async () => {
  const lfs = await startServer((_, res) => {
    res.writeHead(403, { 'content-type': 'application/vnd.git-lfs+json' })
    res.end('{"message":"denied for ghs_t"}')
  })
  process.env.GITHUB_SERVER_URL = lfs.origin
  Object.assign(github.context, { repo: { owner: 'acme', repo: 'models' } })
  try {
    setInputs({ lfs: 'auto' })
    await run()
    expect(lfs.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['POST', '/acme/models.git/info/lfs/objects/batch', `Basic ${Buffer.from('x-access-token:ghs_t').toString('base64')}`]
    ])
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    const message = String(core.setFailed.mock.calls[0][0])
    expect(message).toMatch(/^modelgate failed: .*acme\/models\.git\/info\/lfs.*HTTP 403/)
    expect(message).not.toContain('ghs_t')
    expect(outputs()).toEqual({})
  } finally {
    delete process.env.GITHUB_SERVER_URL
    await lfs.close()
  }
})

test('a 403 on the check run: one warning naming checks: write, and the job still fails', async () => {
  createStatus = 403
  await run()
  const warnings = core.warning.mock.calls.map((c) => c[0])
  expect(warnings.filter((w) => String(w).includes("'checks: write'"))).toHaveLength(1)
  expect(warnings).toHaveLength(2) // the permission warning and the LFS finding
  expect(core.summary.written[0]).toContain('checks: write')
  expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 1 medium (fail-on medium).']])
})

test("check-run: 'true' makes a check run that cannot be created fail the step", async () => {
  createStatus = 403
  setInputs({ 'check-run': 'true', 'fail-on': 'never' })
  await run()
  expect(core.setFailed).toHaveBeenCalledTimes(1)
  expect(core.setFailed.mock.calls[0][0]).toMatch(/^modelgate could not create the check run \(HTTP 403: .*'checks: write'/)
  expect(outputs().blocked).toBe('false')
})

test("check-run: 'false' makes no request; a passing scan does not fail", async () => {
  setInputs({ 'check-run': 'false', 'fail-on': 'high' })
  await run()
  expect(checks.create).not.toHaveBeenCalled()
  expect(core.setFailed).not.toHaveBeenCalled()
  expect(outputs()).toMatchObject({ findings: '1', 'max-severity': 'medium', blocked: 'false', 'report-file': '', 'sarif-file': '' })
  expect(core.summary.written[0]).toMatch(/^## ✅ modelgate: passed\n/)
})

test('only valid safetensors changed: passes with a success check run', async () => {
  listed = [{ filename: 'models/ok.safetensors', status: 'added' }]
  await run()
  expect(core.setFailed).not.toHaveBeenCalled()
  expect(outputs()).toMatchObject({ findings: '0', 'max-severity': 'none', blocked: 'false' })
  expect(checks.create).toHaveBeenCalledWith(expect.objectContaining({ conclusion: 'success', output: expect.objectContaining({ annotations: [] }) }))
})

test('other events scan the workspace (paths/exclude applied); the check run goes on GITHUB_SHA', async () => {
  Object.assign(github.context, { eventName: 'workflow_dispatch', payload: {} })
  setInputs({ exclude: 'models/**' })
  await run()
  expect(octokit.paginate).not.toHaveBeenCalled()
  expect(outputs()).toMatchObject({ findings: '1', blocked: 'true' })
  expect(core.warning.mock.calls[0][1]).toEqual({ title: 'medium: lfs/pointer', file: 'untouched.safetensors' })
  expect(checks.create).toHaveBeenCalledWith(expect.objectContaining({ head_sha: 'm'.repeat(40) }))
})

test('changed links to secrets outside the workspace: fs/symlink-outside (medium, blocks), their targets never read', async () => {
  const outside = mkdtempSync(`${tmpdir()}/modelgate-outside-`)
  try {
    writeFileSync(`${outside}/credentials.pkl`, Buffer.from('\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.', 'latin1'))
    symlinkSync(`${outside}/credentials.pkl`, `${ws}/models/link.pkl`)
    symlinkSync(outside, `${ws}/weights`)
    listed = [
      { filename: 'models/link.pkl', status: 'added' },
      { filename: 'weights/credentials.pkl', status: 'added' }
    ]
    setInputs({ 'report-file': 'report.json' })
    await run()
    const report = JSON.parse(readFileSync(`${ws}/report.json`, 'utf8'))
    expect(report.files.map((f: { path: string; findings: { rule: string; severity: string }[] }) => [f.path, f.findings.map((x) => `${x.rule}:${x.severity}`)])).toEqual([
      ['models/link.pkl', ['fs/symlink-outside:medium']],
      ['weights/credentials.pkl', ['fs/symlink-outside:medium']]
    ])
    expect(JSON.stringify(report)).not.toContain('posix.system')
    expect(core.summary.written[0]).toContain('### Not scanned')
    expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 2 medium (fail-on medium).']])
  } finally {
    rmSync(outside, { recursive: true, force: true })
  }
})

test('a changed model path that links to a payload elsewhere in the workspace: scanned as its target, blocked', async () => {
  mkdirSync(`${ws}/data`)
  writeFileSync(`${ws}/data/payload.bin`, Buffer.from('\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.', 'latin1'))
  symlinkSync('../data/payload.bin', `${ws}/models/model.pkl`)
  listed = [{ filename: 'models/model.pkl', status: 'added' }]
  setInputs({ paths: 'models/**', 'report-file': 'report.json' })
  await run()
  const [file] = JSON.parse(readFileSync(`${ws}/report.json`, 'utf8')).files
  expect(file.path).toBe('models/model.pkl')
  expect(file.findings.map((x: { rule: string; severity: string }) => `${x.rule}:${x.severity}`)).toEqual(['fs/symlink:info', 'pickle/dangerous-global:critical'])
  expect(file.findings[0].message).toBe('Symbolic link to data/payload.bin (inside the workspace): scanned as its target.')
  expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 1 critical, 1 info (fail-on medium).']])
})

test('scope all: a link whose name matches paths is scanned as its target, though the target does not match', async () => {
  mkdirSync(`${ws}/data`)
  writeFileSync(`${ws}/data/payload.bin`, Buffer.from('\x80\x02cposix\nsystem\nX\x02\x00\x00\x00id\x85R.', 'latin1'))
  symlinkSync('../data/payload.bin', `${ws}/models/model.pkl`)
  setInputs({ scope: 'all', paths: 'models/**', 'report-file': 'report.json' })
  await run()
  const files = JSON.parse(readFileSync(`${ws}/report.json`, 'utf8')).files
  const linked = files.find((f: { path: string }) => f.path === 'models/model.pkl')
  expect(linked.findings.map((x: { rule: string; severity: string }) => `${x.rule}:${x.severity}`)).toEqual(['fs/symlink:info', 'pickle/dangerous-global:critical'])
  expect(files.map((f: { path: string }) => f.path)).not.toContain('data/payload.bin')
  expect(outputs()).toMatchObject({ 'max-severity': 'critical', blocked: 'true' })
})

test('limit inputs reach the engine: max-depth 0 leaves an archive member unread (scan/incomplete)', async () => {
  writeFileSync(`${ws}/models/a.zip`, writeZip([{ name: 'data.pkl', data: Buffer.from('\x80\x02N.', 'latin1') }]))
  listed = [{ filename: 'models/a.zip', status: 'added' }]
  setInputs({ 'max-depth': '0', 'time-budget': '30', 'max-opcodes': '1000', 'max-decompressed-bytes': '1MiB' })
  await run()
  expect(core.error.mock.calls[0]).toEqual([expect.stringContaining('nested deeper than limits.maxDepth = 0'), { title: 'high: scan/incomplete', file: 'models/a.zip' }])
  expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 1 high (fail-on medium).']])
})

test('a bad limit input fails with one line naming it', async () => {
  setInputs({ 'time-budget': '1 minute' })
  await run()
  expect(core.setFailed.mock.calls).toEqual([[`input 'time-budget' is "1 minute"; expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5)`]])
})

test('a bad input fails with one line naming it, before any work', async () => {
  setInputs({ 'fail-on': 'error' })
  await run()
  expect(core.setFailed.mock.calls).toEqual([[`input 'fail-on' is "error"; expected one of: critical, high, medium, low, never`]])
  expect(github.getOctokit).not.toHaveBeenCalled()
  expect(core.setOutput).not.toHaveBeenCalled()
})

test('an internal error fails the step with one visible line', async () => {
  octokit.paginate.mockRejectedValueOnce(new Error('socket\nhang up'))
  process.env.GITHUB_WORKSPACE = `${ws}/does-not-exist`
  await run()
  expect(core.setFailed).toHaveBeenCalledTimes(1)
  expect(core.setFailed.mock.calls[0][0]).toMatch(/^modelgate failed: [^\n]*$/)
})

test('the failure message keeps one of the 10 error slots', async () => {
  listed = Array.from({ length: 12 }, (_, i) => ({ filename: `models/gone${i}.pkl`, status: 'added' }))
  await run()
  // 12 changed files missing from the checkout: high findings, 9 annotated + the failure.
  expect(core.error).toHaveBeenCalledTimes(9)
  expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 12 high (fail-on medium).']])
  expect(core.notice.mock.calls).toEqual([['3 more finding(s) are not annotated (GitHub shows 10 per level); see the job summary.']])
})

describe('policy file', () => {
  test('found at the workspace root: its fail-on applies, an explicit input wins, and a PR that edits it is called out', async () => {
    writeFileSync(`${ws}/.modelgate.yml`, 'fail-on: high\nexclude: [untouched.safetensors]\n')
    listed.push({ filename: '.modelgate.yml', status: 'modified' })
    setInputs({ 'fail-on': '' })
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(outputs()).toMatchObject({ blocked: 'false', 'max-severity': 'medium' })
    const note = 'This change edits .modelgate.yml, which decides what modelgate reports and blocks: review its suppressions and settings with the change.'
    expect(core.info).toHaveBeenCalledWith(note)
    expect(core.summary.written[0]).toContain(note)

    jest.clearAllMocks()
    setInputs({ 'fail-on': 'medium' })
    await run()
    expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 1 medium (fail-on medium).']])
  })

  test('suppressions reach the report; exclude leaves files out of the scan', async () => {
    writeFileSync(`${ws}/.modelgate.yml`, 'exclude: [README.md]\nsuppress:\n  - rule: lfs/pointer\n    paths: [models/big.safetensors]\n    reason: fetched by the nightly job\n')
    setInputs({ 'fail-on': '', 'report-file': 'r.json' })
    await run()
    const report = JSON.parse(readFileSync(`${ws}/r.json`, 'utf8'))
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['models/big.safetensors', 'models/ok.safetensors'])
    expect(report.files[0].findings[0].suppressed).toEqual({ reason: 'fetched by the nightly job', by: '.modelgate.yml' })
    expect(report.summary).toMatchObject({ blocked: false, maxSeverity: null, suppressed: { medium: 1 } })
    expect(core.setFailed).not.toHaveBeenCalled()
    // Not annotated (nothing to act on), but named in the log with its reason.
    expect(core.warning).not.toHaveBeenCalled()
    expect(checks.create).toHaveBeenCalledWith(expect.objectContaining({ conclusion: 'success', output: expect.objectContaining({ annotations: [] }) }))
    expect(core.info).toHaveBeenCalledWith(expect.stringMatching(/^\[medium\] models\/big\.safetensors: lfs\/pointer: .* \[suppressed by \.modelgate\.yml: fetched by the nightly job\]$/))
  })

  test('an expired suppression is annotated and names the expiry', async () => {
    writeFileSync(`${ws}/.modelgate.yml`, 'suppress:\n  - rule: lfs/pointer\n    paths: [models]\n    reason: until the move\n    expires: 2020-01-31\n')
    setInputs({ 'fail-on': '' })
    await run()
    expect(core.warning.mock.calls).toEqual([[expect.stringMatching(/Git LFS pointer.* \[suppression expired 2020-01-31: until the move\]$/), { title: 'medium: lfs/pointer', file: 'models/big.safetensors' }]])
    expect(core.setFailed.mock.calls).toEqual([['modelgate blocked this change: 1 medium (fail-on medium).']])
  })

  test('a bad policy file fails the step naming the key and value; config naming a file outside the workspace is refused', async () => {
    writeFileSync(`${ws}/.modelgate.yml`, 'pickle-policy: allow\n')
    await run()
    expect(core.setFailed.mock.calls).toEqual([['.modelgate.yml:1: pickle-policy: invalid value "allow" (expected block, allow-safe)']])
    jest.clearAllMocks()
    const outside = mkdtempSync(`${tmpdir()}/modelgate-outside-`)
    try {
      writeFileSync(`${outside}/p.yml`, 'fail-on: never\n')
      symlinkSync(`${outside}/p.yml`, `${ws}/p.yml`)
      setInputs({ config: 'p.yml' })
      await run()
      expect(core.setFailed.mock.calls).toEqual([[`p.yml is a link to a file outside ${ws}: not read`]])
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  test('a change without model files passes with a notice', async () => {
    listed = [{ filename: 'README.md', status: 'modified' }]
    await run()
    expect(core.notice).toHaveBeenCalledWith('modelgate: no model files to scan (Files changed by pull request #7: 1 file(s), none in a model format); passed.')
    expect(core.setFailed).not.toHaveBeenCalled()
  })
})
