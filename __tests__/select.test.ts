import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { selectFiles, MissingPathError } from '../src/scan/select.js'

let root: string
let outside: string

const outsideLink = (why: string) => ({
  rule: 'fs/symlink-outside',
  severity: 'medium',
  message: `Symbolic link ${why}: not followed and not scanned, so what a loader would read here is not known to be safe.`
})
const DANGLING = outsideLink('whose target does not exist (dangling)')
const linkedFile = (target: string) => ({ rule: 'fs/symlink', severity: 'info', message: `Symbolic link to ${target} (inside the workspace): scanned as its target.` })
const linkedDirectory = (target: string, followed: boolean) => ({
  rule: 'fs/symlink',
  severity: 'info',
  message: followed
    ? `Symbolic link to the directory ${target} (inside the workspace): followed, its files are listed under this path.`
    : `Symbolic link to the directory ${target} (inside the workspace): not followed here, its files are scanned where they lie in the tree.`
})
const identity = (path: string) => {
  const { dev, ino } = statSync(path)
  return { path, dev, ino }
}

beforeAll(() => {
  const dir = realpathSync(mkdtempSync(`${tmpdir()}/modelgate-select-`))
  root = `${dir}/ws`
  outside = `${dir}/outside`
  mkdirSync(`${root}/models/nested/deeper`, { recursive: true })
  mkdirSync(`${root}/.git/objects`, { recursive: true })
  mkdirSync(outside)
  writeFileSync(`${outside}/x.pkl`, 'x')
  writeFileSync(`${root}/.git/objects/blob.pkl`, 'x')
  writeFileSync(`${root}/b.txt`, 'b')
  writeFileSync(`${root}/a.pkl`, 'a')
  writeFileSync(`${root}/models/nested/deeper/w.pt`, 'w')
  symlinkSync('/etc/passwd', `${root}/models/secret.pkl`)
  symlinkSync(`${root}/models`, `${root}/linked-dir`)
  symlinkSync(`${root}/missing-target`, `${root}/broken.pt`)
  symlinkSync('..', `${root}/models/nested/up`)
  symlinkSync(outside, `${root}/escape`)
  execFileSync('mkfifo', [`${root}/models/pipe.pkl`])
})

afterAll(() => rmSync(`${root}/..`, { recursive: true, force: true }))

test('walks directories recursively in name order, resolves links, lists FIFOs without opening them, skips .git', async () => {
  const found = await selectFiles([root], root)
  expect(found).toEqual([
    { path: `${root}/a.pkl`, kind: 'file' },
    { path: `${root}/b.txt`, kind: 'file' },
    { path: `${root}/broken.pt`, kind: 'link', finding: DANGLING },
    { path: `${root}/escape`, kind: 'link', finding: outsideLink(`leading outside the workspace (to ${outside})`) },
    // Inside the walked tree: the target directory is listed where it lies, not again here.
    { path: `${root}/linked-dir`, kind: 'link', finding: linkedDirectory('models', false) },
    { path: `${root}/models/nested/deeper/w.pt`, kind: 'file' },
    { path: `${root}/models/nested/up`, kind: 'link', finding: linkedDirectory('models', false) },
    { path: `${root}/models/pipe.pkl`, kind: 'special' },
    { path: `${root}/models/secret.pkl`, kind: 'link', finding: outsideLink('leading outside the workspace (to /etc/passwd)') }
  ])
})

test('a directory link given directly is followed: entries read at the target, listed under the link', async () => {
  expect(await selectFiles([`${root}/linked-dir`], root)).toEqual([
    { path: `${root}/linked-dir`, kind: 'link', finding: linkedDirectory('models', true) },
    {
      path: `${root}/linked-dir/nested/deeper/w.pt`,
      kind: 'file',
      via: { target: identity(`${root}/models/nested/deeper/w.pt`), finding: linkedFile('models/nested/deeper/w.pt') }
    },
    // A link back up the tree into what is being listed: not followed again (cycles end here).
    { path: `${root}/linked-dir/nested/up`, kind: 'link', finding: linkedDirectory('models', false) },
    { path: `${root}/linked-dir/pipe.pkl`, kind: 'special' },
    { path: `${root}/linked-dir/secret.pkl`, kind: 'link', finding: outsideLink('leading outside the workspace (to /etc/passwd)') }
  ])
})

test('a link cycle reached from inside is bounded: up -> models -> nested -> up', async () => {
  const found = await selectFiles([`${root}/models/nested/up`], root)
  expect(found.map((c) => c.path.slice(root.length))).toEqual([
    '/models/nested/up',
    '/models/nested/up/nested/deeper/w.pt',
    '/models/nested/up/nested/up',
    '/models/nested/up/pipe.pkl',
    '/models/nested/up/secret.pkl'
  ])
})

test('a given path through a linked directory: resolved like a link (inside: read at the target; outside: not read)', async () => {
  expect(await selectFiles([`${root}/linked-dir/nested/deeper/w.pt`, `${root}/escape/x.pkl`], root)).toEqual([
    { path: `${root}/linked-dir/nested/deeper/w.pt`, kind: 'file', via: { target: identity(`${root}/models/nested/deeper/w.pt`), finding: linkedFile('models/nested/deeper/w.pt') } },
    { path: `${root}/escape/x.pkl`, kind: 'link', finding: outsideLink(`leading outside the workspace (to ${outside}/x.pkl)`) }
  ])
})

test('a regular file given outside the workspace is the user\'s choice: listed as a file', async () => {
  expect(await selectFiles([`${outside}/x.pkl`], root)).toEqual([{ path: `${outside}/x.pkl`, kind: 'file' }])
})

test('paths keep the form they were given in (trailing slash, relative)', async () => {
  const found = await selectFiles([`${root}/models/nested/`], root)
  expect(found).toEqual([
    { path: `${root}/models/nested/deeper/w.pt`, kind: 'file' },
    { path: `${root}/models/nested/up`, kind: 'link', finding: linkedDirectory('models', true) },
    // `up` leads to models/, outside the given directory: followed, once.
    {
      path: `${root}/models/nested/up/nested/deeper/w.pt`,
      kind: 'file',
      via: { target: identity(`${root}/models/nested/deeper/w.pt`), finding: linkedFile('models/nested/deeper/w.pt') }
    },
    { path: `${root}/models/nested/up/nested/up`, kind: 'link', finding: linkedDirectory('models', false) },
    { path: `${root}/models/nested/up/pipe.pkl`, kind: 'special' },
    { path: `${root}/models/nested/up/secret.pkl`, kind: 'link', finding: outsideLink('leading outside the workspace (to /etc/passwd)') }
  ])
})

test('each path once, even when given twice or inside a given directory', async () => {
  const found = await selectFiles([`${root}/a.pkl`, `${root}/a.pkl`], root)
  expect(found).toEqual([{ path: `${root}/a.pkl`, kind: 'file' }])
})

test('a dangling link given directly is a finding, not a usage error', async () => {
  expect(await selectFiles([`${root}/broken.pt`], root)).toEqual([{ path: `${root}/broken.pt`, kind: 'link', finding: DANGLING }])
})

test('a missing path is a usage error naming it', async () => {
  await expect(selectFiles([`${root}/nope.pt`], root)).rejects.toThrow(new MissingPathError(`${root}/nope.pt`))
})
