// End-to-end: the rebuilt bundle dist/index.js, run exactly as a runner runs it — INPUT_*
// variables with action.yml's defaults, a pull_request event payload, GITHUB_STEP_SUMMARY
// and GITHUB_OUTPUT files, GITHUB_API_URL pointing at a loopback server that plays the REST
// API, and a scratch git repository with base and head commits as the workspace.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { startFakeApi, CHECK_RUN_ID, type FakeApi, type FakeApiOptions, type PullFile } from '../../__fixtures__/github-api.js'
import { commitAll, initRepo } from '../../__fixtures__/git-repo.js'
import { runnerCommands } from '../../__fixtures__/runner-commands.js'

const ACTION = resolve('dist/index.js')
const TOKEN = 'ghs_e2e_token'
const WEIRD = 'models/weird name,with:colon\n.pkl'
/** Protocol 2: posix.system('echo pwned'), assembled by hand. Never loaded, only scanned. */
const EVIL_PICKLE = Buffer.from('\x80\x02cposix\nsystem\nq\x00X\x0a\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03.', 'latin1')
/** The LFS object behind every pointer of the pull request: the same malicious pickle. */
const OID = createHash('sha256').update(EVIL_PICKLE).digest('hex')
const POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize ${EVIL_PICKLE.length}\n`
const LFS_COUNT = 55
const TEXT_COUNT = 205

function safetensors(): Buffer {
  const header = Buffer.from('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}')
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([length, header, Buffer.alloc(4)])
}

/** action.yml's input defaults, read from the file (the runner passes every declared input). */
function actionDefaults(): Record<string, string> {
  const defaults: Record<string, string> = {}
  let input: string | null = null
  let inInputs = false
  for (const line of readFileSync('action.yml', 'utf8').split('\n')) {
    if (/^\S/.test(line)) inInputs = line === 'inputs:'
    const name = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line)
    if (inInputs && name) input = name[1]
    const value = /^ {4}default: '(.*)'$/.exec(line)
    if (inInputs && input && value) defaults[input] = value[1].replace(/''/g, "'")
  }
  return defaults
}

let dir: string
let ws: string
let base: string
let head: string

const pr = (changedFiles: number, headSha = head) => ({
  action: 'synchronize',
  number: 7,
  pull_request: {
    number: 7,
    changed_files: changedFiles,
    base: { sha: base, repo: { full_name: 'acme/models' } },
    head: { sha: headSha, repo: { full_name: 'acme/models' } }
  },
  repository: { name: 'models', owner: { login: 'acme' } }
})

beforeAll(() => {
  dir = mkdtempSync(`${tmpdir()}/modelgate-e2e-action-`)
  ws = `${dir}/ws`
  mkdirSync(`${ws}/models`, { recursive: true })
  mkdirSync(`${ws}/data`)
  initRepo(ws)
  // Base: a malicious file nobody touches, and a file the pull request removes.
  writeFileSync(`${ws}/untouched.pkl`, EVIL_PICKLE)
  writeFileSync(`${ws}/untouched-pointer.bin`, POINTER)
  writeFileSync(`${ws}/removed.pkl`, EVIL_PICKLE)
  writeFileSync(`${ws}/README.md`, '# models\n')
  base = commitAll(ws, 'base')
  // Head: the pull request's changes.
  unlinkSync(`${ws}/removed.pkl`)
  writeFileSync(`${ws}/${WEIRD}`, EVIL_PICKLE)
  writeFileSync(`${ws}/models/ok.safetensors`, safetensors())
  for (let i = 0; i < LFS_COUNT; i++) writeFileSync(`${ws}/data/lfs${String(i).padStart(3, '0')}.bin`, POINTER)
  for (let i = 0; i < TEXT_COUNT; i++) writeFileSync(`${ws}/data/t${String(i).padStart(3, '0')}.txt`, `row ${i}\n`)
  head = commitAll(ws, 'head')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The pull request's files as the API lists them. */
function changedFiles(): PullFile[] {
  return [
    { filename: 'data/placeholder-never-listed', status: 'removed' },
    ...Array.from({ length: LFS_COUNT }, (_, i) => ({ filename: `data/lfs${String(i).padStart(3, '0')}.bin`, status: 'added' })),
    ...Array.from({ length: TEXT_COUNT }, (_, i) => ({ filename: `data/t${String(i).padStart(3, '0')}.txt`, status: 'added' })),
    { filename: 'models/ok.safetensors', status: 'renamed', previous_filename: 'models/old.safetensors' },
    { filename: WEIRD, status: 'added' },
    { filename: 'removed.pkl', status: 'removed' }
  ]
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  api: FakeApi
}

/** Runs dist/index.js as the runner does and collects everything it produced. */
async function runAction(options: { inputs?: Record<string, string>; payload: object; api?: FakeApiOptions; tag: string }): Promise<Run> {
  const api = await startFakeApi(options.api ?? { pullFiles: changedFiles() })
  const runDir = `${dir}/${options.tag}`
  mkdirSync(runDir)
  writeFileSync(`${runDir}/event.json`, JSON.stringify(options.payload))
  writeFileSync(`${runDir}/summary.md`, '')
  writeFileSync(`${runDir}/output.txt`, '')
  // LFS off unless a test turns it on: most runs check what the action does with pointers alone.
  const inputs = { ...actionDefaults(), token: TOKEN, lfs: 'false', ...options.inputs }
  const env: Record<string, string> = {}
  // Nothing from the parent's runner context may leak in.
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(k)) env[k] = v
  Object.assign(env, {
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: `${runDir}/event.json`,
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_SHA: 'e'.repeat(40),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_WORKSPACE: ws,
    GITHUB_STEP_SUMMARY: `${runDir}/summary.md`,
    GITHUB_OUTPUT: `${runDir}/output.txt`,
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: api.url,
    RUNNER_TEMP: runDir
  })
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  // Asynchronous spawn: the loopback API lives in this process and must keep answering.
  const child = spawn(process.execPath, [ACTION], { cwd: ws, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)))
  clearTimeout(timer)
  await api.close()
  return { code, stdout, stderr, summary: readFileSync(`${runDir}/summary.md`, 'utf8'), outputs: parseOutputs(readFileSync(`${runDir}/output.txt`, 'utf8')), api }
}

/** GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const end = lines.indexOf(m[2], i + 1)
    out[m[1]] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return out
}

interface Annotation {
  level: string
  properties: Record<string, string>
  message: string
}

/** Workflow-command annotations on stdout, unescaped as the runner does. */
function annotations(stdout: string): Annotation[] {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
  return stdout
    .split('\n')
    .map((line) => /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      level: m[1],
      properties: Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))])),
      message: unescape(m[3])
    }))
}

/** The paths the action logged as scanned (each log line starts with `[severity]` or `[clean]`). */
function loggedPaths(stdout: string): string[] {
  return [...new Set(stdout.split('\n').flatMap((l) => /^\[(?:clean|critical|high|medium|low|info)\] (.*?)(?:: [a-z]+\/[a-z-]+: | \([a-z-]+\)$)/.exec(l)?.[1] ?? []))].sort()
}

describe('dist/index.js on a pull_request', () => {
  let run: Run
  beforeAll(async () => {
    run = await runAction({ payload: pr(changedFiles().length), tag: 'pr' })
  }, 60_000)

  test('lists the files 100 per page, authenticated, and fails the job (exit 1)', () => {
    expect(run.stderr).toBe('')
    const lists = run.api.requests.filter((r) => r.url.includes('/files'))
    expect(lists.map((r) => r.url)).toEqual([
      '/repos/acme/models/pulls/7/files?per_page=100',
      '/repos/acme/models/pulls/7/files?per_page=100&page=2',
      '/repos/acme/models/pulls/7/files?per_page=100&page=3'
    ])
    expect(lists.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`::error::modelgate blocked this change: 1 critical, ${LFS_COUNT} medium (fail-on medium).`)
  })

  test('scans only the changed files: not the untouched malicious ones, not the removed one', () => {
    expect(loggedPaths(run.stdout)).toEqual([
      ...Array.from({ length: LFS_COUNT }, (_, i) => `data/lfs${String(i).padStart(3, '0')}.bin`),
      ...Array.from({ length: TEXT_COUNT }, (_, i) => `data/t${String(i).padStart(3, '0')}.txt`),
      'models/ok.safetensors',
      'models/weird name,with:colon\\x0a.pkl'
    ])
    expect(run.stdout).not.toMatch(/untouched|removed\.pkl|placeholder/)
    expect(run.summary).not.toMatch(/untouched|removed/)
  })

  test('annotations: worst first, 10 per level, one overflow notice; the hostile name escaped by the toolkit', () => {
    const found = annotations(run.stdout)
    expect(found.filter((a) => a.level === 'error')).toEqual([
      { level: 'error', properties: { title: 'critical: pickle/dangerous-global', file: WEIRD }, message: expect.stringContaining('posix.system') },
      { level: 'error', properties: {}, message: `modelgate blocked this change: 1 critical, ${LFS_COUNT} medium (fail-on medium).` }
    ])
    // The raw command: `,` `:` and the newline in the file property arrive percent-encoded.
    expect(run.stdout).toMatch(/^::error title=critical%3A pickle\/dangerous-global,file=models\/weird name%2Cwith%3Acolon%0A\.pkl::[^\n]*posix\.system/m)
    const warnings = found.filter((a) => a.level === 'warning')
    expect(warnings).toHaveLength(10)
    expect(warnings.map((w) => w.properties)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ title: 'medium: lfs/pointer', file: `data/lfs${String(i).padStart(3, '0')}.bin` }))
    )
    expect(found.filter((a) => a.level === 'notice')).toEqual([
      { level: 'notice', properties: {}, message: `${LFS_COUNT - 10} more finding(s) are not annotated (GitHub shows 10 per level); see the job summary.` }
    ])
    // Nothing else on stdout can pass for a workflow command: read as the runner reads it, the
    // log of findings is fenced by stop-commands and only our own commands remain.
    const commands = runnerCommands(run.stdout)
    expect([...new Set(commands.map((c) => `${c.form}:${c.name}`))].sort()).toEqual(['v2:endgroup', 'v2:error', 'v2:group', 'v2:notice', 'v2:stop-commands', 'v2:warning'])
    expect(run.stdout).toMatch(/^::stop-commands::[0-9a-f]{32}\n(?:\[[^\n]*\n)+::[0-9a-f]{32}::\n::endgroup::$/m)
    expect(run.stdout).toContain('[critical] models/weird name,with:colon\\x0a.pkl: pickle/dangerous-global:')
  })

  test('the check run: on the head SHA, conclusion failure, annotations in batches of at most 50', () => {
    const checks = run.api.requests.filter((r) => r.url.includes('/check-runs'))
    expect(checks.map((r) => [r.method, r.url, r.authorization])).toEqual([
      ['POST', '/repos/acme/models/check-runs', `token ${TOKEN}`],
      ['PATCH', `/repos/acme/models/check-runs/${CHECK_RUN_ID}`, `token ${TOKEN}`]
    ])
    const create = checks[0].body as Record<string, any>
    expect(create).toMatchObject({ name: 'modelgate findings', head_sha: head, status: 'completed', conclusion: 'failure' })
    expect(create.output.title).toBe(`Blocked: ${LFS_COUNT + TEXT_COUNT + 2} file(s) scanned, 1 critical, ${LFS_COUNT} medium`)
    expect(create.output.summary).toMatch(/^## ❌ modelgate: blocked\n/)
    expect(create.output.summary.length).toBeLessThanOrEqual(65_535)
    expect(create.output.annotations).toHaveLength(50)
    expect(create.output.annotations[0]).toEqual({
      path: WEIRD,
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      title: 'critical: pickle/dangerous-global',
      message: expect.stringContaining('posix.system')
    })
    const update = checks[1].body as Record<string, any>
    expect(update.output.annotations).toHaveLength(LFS_COUNT + 1 - 50)
    expect(update.output.title).toBe(create.output.title)
  })

  test('the job summary: verdict first, files, not scanned, findings, safetensors; escaped', () => {
    expect(run.summary).toMatch(
      new RegExp(`^## ❌ modelgate: blocked\\n\\n\\*\\*Blocked\\*\\* by ${LFS_COUNT + 1} findings at or above \`fail-on: medium\`: 1 critical, ${LFS_COUNT} medium\\. ⚠️ ${LFS_COUNT} files could not be scanned`)
    )
    expect(run.summary).toContain(
      `Files changed by pull request &#35;7: ${LFS_COUNT + TEXT_COUNT + 2} files scanned; not listed: ${TEXT_COUNT} files with no model data and no findings.`
    )
    expect(run.summary).toContain('| <code>models/weird name,with:colon&#92;x0a.pkl</code> | pickle | 1 |  |  |  |  |')
    expect(run.summary).toContain('### Not scanned\n\n- <code>data/lfs000.bin</code>: Git LFS pointer &#40;model not scanned&#41;')
    expect(run.summary).toContain('### Findings\n\n#### <code>models/weird name,with:colon&#92;x0a.pkl</code> (pickle)')
    expect(run.summary).toContain('### safetensors files\n\n- <code>models/ok.safetensors</code>: tensors 1; dtypes F32: 1; parameters 1; metadata keys &#40;none&#41;\n')
  })

  test('the outputs', () => {
    expect(run.outputs).toEqual({ 'report-file': '', 'sarif-file': '', findings: String(LFS_COUNT + 1), 'max-severity': 'critical', blocked: 'true' })
  })
})

