// End-to-end: the npm package as published. `npm pack` of this checkout must hold the bundles
// and nothing else, and its bin must run from the tarball and from an offline install of it
// (dist/ is self-contained: the package has no runtime dependencies to fetch).
import { jest } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'

jest.setTimeout(180_000)

const ROOT = resolve('.')
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; dependencies?: Record<string, string> }
/** Calls `os.system('echo pwned')` when unpickled. */
const DANGEROUS_PICKLE = "cos\nsystem\n(S'echo pwned'\ntR."

let dir: string
let tarball: string
let packed: { files: { path: string; mode: number }[] }
/** npm with its own cache, never the network or the caller's npm settings. */
const npmEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_cache: `${dir}/npm-cache`, npm_config_offline: 'true', npm_config_update_notifier: 'false' }
  for (const key of Object.keys(env)) if (/^npm_config_(prefix|global|userconfig)$/i.test(key)) delete env[key]
  return env
}
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

beforeAll(() => {
  dir = mkdtempSync(`${tmpdir()}/modelgate-pack-`)
  const [result] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir, ROOT], dir)) as [{ filename: string; files: { path: string; mode: number }[] }]
  packed = result
  tarball = `${dir}/${result.filename}`
  mkdirSync(`${dir}/extracted`)
  execFileSync('tar', ['-xzf', tarball, '-C', `${dir}/extracted`])
  mkdirSync(`${dir}/repo`)
  writeFileSync(`${dir}/repo/model.pkl`, DANGEROUS_PICKLE, 'latin1')
  writeFileSync(`${dir}/repo/notes.md`, '# notes\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs a bin and returns its exit code and output; `scan --format json` output parsed. */
function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env: npmEnv(), encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function expectBlocked(r: { code: number | null; stdout: string; stderr: string }): void {
  expect(r.stderr).toBe('')
  const report = JSON.parse(r.stdout) as { files: { path: string; findings: { rule: string; severity: string; global?: string }[] }[]; summary: unknown }
  expect(report.files.map((f) => [f.path, f.findings.map((x) => [x.rule, x.severity, x.global])])).toEqual([
    ['model.pkl', [['pickle/dangerous-global', 'critical', 'os.system']]],
    ['notes.md', []]
  ])
  expect(report.summary).toEqual({ files: 2, findings: { critical: 1, high: 0, medium: 0, low: 0, info: 0 }, maxSeverity: 'critical', blocked: true })
  expect(r.code).toBe(1)
}

test('the tarball holds the bundles, action.yml, README and LICENSE only; the bin is executable', () => {
  expect(packed.files.map((f) => f.path).sort()).toEqual([
    'LICENSE',
    'README.md',
    'action.yml',
    'dist/cli.js',
    'dist/cli.licenses.txt',
    'dist/index.js',
    'dist/index.licenses.txt',
    'dist/package.json',
    'package.json'
  ])
  expect(packed.files.find((f) => f.path === 'dist/cli.js')!.mode & 0o111).toBe(0o111)
  expect(readFileSync(`${dir}/extracted/package/dist/cli.js`, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  // Everything is bundled: installing the package fetches nothing.
  expect(pkg.dependencies).toBeUndefined()
})

test('the extracted bin runs: --version and a blocking scan', () => {
  const cli = `${dir}/extracted/package/dist/cli.js`
  expect(run(process.execPath, [cli, '--version'], dir)).toEqual({ code: 0, stdout: `modelgate ${pkg.version}\n`, stderr: '' })
  expectBlocked(run(process.execPath, [cli, 'scan', '--format', 'json', 'model.pkl', 'notes.md'], `${dir}/repo`))
})

test('installed offline from the tarball: node_modules/.bin/modelgate and npm exec', () => {
  const project = `${dir}/project`
  mkdirSync(project)
  writeFileSync(`${project}/package.json`, '{ "name": "consumer", "private": true }\n')
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project)
  const bin = `${project}/node_modules/.bin/modelgate`
  accessSync(bin, constants.X_OK)
  // Run through the link itself: the shebang and the executable bit make it a command.
  expect(run(bin, ['--version'], project)).toEqual({ code: 0, stdout: `modelgate ${pkg.version}\n`, stderr: '' })
  expectBlocked(run(bin, ['scan', '--format', 'json', 'model.pkl', 'notes.md'], `${dir}/repo`))
  const viaExec = run('npm', ['exec', '--offline', '--', 'modelgate', 'scan', '--format', 'json', `${dir}/repo`], project)
  expect(viaExec.code).toBe(1)
  expect(JSON.parse(viaExec.stdout).files[0].findings[0].rule).toBe('pickle/dangerous-global')
})
