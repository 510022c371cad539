// Remote targets end to end through the CLI's main(): URLs give the verdict the local file
// gives, hf:// repos are listed and read at one commit through a CDN redirect, LFS pointers
// are replaced by their objects, and every failure is a finding or exit 2, never a pass.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { main } from '../src/cli/main.js'
import { scanFile } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { mapConcurrent } from '../src/scan/concurrency.js'
import type { FileReport, Report } from '../src/scan/findings.js'
import { HttpClient } from '../src/remote/http.js'
import { scanRemote } from '../src/remote/scan-remote.js'
import { serveBytes, startServer, type Loopback } from './helpers/loopback.js'

const FIXTURES = ['real', 'pickle', 'safetensors', 'zip', 'zipprefix', 'compress', 'sniff', 'lfs', 'containers', 'gguf', 'templates', 'keras', 'hdf5', 'savedmodel']
const SHA = 'ab'.repeat(20)
const TOKEN = 'hf_secret_token_0042'
const LFS_TOKEN = 'lfs_secret_token_0077'
/** Protocol 2: posix.system('echo pwned'), assembled by hand. Never loaded, only scanned. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nq\x00X\x0a\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03.', 'latin1')

function fixtureFiles(): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push(path)
    }
  }
  for (const d of FIXTURES) walk(join('fixtures', d))
  return out
}

/** A finding as the report shows it, path-free. */
const shape = (f: FileReport) => ({ format: f.format, size: f.size, findings: f.findings, details: f.details })

interface Run {
  code: number
  stdout: string
  stderr: string
  report?: Report
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(['scan', '--format', 'json', ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env
  })
  return { code, stdout, stderr, report: stdout !== '' ? (JSON.parse(stdout) as Report) : undefined }
}

describe('a URL gives the verdict of the local file', () => {
  let server: Loopback
  const files = fixtureFiles()
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1))
      if (!files.includes(path)) {
        res.writeHead(404)
        res.end()
      } else serveBytes(req, res, readFileSync(path), { etag: '"v1"' })
    })
  })
  afterAll(() => server.close())

  it(`for each of the ${files.length} fixture files`, async () => {
    expect(files.length).toBeGreaterThan(200)
    const options = defaultScanOptions()
    const client = new HttpClient()
    const mismatches: string[] = []
    await mapConcurrent(files, 8, async (path) => {
      const local = await scanFile(path, options)
      const remote = await scanRemote(client, { path, url: `${server.origin}/${encodeURIComponent(path)}`, credentials: {} }, options)
      try {
        expect(shape(remote)).toEqual(shape(local))
        expect(remote.source?.requests).toBeGreaterThan(0)
      } catch {
        mismatches.push(`${path}: local ${JSON.stringify(shape(local)).slice(0, 300)} remote ${JSON.stringify(shape(remote)).slice(0, 300)}`)
      }
    })
    expect(mismatches).toEqual([])
  }, 60_000)
})

/** A hub with one repo at one commit; resolve redirects to a second host that serves the bytes. */
async function startHub(repo: Record<string, Uint8Array>, gated = false): Promise<{ hub: Loopback; cdn: Loopback }> {
  const cdn = await startServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/cdn\//, ''))
    if (repo[name] === undefined) {
      res.writeHead(404)
      res.end()
    } else serveBytes(req, res, repo[name], { etag: `"${name}"` })
  }, '127.0.0.2')
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const hub = await startServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (gated && req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { error: 'gated' }, { 'x-error-code': 'GatedRepo' })
    if (url.pathname === '/api/models/acme/bert/revision/main') return json(res, 200, { sha: SHA })
    if (url.pathname === `/api/models/acme/bert/tree/${SHA}`) {
      return json(res, 200, Object.entries(repo).map(([path, bytes]) => ({ type: 'file', path, size: bytes.length, oid: 'c'.repeat(40) })))
    }
    const resolve = new RegExp(`^/acme/bert/resolve/${SHA}/(.+)$`).exec(url.pathname)
    if (resolve !== null) {
      res.writeHead(302, { location: `${cdn.origin}/cdn/${resolve[1]}` })
      res.end()
      return
    }
    json(res, 404, { error: 'not found' }, { 'x-error-code': 'RepoNotFound' })
  })
  return { hub, cdn }
}

