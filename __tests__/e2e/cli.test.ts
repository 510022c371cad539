// End-to-end: the committed/rebuilt bundle dist/cli.js, run as users run it.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'

const CLI = resolve('dist/cli.js')
const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'

function cli(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(`${tmpdir()}/modelgate-e2e-`)
  mkdirSync(`${dir}/repo/models/sub`, { recursive: true })
  writeFileSync(`${dir}/repo/models/model.safetensors`, `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 4096\n`)
  writeFileSync(`${dir}/repo/README.txt`, 'Just text.\n')
  writeFileSync(`${dir}/repo/models/sub/notes.md`, '# notes\n')
  symlinkSync('/etc/hostname', `${dir}/repo/models/link.pkl`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('modelgate scan (dist/cli.js)', () => {
  test('--format json lists every regular file with its format and findings', () => {
    const r = cli(['scan', '--format', 'json', 'repo'], dir)
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout)
    expect(report.tool.name).toBe('modelgate')
    expect(report.files.map((f: { path: string; format: string }) => [f.path, f.format])).toEqual([
      ['repo/README.txt', 'other'],
      ['repo/models/link.pkl', 'other'],
      ['repo/models/model.safetensors', 'lfs-pointer'],
      ['repo/models/sub/notes.md', 'other']
    ])
    expect(report.files[0].findings).toEqual([])
    // The link leads outside the working directory: not followed, and not known to be safe.
    expect(report.files[1].findings).toEqual([expect.objectContaining({ rule: 'fs/symlink-outside', severity: 'medium' })])
    expect(report.files[2].findings).toEqual([
      expect.objectContaining({ rule: 'lfs/pointer', severity: 'medium', oid: `sha256:${OID}`, size: '4096' })
    ])
    expect(report.summary).toEqual({
      files: 4,
      findings: { critical: 0, high: 0, medium: 2, low: 0, info: 0 },
      maxSeverity: 'medium',
      blocked: true
    })
    expect(r.code).toBe(1)
  })

  test('exit 0 below the threshold, 0 with --fail-on never, 1 at it', () => {
    expect(cli(['scan', '--fail-on', 'high', 'repo'], dir).code).toBe(0)
    expect(cli(['scan', '--fail-on', 'never', 'repo'], dir).code).toBe(0)
    expect(cli(['scan', 'repo/README.txt'], dir).code).toBe(0)
    expect(cli(['scan', '--fail-on', 'medium', 'repo/models/model.safetensors'], dir).code).toBe(1)
  })

  test('text output: a concise line per finding (worst first), what to do once per rule, a summary line', () => {
    const r = cli(['scan', 'repo/models'], dir)
    expect(r.stdout.split('\n')).toEqual([
      'MEDIUM   repo/models/link.pkl fs/symlink-outside: Symbolic link leading outside the workspace (to /etc/hostname): not followed and not scanned, so what a loader would read here is not known to be safe.',
      `MEDIUM   repo/models/model.safetensors lfs/pointer: Git LFS pointer (oid sha256:${OID}, 4096 bytes): the model itself is not in the checkout and was not scanned.`,
      '',
      'What to do:',
      '  fs/symlink-outside: Replace the link with the file itself, or point it at a file inside the repository.',
      '  lfs/pointer: Scan the LFS objects by range requests (CLI --lfs; the action does it when its token is set, input lfs), or fetch them before the scan (actions/checkout with lfs: true, or git lfs pull).',
      '  Details: https://github.com/modelgate/modelgate/blob/v1/docs/rules.md',
      '',
      'modelgate: 3 file(s) scanned, 2 medium; blocked: medium finding(s) at or above fail-on medium',
      ''
    ])
  })

  test('--format sarif: SARIF 2.1.0 with repo-relative locations and our own fingerprints', () => {
    const r = cli(['scan', '--format', 'sarif', 'repo'], dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const log = JSON.parse(r.stdout)
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['fs/symlink-outside', 'lfs/pointer'])
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'fs/symlink-outside',
        ruleIndex: 0,
        level: 'warning',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'repo/models/link.pkl', uriBaseId: '%SRCROOT%' } } }]
      }),
      {
        ruleId: 'lfs/pointer',
        ruleIndex: 1,
        level: 'warning',
        message: { text: expect.stringContaining(OID) },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'repo/models/model.safetensors', uriBaseId: '%SRCROOT%' } } }],
        partialFingerprints: { primaryLocationLineHash: expect.stringMatching(/^[0-9a-f]{32}$/) },
        properties: { severity: 'medium' }
      }
    ])
  })

  test('a model path that is a link to a payload elsewhere in the tree: scanned as its target, exit 1', () => {
    mkdirSync(`${dir}/linked/models`, { recursive: true })
    mkdirSync(`${dir}/linked/data`)
    writeFileSync(`${dir}/linked/data/payload.bin`, Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1'))
    symlinkSync('../data/payload.bin', `${dir}/linked/models/model.pkl`)
    const r = cli(['scan', '--format', 'json', 'models'], `${dir}/linked`)
    expect(r.code).toBe(1)
    const [file] = JSON.parse(r.stdout).files
    expect(file.path).toBe('models/model.pkl')
    expect(file.findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity])).toEqual([
      ['fs/symlink', 'info'],
      ['pickle/dangerous-global', 'critical']
    ])
    expect(file.findings[0].message).toBe('Symbolic link to data/payload.bin (inside the workspace): scanned as its target.')
  })

  test('--output writes the report to a file', () => {
    const r = cli(['scan', '--format', 'markdown', '--output', `${dir}/out.md`, '--fail-on', 'never', 'repo'], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect(readFileSync(`${dir}/out.md`, 'utf8')).toMatch(/^## ✅ modelgate: passed\n/)
  })

  test.each([
    [['scan', '--fail-on', 'sometimes', 'repo'], 'modelgate: invalid value for --fail-on: "sometimes" (expected critical, high, medium, low, never)\n'],
    [['scan', '--nope', 'repo'], 'modelgate: unknown option "--nope" (see --help)\n'],
    [['scan', 'repo/does-not-exist.pt'], 'modelgate: no such file or directory: repo/does-not-exist.pt\n'],
    [[], 'modelgate: missing command (try: modelgate scan <path...>, or --help)\n']
  ])('usage errors exit 2 with one line: %j', (args, stderr) => {
    const r = cli(args, dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(stderr)
    expect(r.stdout).toBe('')
  })

  test('limits: --time-budget stops a slow file with scan/incomplete, keeping what was found before', () => {
    // A million GLOBAL/POP pairs: about a second of work, ten times the budget.
    writeFileSync(`${dir}/slow.pkl`, Buffer.concat([Buffer.from('\x80\x02', 'latin1'), Buffer.alloc(15 * 1_000_000, 'cposix\nsystem\n0'), Buffer.from('N.')]))
    const started = Date.now()
    const r = cli(['scan', '--format', 'json', '--time-budget', '0.1', 'slow.pkl'], dir)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(r.code).toBe(1)
    const findings = JSON.parse(r.stdout).files[0].findings
    expect(findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity])).toEqual([
      ['pickle/dangerous-global', 'critical'],
      ['scan/incomplete', 'high']
    ])
    expect(findings[1].message).toContain('the time budget (limits.timeBudgetMs = 100) was used up')
    const full = JSON.parse(cli(['scan', '--format', 'json', 'slow.pkl'], dir).stdout).files[0].findings
    expect(full.map((f: { rule: string }) => f.rule)).toEqual(['pickle/dangerous-global'])
  })

  test('a bad limit is a usage error: exit 2 with one line', () => {
    const r = cli(['scan', '--max-decompressed-bytes', '4GB', 'repo'], dir)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('modelgate: invalid value for --max-decompressed-bytes: "4GB" (expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB))\n')
  })

  test('--help and --version exit 0', () => {
    expect(cli(['--help']).stdout).toMatch(/^Usage: modelgate scan \[options\] <target\.\.\.>/)
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version
    expect(cli(['--version'])).toEqual({ code: 0, stdout: `modelgate ${version}\n`, stderr: '' })
  })

  test('runs with no node_modules anywhere (the bundle carries its dependencies)', () => {
    const alone = `${dir}/alone`
    cpSync('dist', alone, { recursive: true })
    const r = spawnSync(process.execPath, [`${alone}/cli.js`, 'scan', '--format', 'json', 'README.txt'], { cwd: `${dir}/repo`, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).files).toEqual([{ path: 'README.txt', format: 'other', size: 11, findings: [] }])
  })

  test('scans the committed fixtures (the README quick start)', () => {
    const r = cli(['scan', '--format', 'json', 'fixtures/'])
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout)
    expect(report.files.length).toBeGreaterThan(20)
    expect(report.files.every((f: { path: string }) => f.path.startsWith('fixtures/'))).toBe(true)
    expect(report.files.find((f: { path: string }) => f.path === 'fixtures/lfs/model.safetensors').format).toBe('lfs-pointer')
    expect(r.code).toBe(report.summary.blocked ? 1 : 0)
  })
})