test("lfs: auto with a token: each pointer's object is fetched by ranges and scanned under the pointer's path", async () => {
  const run = await runAction({
    payload: pr(changedFiles().length),
    tag: 'lfs',
    inputs: { lfs: 'auto', 'report-file': 'lfs-report.json' },
    api: { pullFiles: changedFiles(), lfsObjects: { [OID]: EVIL_PICKLE } }
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(`::error::modelgate blocked this change: ${LFS_COUNT + 1} critical (fail-on medium).`)
  // One batch call for the 55 pointers (one object), with the job token as HTTP Basic.
  const batches = run.api.requests.filter((r) => r.url.endsWith('/objects/batch'))
  expect(batches.map((r) => [r.method, r.url, r.authorization])).toEqual([
    ['POST', '/acme/models.git/info/lfs/objects/batch', `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`]
  ])
  expect(batches[0].body).toMatchObject({ operation: 'download', transfers: ['basic'], objects: [{ oid: OID, size: EVIL_PICKLE.length }] })
  const downloads = run.api.requests.filter((r) => r.url === `/lfs-objects/${OID}`)
  expect(downloads).toHaveLength(LFS_COUNT)
  const report = JSON.parse(readFileSync(`${ws}/lfs-report.json`, 'utf8'))
  const lfs = report.files.filter((f: { path: string }) => f.path.startsWith('data/lfs'))
  expect(lfs).toHaveLength(LFS_COUNT)
  for (const f of lfs) {
    expect(f).toMatchObject({ format: 'pickle', size: EVIL_PICKLE.length, source: { url: `${run.api.url}/lfs-objects/${OID}`, requests: 1, bytes: EVIL_PICKLE.length } })
    expect(f.findings).toEqual([expect.objectContaining({ rule: 'pickle/dangerous-global', severity: 'critical', global: 'posix.system' })])
  }
  expect(report.summary.remote).toEqual({ files: LFS_COUNT, requests: LFS_COUNT + 1, bytes: expect.any(Number), size: LFS_COUNT * EVIL_PICKLE.length })
  // The batch answer counts as read too.
  expect(run.summary).toContain(`262 files scanned (read 2.58 KiB of 2.26 KiB in ${LFS_COUNT + 1} requests)`)
  expect(run.stdout + run.summary).not.toContain(TOKEN)
  rmSync(`${ws}/lfs-report.json`)
}, 60_000)

test('a 403 on the check run: one warning naming checks: write, annotations, and the job still fails', async () => {
  const run = await runAction({
    payload: pr(changedFiles().length),
    tag: 'forbidden',
    api: { pullFiles: changedFiles(), checkRunStatus: 403 },
    inputs: { 'report-file': 'out/report.json', 'sarif-file': 'out/modelgate.sarif' }
  })
  expect(run.code).toBe(1)
  const found = annotations(run.stdout)
  const permission = found.filter((a) => a.message.includes("'checks: write'"))
  expect(permission).toHaveLength(1)
  expect(permission[0].level).toBe('warning')
  // The permission warning takes one of the 10 warning slots.
  expect(found.filter((a) => a.level === 'warning')).toHaveLength(10)
  expect(found.filter((a) => a.level === 'error' && a.properties.file === WEIRD)).toHaveLength(1)
  expect(run.api.requests.filter((r) => r.method === 'PATCH')).toEqual([])
  expect(run.outputs).toMatchObject({ 'report-file': `${ws}/out/report.json`, 'sarif-file': `${ws}/out/modelgate.sarif`, blocked: 'true' })
  const report = JSON.parse(readFileSync(`${ws}/out/report.json`, 'utf8'))
  expect(report.files).toHaveLength(LFS_COUNT + TEXT_COUNT + 2)
  const sarif = JSON.parse(readFileSync(`${ws}/out/modelgate.sarif`, 'utf8'))
  expect(sarif.runs[0].results[0]).toMatchObject({
    ruleId: 'pickle/dangerous-global',
    locations: [{ physicalLocation: { artifactLocation: { uri: 'models/weird%20name%2Cwith%3Acolon%0A.pkl', uriBaseId: '%SRCROOT%' } } }]
  })
  rmSync(`${ws}/out`, { recursive: true })
}, 60_000)

test('a pull request with only a valid safetensors file passes', async () => {
  const run = await runAction({ payload: pr(1), tag: 'clean', api: { pullFiles: [{ filename: 'models/ok.safetensors', status: 'added' }] } })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.outputs).toEqual({ 'report-file': '', 'sarif-file': '', findings: '0', 'max-severity': 'none', blocked: 'false' })
  expect(annotations(run.stdout)).toEqual([])
  expect(run.summary).toMatch(/^## ✅ modelgate: passed\n\n\*\*Passed\*\*: nothing at or above `fail-on: medium`\.\n/)
  const create = run.api.requests.find((r) => r.method === 'POST')?.body as Record<string, any>
  expect(create).toMatchObject({ head_sha: head, conclusion: 'success', output: { title: 'Passed: 1 file(s) scanned, no findings', annotations: [] } })
}, 60_000)

test('past the API cap (3000 files): git diff base...head, said in the summary', async () => {
  const run = await runAction({ payload: pr(3001), tag: 'cap', api: {} })
  expect(run.api.requests.filter((r) => r.url.includes('/files'))).toEqual([])
  expect(run.summary).toContain('The pull request changes 3001 files or more; the GitHub API lists only the first 3000, so the changed files come from git diff.')
  expect(loggedPaths(run.stdout)).toHaveLength(LFS_COUNT + TEXT_COUNT + 2)
  expect(run.stdout).not.toMatch(/untouched|removed\.pkl/)
  expect(run.code).toBe(1)
}, 60_000)
