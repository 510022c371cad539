import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { scanFile, scanPaths } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { openFileSource } from '../src/scan/source.js'

/** posix.system('echo pwned'): a critical finding if it were ever read. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')
const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'
const options = defaultScanOptions()
let root: string

beforeAll(() => {
  root = mkdtempSync(`${tmpdir()}/modelgate-scan-`)
  mkdirSync(`${root}/m`)
  writeFileSync(`${root}/m/model.safetensors`, `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 9\n`)
  writeFileSync(`${root}/m/notes.txt`, 'hello\n')
  symlinkSync('/etc/passwd', `${root}/m/passwd.pkl`)
  execFileSync('mkfifo', [`${root}/m/fifo.pt`])
  // Outside the scanned tree: a malicious pickle, and a directory of them, reachable only by links.
  mkdirSync(`${root}/outside`)
  writeFileSync(`${root}/outside/evil.pkl`, EVIL)
  mkdirSync(`${root}/tree`)
  writeFileSync(`${root}/tree/ok.txt`, 'ok')
  symlinkSync(`${root}/outside/evil.pkl`, `${root}/tree/model.pkl`)
  symlinkSync(`${root}/outside`, `${root}/tree/weights`)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

test('every file is in the report; links and FIFOs listed with info findings, never read', async () => {
  const report = await scanPaths([`${root}/m`], options)
  expect(report.files.map((f) => [f.path.slice(root.length), f.format, f.findings.map((x) => `${x.rule}:${x.severity}`)])).toEqual([
    ['/m/fifo.pt', 'other', ['scan/skipped-special:info']],
    ['/m/model.safetensors', 'lfs-pointer', ['lfs/pointer:medium']],
    ['/m/notes.txt', 'other', []],
    ['/m/passwd.pkl', 'other', ['scan/skipped-symlink:info']]
  ])
  expect(report.summary.blocked).toBe(true)
})

test('links to a file and a directory outside the tree: listed, never opened, nothing read from outside', async () => {
  const opened: string[] = []
  const io = {
    openSource: async (path: string) => {
      opened.push(path)
      return openFileSource(path)
    }
  }
  const report = await scanPaths([`${root}/tree`], options, io)
  expect(report.files.map((f) => [f.path.slice(root.length), f.findings.map((x) => `${x.rule}:${x.severity}`)])).toEqual([
    ['/tree/model.pkl', ['scan/skipped-symlink:info']],
    ['/tree/ok.txt', []],
    ['/tree/weights', ['scan/skipped-symlink:info']]
  ])
  expect(opened).toEqual([`${root}/tree/ok.txt`])
  expect(report.summary.maxSeverity).toBe('info')
})

test('a link given directly as the path to scan is not followed either', async () => {
  const report = await scanPaths([`${root}/tree/model.pkl`, `${root}/tree/weights`], options)
  expect(report.files.map((f) => f.findings.map((x) => x.rule))).toEqual([['scan/skipped-symlink'], ['scan/skipped-symlink']])
})

test('an unreadable file gets a high finding naming the error, not a crash', async () => {
  const io = {
    openSource: async () => {
      throw Object.assign(new Error('permission denied'), { code: 'EACCES' })
    }
  }
  const report = await scanPaths([`${root}/m/notes.txt`], options, io)
  expect(report.files).toEqual([
    {
      path: `${root}/m/notes.txt`,
      format: 'other',
      size: 0,
      findings: [
        {
          rule: 'scan/unreadable',
          severity: 'high',
          message: 'Could not be read (EACCES: permission denied): not scanned, so it is not known to be safe. Fix the permissions and scan again.'
        }
      ]
    }
  ])
})

test('a read failing mid-scan becomes scan/incomplete, never clean', async () => {
  const io = {
    openSource: async (path: string) => {
      const real = await openFileSource(path)
      return { size: real.size, close: () => real.close(), read: async () => Promise.reject(new Error('EIO: i/o error')) }
    }
  }
  const file = await scanFile(`${root}/m/notes.txt`, options, io)
  expect(file.findings).toEqual([{ rule: 'scan/incomplete', severity: 'high', message: 'Scan failed (EIO: i/o error): the file was not fully analysed.' }])
})

test('a path swapped for a FIFO after listing is not opened (no hang)', async () => {
  const file = await scanFile(`${root}/m/fifo.pt`, options)
  expect(file.findings.map((f) => f.rule)).toEqual(['scan/skipped-special'])
})

test('a path swapped for a symlink after listing is refused by O_NOFOLLOW', async () => {
  const file = await scanFile(`${root}/m/passwd.pkl`, options)
  expect(file.findings.map((f) => f.rule)).toEqual(['scan/skipped-symlink'])
})

test('bounded concurrency: never more open files than options.concurrency', async () => {
  for (let i = 0; i < 20; i++) writeFileSync(`${root}/m/f${String(i).padStart(2, '0')}.txt`, 'x')
  let open = 0
  let peak = 0
  const io = {
    openSource: async (path: string) => {
      open++
      peak = Math.max(peak, open)
      const real = await openFileSource(path)
      await new Promise((r) => setTimeout(r, 5))
      return { size: real.size, read: real.read.bind(real), close: async () => (open--, real.close()) }
    }
  }
  const report = await scanPaths([`${root}/m`], defaultScanOptions({ concurrency: 3 }), io)
  expect(report.files.length).toBe(24)
  expect(peak).toBe(3)
})
