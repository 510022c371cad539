import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
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
  root = realpathSync(mkdtempSync(`${tmpdir()}/modelgate-scan-`))
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

const outsideLink = (why: string) => ({
  rule: 'fs/symlink-outside',
  severity: 'medium',
  message: `Symbolic link ${why}: not followed and not scanned, so what a loader would read here is not known to be safe.`
})

test('every file is in the report; FIFOs listed with info findings, links outside the workspace with medium ones, neither read', async () => {
  const report = await scanPaths([`${root}/m`], options)
  expect(report.files.map((f) => [f.path.slice(root.length), f.format, f.findings.map((x) => `${x.rule}:${x.severity}`)])).toEqual([
    ['/m/fifo.pt', 'other', ['scan/skipped-special:info']],
    ['/m/model.safetensors', 'lfs-pointer', ['lfs/pointer:medium']],
    ['/m/notes.txt', 'other', []],
    ['/m/passwd.pkl', 'other', ['fs/symlink-outside:medium']]
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
  const report = await scanPaths([`${root}/tree`], { ...options, workspace: `${root}/tree` }, io)
  expect(report.files.map((f) => [f.path.slice(root.length), f.findings.map((x) => `${x.rule}:${x.severity}`)])).toEqual([
    ['/tree/model.pkl', ['fs/symlink-outside:medium']],
    ['/tree/ok.txt', []],
    ['/tree/weights', ['fs/symlink-outside:medium']]
  ])
  expect(opened).toEqual([`${root}/tree/ok.txt`])
  expect(report.summary.maxSeverity).toBe('medium')
  expect(report.summary.blocked).toBe(true)
})

test('a link given directly as the path to scan is not followed out of the workspace either', async () => {
  const report = await scanPaths([`${root}/tree/model.pkl`, `${root}/tree/weights`], { ...options, workspace: `${root}/tree` })
  expect(report.files.map((f) => f.findings)).toEqual([
    [outsideLink(`leading outside the workspace (to ${root}/outside/evil.pkl)`)],
    [outsideLink(`leading outside the workspace (to ${root}/outside)`)]
  ])
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
  expect(file.findings).toEqual([outsideLink('swapped in after the file was listed')])
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

describe('links inside a workspace', () => {
  let ws: string
  let wsOptions: typeof options
  const opened: string[] = []
  const io = {
    openSource: async (path: string, expected?: { dev: number; ino: number }) => {
      opened.push(path)
      return openFileSource(path, expected)
    }
  }
  const rows = (report: Awaited<ReturnType<typeof scanPaths>>) => report.files.map((f) => [f.path.slice(ws.length + 1), f.findings.map((x) => `${x.rule}:${x.severity}`)])
  const linkedFile = (target: string) => ({ rule: 'fs/symlink', severity: 'info', message: `Symbolic link to ${target} (inside the workspace): scanned as its target.` })

  beforeAll(() => {
    ws = `${root}/ws`
    wsOptions = { ...options, workspace: ws }
    for (const d of ['payload', 'models', 'chain']) mkdirSync(`${ws}/${d}`, { recursive: true })
    writeFileSync(`${ws}/payload/evil.pkl`, EVIL)
    writeFileSync(`${ws}/clean.txt`, 'hello')
    symlinkSync('../payload/evil.pkl', `${ws}/models/model.pkl`)
    symlinkSync(`${ws}/clean.txt`, `${ws}/models/readme.txt`)
    symlinkSync(`${root}/outside/evil.pkl`, `${ws}/models/abs-out.pkl`)
    symlinkSync('../../outside/evil.pkl', `${ws}/models/rel-out.pkl`)
    symlinkSync('missing.pkl', `${ws}/models/dangling.pkl`)
    symlinkSync('loop-b.pkl', `${ws}/models/loop-a.pkl`)
    symlinkSync('loop-a.pkl', `${ws}/models/loop-b.pkl`)
    // models/chain.pkl -> chain/1 -> chain/2 -> payload/evil.pkl: three links, all inside.
    symlinkSync('../chain/1', `${ws}/models/chain.pkl`)
    symlinkSync('2', `${ws}/chain/1`)
    symlinkSync('../payload/evil.pkl', `${ws}/chain/2`)
    symlinkSync(`${root}/outside`, `${ws}/escape`)
  })
  beforeEach(() => opened.splice(0))

  test('each link scanned as its target when inside, medium when it leaves, dangles or loops; nothing outside opened', async () => {
    const report = await scanPaths([`${ws}/models`], wsOptions, io)
    expect(rows(report)).toEqual([
      ['models/abs-out.pkl', ['fs/symlink-outside:medium']],
      ['models/chain.pkl', ['fs/symlink:info', 'pickle/dangerous-global:critical']],
      ['models/dangling.pkl', ['fs/symlink-outside:medium']],
      ['models/loop-a.pkl', ['fs/symlink-outside:medium']],
      ['models/loop-b.pkl', ['fs/symlink-outside:medium']],
      ['models/model.pkl', ['fs/symlink:info', 'pickle/dangerous-global:critical']],
      ['models/readme.txt', ['fs/symlink:info']],
      ['models/rel-out.pkl', ['fs/symlink-outside:medium']]
    ])
    const findings = Object.fromEntries(report.files.map((f) => [f.path.slice(ws.length + 1), f.findings]))
    expect(findings['models/abs-out.pkl']).toEqual([outsideLink(`leading outside the workspace (to ${root}/outside/evil.pkl)`)])
    expect(findings['models/rel-out.pkl']).toEqual([outsideLink(`leading outside the workspace (to ${root}/outside/evil.pkl)`)])
    expect(findings['models/dangling.pkl']).toEqual([outsideLink('whose target does not exist (dangling)')])
    expect(findings['models/loop-a.pkl']).toEqual([outsideLink('that cannot be resolved (a loop, or too long a chain of links)')])
    expect(findings['models/chain.pkl'][0]).toEqual(linkedFile('payload/evil.pkl'))
    expect(findings['models/readme.txt']).toEqual([linkedFile('clean.txt')])
    expect(report.files.find((f) => f.path.endsWith('model.pkl'))).toMatchObject({ format: 'pickle', size: EVIL.length })
    expect(opened.sort()).toEqual([`${ws}/clean.txt`, `${ws}/payload/evil.pkl`, `${ws}/payload/evil.pkl`])
    expect(report.summary.blocked).toBe(true)
  })

  test('a link given on the command line is scanned as its target, under its own path', async () => {
    const report = await scanPaths([`${ws}/models/model.pkl`], wsOptions, io)
    expect(report.files).toEqual([
      expect.objectContaining({ path: `${ws}/models/model.pkl`, format: 'pickle', findings: [linkedFile('payload/evil.pkl'), expect.objectContaining({ severity: 'critical' })] })
    ])
    expect(opened).toEqual([`${ws}/payload/evil.pkl`])
  })

  test('a directory on the given path that is a link leading outside: medium, nothing opened', async () => {
    const report = await scanPaths([`${ws}/escape/evil.pkl`], wsOptions, io)
    expect(report.files).toEqual([
      { path: `${ws}/escape/evil.pkl`, format: 'other', size: 0, findings: [outsideLink(`leading outside the workspace (to ${root}/outside/evil.pkl)`)] }
    ])
    expect(opened).toEqual([])
    expect(report.summary.blocked).toBe(true)
  })

  test('only clean links: info findings, not blocked under the default fail-on', async () => {
    const report = await scanPaths([`${ws}/models/readme.txt`], wsOptions, io)
    expect(report.files.map((f) => f.findings)).toEqual([[linkedFile('clean.txt')]])
    expect(report.summary.blocked).toBe(false)
  })

  test('a target swapped after it was resolved (another inode) is not read', async () => {
    const { dev, ino } = statSync(`${ws}/clean.txt`)
    const file = await scanFile(`${ws}/models/model.pkl`, wsOptions, io, { path: `${ws}/payload/evil.pkl`, dev, ino })
    expect(file).toEqual({ path: `${ws}/models/model.pkl`, format: 'other', size: 0, findings: [outsideLink('whose target changed after it was resolved')] })
  })
})

test('a file source reads synchronously while open, and refuses once closed (its descriptor number may name another file by then)', async () => {
  const dir = mkdtempSync(`${tmpdir()}/modelgate-readsync-`)
  try {
    writeFileSync(`${dir}/f.bin`, 'abcdef')
    const source = await openFileSource(`${dir}/f.bin`)
    const into = new Uint8Array(4)
    expect(source.readSync!(into, 2, 4)).toBe(4)
    expect(Buffer.from(into).toString()).toBe('cdef')
    expect(source.readSync!(into, 5, 4)).toBe(1)
    await source.close()
    expect(() => source.readSync!(into, 0, 4)).toThrow('read after the file was closed')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
