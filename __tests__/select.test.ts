import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { selectFiles, MissingPathError } from '../src/scan/select.js'

let root: string

beforeAll(() => {
  root = mkdtempSync(`${tmpdir()}/modelgate-select-`)
  mkdirSync(`${root}/models/nested/deeper`, { recursive: true })
  mkdirSync(`${root}/.git/objects`, { recursive: true })
  writeFileSync(`${root}/.git/objects/blob.pkl`, 'x')
  writeFileSync(`${root}/b.txt`, 'b')
  writeFileSync(`${root}/a.pkl`, 'a')
  writeFileSync(`${root}/models/nested/deeper/w.pt`, 'w')
  symlinkSync('/etc/passwd', `${root}/models/secret.pkl`)
  symlinkSync(`${root}/models`, `${root}/linked-dir`)
  symlinkSync(`${root}/missing-target`, `${root}/broken.pt`)
  execFileSync('mkfifo', [`${root}/models/pipe.pkl`])
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

test('walks directories recursively in name order, lists links and FIFOs without following, skips .git', async () => {
  const found = await selectFiles([root])
  expect(found).toEqual([
    { path: `${root}/a.pkl`, kind: 'file' },
    { path: `${root}/b.txt`, kind: 'file' },
    { path: `${root}/broken.pt`, kind: 'symlink' },
    { path: `${root}/linked-dir`, kind: 'symlink' },
    { path: `${root}/models/nested/deeper/w.pt`, kind: 'file' },
    { path: `${root}/models/pipe.pkl`, kind: 'special' },
    { path: `${root}/models/secret.pkl`, kind: 'symlink' }
  ])
})

test('paths keep the form they were given in (trailing slash, relative)', async () => {
  const found = await selectFiles([`${root}/models/nested/`])
  expect(found).toEqual([{ path: `${root}/models/nested/deeper/w.pt`, kind: 'file' }])
})

test('a symlink given directly is listed, not followed', async () => {
  expect(await selectFiles([`${root}/linked-dir`])).toEqual([{ path: `${root}/linked-dir`, kind: 'symlink' }])
})

test('each path once, even when given twice or inside a given directory', async () => {
  const found = await selectFiles([`${root}/a.pkl`, `${root}/a.pkl`])
  expect(found).toEqual([{ path: `${root}/a.pkl`, kind: 'file' }])
})

test('a missing path is a usage error naming it', async () => {
  await expect(selectFiles([`${root}/nope.pt`])).rejects.toThrow(new MissingPathError(`${root}/nope.pt`))
})