describe('hf:// repos', () => {
  const repo = {
    'config.json': Buffer.from('{"model_type": "bert"}'),
    'pytorch_model.bin': readFileSync('fixtures/real/state_dict.pt'),
    'extra/evil.pkl': EVIL
  }

  it('lists the repo at its commit, reads each file through the CDN without the token, reports sources and totals', async () => {
    const { hub, cdn } = await startHub(repo)
    try {
      const run = await cli(['hf://acme/bert'], { HF_ENDPOINT: hub.origin, HF_TOKEN: TOKEN })
      expect(run.code).toBe(1)
      const report = run.report!
      expect(report.files.map((f) => [f.path, f.format])).toEqual([
        ['hf://acme/bert/config.json', 'other'],
        ['hf://acme/bert/extra/evil.pkl', 'pickle'],
        ['hf://acme/bert/pytorch_model.bin', 'pytorch-zip']
      ])
      const evil = report.files[1]
      expect(evil.findings).toContainEqual(expect.objectContaining({ rule: 'pickle/dangerous-global', severity: 'critical', global: 'posix.system' }))
      expect(evil.source).toEqual({ url: `${hub.origin}/acme/bert/resolve/${SHA}/extra/evil.pkl`, revision: SHA, requests: 2, bytes: EVIL.length })
      for (const f of report.files) expect(f.source?.revision).toBe(SHA)
      // The token went to the hub on every request, never to the CDN.
      expect(hub.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true)
      expect(cdn.requests.length).toBeGreaterThan(0)
      expect(cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true)
      const listing = 2 // revision + one tree page
      const perFile = report.files.reduce((n, f) => n + f.source!.requests, 0)
      expect(report.summary.remote).toEqual({
        files: 3,
        requests: listing + perFile,
        bytes: expect.any(Number),
        size: Object.values(repo).reduce((n, b) => n + b.length, 0)
      })
      expect(hub.requests.length + cdn.requests.length).toBe(listing + perFile)
      expect(run.stdout + run.stderr).not.toContain(TOKEN)
    } finally {
      await hub.close()
      await cdn.close()
    }
  })

  it('a gated repo without a token exits 2 saying a token is needed', async () => {
    const { hub, cdn } = await startHub(repo, true)
    try {
      const run = await cli(['hf://acme/bert'], { HF_ENDPOINT: hub.origin })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/^modelgate: .*hf:\/\/acme\/bert.*gated or private.*HF_TOKEN/)
      expect(cdn.requests).toEqual([])
    } finally {
      await hub.close()
      await cdn.close()
    }
  })

  it('HF_HUB_OFFLINE=1 refuses before any request', async () => {
    const { hub, cdn } = await startHub(repo)
    try {
      const run = await cli(['hf://acme/bert'], { HF_ENDPOINT: hub.origin, HF_HUB_OFFLINE: '1' })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/HF_HUB_OFFLINE/)
      expect(hub.requests).toEqual([])
    } finally {
      await hub.close()
      await cdn.close()
    }
  })
})

