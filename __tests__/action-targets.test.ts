import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolveTargets } from '../src/action/targets.js'
import { pathFilter } from '../src/action/globs.js'

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
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const all = pathFilter(['**'], [])

test('changed: regular files are handed to the engine; missing ones, escapes and submodules are not', async () => {
  const targets = await resolveTargets(ws, { kind: 'changed', paths: ['models/a.pkl', 'models/a.pkl', 'models/link.pkl', 'escape/secret.pkl', 'gone.pkl', 'submodule', 'no/dir/x.pt'] }, all)
  expect(targets.root).toBe(ws)
  // The engine lists models/link.pkl as a symlink without opening it (O_NOFOLLOW + lstat).
  expect(targets.scan).toEqual([`${ws}/models/a.pkl`, `${ws}/models/link.pkl`])
  expect(targets.listed).toEqual([
    {
      path: 'escape/secret.pkl',
      format: 'other',
      size: 0,
      findings: [
        { rule: 'scan/skipped-symlink', severity: 'info', message: 'A directory on this path is a symbolic link leading outside the workspace: not followed and not scanned.' }
      ]
    },
    { path: 'gone.pkl', format: 'other', size: 0, findings: [expect.objectContaining({ rule: 'scan/not-in-checkout', severity: 'high' })] },
    { path: 'no/dir/x.pt', format: 'other', size: 0, findings: [expect.objectContaining({ rule: 'scan/not-in-checkout', severity: 'high' })] }
  ])
})

test('changed: a path through a linked directory inside the workspace is listed, not read', async () => {
  const targets = await resolveTargets(ws, { kind: 'changed', paths: ['alias/a.pkl', 'alias/sub/b.pt'] }, all)
  expect(targets.scan).toEqual([])
  const message = 'A directory on this path is a symbolic link: not followed and not scanned (git never stores files behind a link; scan the path it points to).'
  expect(targets.listed).toEqual([
    { path: 'alias/a.pkl', format: 'other', size: 0, findings: [{ rule: 'scan/skipped-symlink', severity: 'info', message }] },
    { path: 'alias/sub/b.pt', format: 'other', size: 0, findings: [{ rule: 'scan/skipped-symlink', severity: 'info', message }] }
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

test('all: the workspace walk, .git skipped, symlinks listed for the engine but never followed, globs applied', async () => {
  expect((await resolveTargets(ws, { kind: 'all' }, all)).scan).toEqual([
    `${ws}/alias`,
    `${ws}/escape`,
    `${ws}/models/a.pkl`,
    `${ws}/models/link.pkl`,
    `${ws}/models/sub/b.pt`,
    `${ws}/train.py`
  ])
  expect((await resolveTargets(ws, { kind: 'all' }, pathFilter(['**/*.p{kl,t}'], ['models/sub']))).scan).toEqual([`${ws}/models/a.pkl`, `${ws}/models/link.pkl`])
})
