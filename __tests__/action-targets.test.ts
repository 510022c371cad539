import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolveTargets } from '../src/action/targets.js'
import { pathFilter } from '../src/policy/globs.js'
import { scanPaths } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'

let dir: string
let ws: string
beforeAll(() => {
  dir = realpathSync(mkdtempSync(`${tmpdir()}/modelgate-targets-`))
  ws = `${dir}/ws`
  mkdirSync(`${ws}/models/sub`, { recursive: true })
  mkdirSync(`${ws}/.git`)
  mkdirSync(`${ws}/submodule`)
  mkdirSync(`${dir}/outside`)
  writeFileSync(`${dir}/outside/secret.pkl`, 'secret')
  writeFileSync(`${ws}/.git/config`, '')
  writeFileSync(`${ws}/models/a.pkl`, 'a')
  writeFileSync(`${ws}/models/sub/b.pt`, 'b')
  writeFileSync(`${ws}/train.py`, 'print()')
  symlinkSync(`${dir}/outside`, `${ws}/escape`)
  symlinkSync(`${dir}/outside/secret.pkl`, `${ws}/models/link.pkl`)
  symlinkSync(`${ws}/models`, `${ws}/alias`)
  symlinkSync('models/sub/b.pt', `${ws}/w.pkl`)
})

const outsideLink = (why: string) => ({
  rule: 'fs/symlink-outside',
  severity: 'medium',
  message: `Symbolic link ${why}: not followed and not scanned, so what a loader would read here is not known to be safe.`
})
const listedLink = (path: string, finding: object) => ({ path, format: 'other', size: 0, findings: [finding] })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const all = pathFilter(['**'], [])

test('changed: regular files are handed to the engine; missing ones, escapes and submodules are not', async () => {
  const targets = await resolveTargets(ws, { kind: 'changed', paths: ['models/a.pkl', 'models/a.pkl', 'models/link.pkl', 'escape/secret.pkl', 'gone.pkl', 'submodule', 'no/dir/x.pt'] }, all)
  expect(targets.root).toBe(ws)
  // The engine resolves models/link.pkl (outside: fs/symlink-outside, never opened).
  expect(targets.scan).toEqual([`${ws}/models/a.pkl`, `${ws}/models/link.pkl`])
  expect(targets.listed).toEqual([
    listedLink('escape/secret.pkl', outsideLink(`on this path (a directory) leading outside the workspace (to ${dir}/outside)`)),
    { path: 'gone.pkl', format: 'other', size: 0, findings: [expect.objectContaining({ rule: 'scan/not-in-checkout', severity: 'high' })] },
    { path: 'no/dir/x.pt', format: 'other', size: 0, findings: [expect.objectContaining({ rule: 'scan/not-in-checkout', severity: 'high' })] }
  ])
})

test('changed: a path through a linked directory inside the workspace goes to the engine, which scans its target', async () => {
  const targets = await resolveTargets(ws, { kind: 'changed', paths: ['alias/a.pkl', 'alias/sub/b.pt'] }, all)
  expect(targets.scan).toEqual([`${ws}/alias/a.pkl`, `${ws}/alias/sub/b.pt`])
  expect(targets.listed).toEqual([])
  const report = await scanPaths(targets.scan, defaultScanOptions({ workspace: ws }))
  expect(report.files.map((f) => [f.path.slice(ws.length + 1), f.findings.map((x) => x.message)])).toEqual([
    ['alias/a.pkl', ['Symbolic link to models/a.pkl (inside the workspace): scanned as its target.', expect.stringContaining('matches no model format')]],
    ['alias/sub/b.pt', ['Symbolic link to models/sub/b.pt (inside the workspace): scanned as its target.', expect.stringContaining('matches no model format')]]
  ])
})

test('changed: the globs filter before anything is touched', async () => {
  const targets = await resolveTargets(ws, { kind: 'changed', paths: ['models/a.pkl', 'gone.pkl', 'train.py'] }, pathFilter(['models/**'], []))
  expect(targets.scan).toEqual([`${ws}/models/a.pkl`])
  expect(targets.listed).toEqual([])
})

test('changed: paths that are not plain repository paths are never opened', async () => {
  const targets = await resolveTargets(ws, { kind: 'changed', paths: ['../outside/secret.pkl', '/etc/passwd', 'models//a.pkl'] }, () => true)
  expect(targets.scan).toEqual([])
  expect(targets.listed.map((f) => [f.path, f.findings[0].rule])).toEqual([
    ['../outside/secret.pkl', 'scan/not-in-checkout'],
    ['/etc/passwd', 'scan/not-in-checkout'],
    ['models//a.pkl', 'scan/not-in-checkout']
  ])
})

test('all: the workspace walk, .git skipped, links selected by their own names, unread links listed, globs applied', async () => {
  const everything = await resolveTargets(ws, { kind: 'all' }, all)
  expect(everything.scan).toEqual([`${ws}/models/a.pkl`, `${ws}/models/sub/b.pt`, `${ws}/train.py`, `${ws}/w.pkl`])
  expect(everything.listed).toEqual([
    listedLink('alias', {
      rule: 'fs/symlink',
      severity: 'info',
      message: 'Symbolic link to the directory models (inside the workspace): not followed here, its files are scanned where they lie in the tree.'
    }),
    listedLink('escape', outsideLink(`leading outside the workspace (to ${dir}/outside)`)),
    listedLink('models/link.pkl', outsideLink(`leading outside the workspace (to ${dir}/outside/secret.pkl)`))
  ])
  // w.pkl is selected by its name although its target (models/sub/b.pt) is excluded.
  const filtered = await resolveTargets(ws, { kind: 'all' }, pathFilter(['**/*.p{kl,t}'], ['models/sub']))
  expect(filtered.scan).toEqual([`${ws}/models/a.pkl`, `${ws}/w.pkl`])
  expect(filtered.listed.map((f) => f.path)).toEqual(['models/link.pkl'])
})