describe('URLs that fail', () => {
  it('a 404 is remote/fetch-failed naming the status; the run blocks', async () => {
    const server = await startServer((_, res) => {
      res.writeHead(404)
      res.end()
    })
    try {
      const run = await cli([`${server.origin}/missing.pt?X-Amz-Signature=${TOKEN}`])
      expect(run.code).toBe(1)
      const [file] = run.report!.files
      expect(file.path).toBe(`${server.origin}/missing.pt?…`)
      expect(file.findings).toEqual([expect.objectContaining({ rule: 'remote/fetch-failed', severity: 'high', message: expect.stringContaining('HTTP 404') })])
      expect(run.stdout).not.toContain(TOKEN)
    } finally {
      await server.close()
    }
  })

  it('an unsupported scheme is a usage error (exit 2)', async () => {
    const run = await cli(['s3://bucket/model.pt'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('modelgate: unsupported target "s3://bucket/model.pt": expected a path, an http(s):// URL or hf://org/name\n')
  })
})

describe('--lfs: pointers scanned as their objects', () => {
  const pointer = (oid: string, size: number) => `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
  const safe = readFileSync('fixtures/real/state_dict.pt')
  const objects: Record<string, Uint8Array> = { [sha(EVIL)]: EVIL, [sha(safe)]: safe }
  const wrongSize = sha(Buffer.from('wrong size'))
  const wrongHash = 'f'.repeat(64)
  objects[wrongSize] = Buffer.from('wrong size, longer than promised')
  objects[wrongHash] = Buffer.from('x'.repeat(10))
  let dir: string
  let lfs: Loopback
  let store: Loopback

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelgate-lfs-'))
    writeFileSync(join(dir, 'evil.bin'), pointer(sha(EVIL), EVIL.length))
    writeFileSync(join(dir, 'model.pt'), pointer(sha(safe), safe.length))
    writeFileSync(join(dir, 'missing.bin'), pointer('e'.repeat(64), 100))
    writeFileSync(join(dir, 'short.bin'), pointer(wrongSize, 10))
    writeFileSync(join(dir, 'forged.bin'), pointer(wrongHash, 10))
    store = await startServer((req, res) => {
      const oid = new URL(req.url ?? '/', 'http://x').pathname.slice(1)
      if (req.headers['x-signed'] !== 'yes' || objects[oid] === undefined) {
        res.writeHead(403)
        res.end()
      } else serveBytes(req, res, objects[oid])
    }, '127.0.0.2')
    lfs = await startServer((_, res, body) => {
      const request = JSON.parse(body) as { objects: { oid: string; size: number }[] }
      const answer = request.objects.map(({ oid, size }) =>
        objects[oid] === undefined
          ? { oid, size, error: { code: 404, message: 'Object does not exist' } }
          : { oid, size, actions: { download: { href: `${store.origin}/${oid}`, header: { 'X-Signed': 'yes' } } } }
      )
      res.writeHead(200, { 'content-type': 'application/vnd.git-lfs+json' })
      res.end(JSON.stringify({ transfer: 'basic', objects: answer }))
    })
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await lfs.close()
    await store.close()
  })

  it('scans each object under the pointer path; missing, resized and forged objects are lfs/object-missing', async () => {
    const run = await cli(['--lfs-url', `${lfs.origin}/acme/models.git/info/lfs`, dir], { MODELGATE_LFS_TOKEN: LFS_TOKEN })
    expect(run.code).toBe(1)
    const byName = Object.fromEntries(run.report!.files.map((f) => [f.path.slice(dir.length + 1), f]))
    expect(byName['evil.bin'].format).toBe('pickle')
    expect(byName['evil.bin'].findings).toContainEqual(expect.objectContaining({ rule: 'pickle/dangerous-global', global: 'posix.system' }))
    expect(byName['evil.bin'].source).toEqual({ url: `${store.origin}/${sha(EVIL)}`, requests: 1, bytes: EVIL.length })
    expect(byName['model.pt'].format).toBe('pytorch-zip')
    expect(byName['model.pt'].findings.filter((f) => f.severity !== 'info' && f.severity !== 'low' && f.rule !== 'pickle/format')).toEqual([])
    for (const [name, why] of [
      ['missing.bin', 'is missing: the LFS server has no LFS object eeeeeeeeeeee (error 404: Object does not exist)'],
      ['short.bin', 'served by the server has 32 bytes'],
      ['forged.bin', `served by the server has SHA-256 ${sha(objects[wrongHash])}`]
    ]) {
      expect(byName[name].findings).toEqual([expect.objectContaining({ rule: 'lfs/object-missing', severity: 'high', message: expect.stringContaining(why) })])
    }
    // One batch call with our Basic credentials; the store got the action's header, never ours.
    expect(lfs.requests).toHaveLength(1)
    expect(lfs.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`x-access-token:${LFS_TOKEN}`).toString('base64')}`)
    expect(store.requests.every((r) => r.headers.authorization === undefined && r.headers['x-signed'] === 'yes')).toBe(true)
    expect(run.stdout + run.stderr).not.toContain(LFS_TOKEN)
  })

  it('without --lfs the pointers stay lfs/pointer and nothing is requested', async () => {
    const before = lfs.requests.length
    const run = await cli([dir])
    expect(run.report!.files.every((f) => f.findings.some((x) => x.rule === 'lfs/pointer'))).toBe(true)
    expect(lfs.requests.length).toBe(before)
  })
})

