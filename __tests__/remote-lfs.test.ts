import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_HTTP, HttpClient, redact, type Traffic } from '../src/remote/http.js'
import { RemoteError } from '../src/remote/errors.js'
import { findLfsEndpoint, githubLfsEndpoint, resolveLfsObjects, type LfsEndpoint, type LfsObject, type LfsObjectRequest } from '../src/remote/lfs.js'
import { lfsHttpUrl } from '../src/remote/lfs-endpoint.js'
import { startServer, type Loopback } from './helpers/loopback.js'

// --- endpoint derivation, on real scratch repositories --------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'modelgate-lfs-'))
const savedEnv = { ...process.env }
let counter = 0

beforeAll(() => {
  // The tests' git must not see the machine's global or system configuration (insteadOf rules...).
  process.env.GIT_CONFIG_GLOBAL = '/dev/null'
  process.env.GIT_CONFIG_NOSYSTEM = '1'
})
afterAll(() => {
  process.env = savedEnv
  rmSync(scratch, { recursive: true, force: true })
})

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore', env: process.env })
}

/** A fresh repository with `remotes` (name → URL) and optional git config entries. */
function repo(remotes: Record<string, string> = {}, config: Record<string, string> = {}): string {
  const dir = join(scratch, `r${counter++}`)
  mkdirSync(dir)
  git(dir, 'init', '-q', '-b', 'main')
  for (const [name, url] of Object.entries(remotes)) git(dir, 'remote', 'add', name, url)
  for (const [key, value] of Object.entries(config)) git(dir, 'config', key, value)
  return dir
}

async function remoteError(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(RemoteError)
  return (err as Error).message
}

describe('findLfsEndpoint', () => {
  test.each([
    ['https', 'https://github.com/owner/repo', 'https://github.com/owner/repo.git/info/lfs'],
    ['https, .git already', 'https://git.example.com/owner/repo.git', 'https://git.example.com/owner/repo.git/info/lfs'],
    ['https, trailing slash', 'https://git.example.com/owner/repo/', 'https://git.example.com/owner/repo.git/info/lfs'],
    ['https with a port', 'https://git.example.com:8443/owner/repo', 'https://git.example.com:8443/owner/repo.git/info/lfs'],
    ['scp-like', 'git@github.com:owner/repo.git', 'https://github.com/owner/repo.git/info/lfs'],
    ['scp-like without user or .git', 'github.com:owner/repo', 'https://github.com/owner/repo.git/info/lfs'],
    ['ssh:// with a port (dropped, as git-lfs does)', 'ssh://git@git.example.com:2222/owner/repo.git', 'https://git.example.com/owner/repo.git/info/lfs'],
    ['git+ssh://', 'git+ssh://git@git.example.com/owner/repo', 'https://git.example.com/owner/repo.git/info/lfs'],
    ['git:// (port kept)', 'git://git.example.com:9418/owner/repo', 'https://git.example.com:9418/owner/repo.git/info/lfs']
  ])('origin %s', async (_name, remote, expected) => {
    expect(await findLfsEndpoint(repo({ origin: remote }))).toEqual({ url: expected, from: 'git config remote.origin.url' })
  })

  test('.lfsconfig lfs.url is used as given (no suffix added)', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' })
    writeFileSync(join(dir, '.lfsconfig'), '[lfs]\n\turl = https://lfs.example.com/foo/bar\n')
    // Named by the repository's content, on another host than its remote: no token goes there.
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://lfs.example.com/foo/bar', from: '.lfsconfig lfs.url', untrusted: true })
    writeFileSync(join(dir, '.lfsconfig'), '[lfs]\n\turl = https://github.com/owner/repo.git/info/lfs\n')
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://github.com/owner/repo.git/info/lfs', from: '.lfsconfig lfs.url' })
    const noRemote = repo()
    writeFileSync(join(noRemote, '.lfsconfig'), '[lfs]\n\turl = https://github.com/owner/repo.git/info/lfs\n')
    expect(await findLfsEndpoint(noRemote)).toEqual({ url: 'https://github.com/owner/repo.git/info/lfs', from: '.lfsconfig lfs.url', untrusted: true })
  })

  test('git config lfs.url wins over .lfsconfig (git-lfs: "Settings from Git configuration files override the .lfsconfig file")', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' }, { 'lfs.url': 'https://mine.example.com/lfs' })
    writeFileSync(join(dir, '.lfsconfig'), '[lfs]\n\turl = https://theirs.example.com/lfs\n')
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://mine.example.com/lfs', from: 'git config lfs.url' })
  })

  test('remote.origin.lfsurl is used as given, before the remote URL', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' }, { 'remote.origin.lfsurl': 'https://lfs.example.com/x/info/lfs' })
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://lfs.example.com/x/info/lfs', from: 'git config remote.origin.lfsurl' })
  })

  test('lfs.url (even from .lfsconfig) comes before remote.origin.lfsurl, as in git-lfs getEndpoint', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' }, { 'remote.origin.lfsurl': 'https://lfsurl.example.com/lfs' })
    writeFileSync(join(dir, '.lfsconfig'), '[lfs]\n\turl = https://lfsconfig.example.com/lfs\n')
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://lfsconfig.example.com/lfs', from: '.lfsconfig lfs.url', untrusted: true })
  })

  test('.lfsconfig: remote.origin.lfsurl is read, remote.origin.url (an unsafe key) is not', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' })
    writeFileSync(join(dir, '.lfsconfig'), '[remote "origin"]\n\turl = https://evil.example.com/x\n')
    expect((await findLfsEndpoint(dir)).url).toBe('https://github.com/owner/repo.git/info/lfs')
    writeFileSync(join(dir, '.lfsconfig'), '[remote "origin"]\n\tlfsurl = ssh://git@lfs.example.com/x/y\n')
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://lfs.example.com/x/y', from: '.lfsconfig remote.origin.lfsurl', untrusted: true })
  })

  test('.lfsconfig missing from the work tree: the index copy is read, as git-lfs does', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' })
    writeFileSync(join(dir, '.lfsconfig'), '[lfs]\n\turl = https://indexed.example.com/lfs\n')
    git(dir, 'add', '.lfsconfig')
    unlinkSync(join(dir, '.lfsconfig'))
    expect(await findLfsEndpoint(dir)).toEqual({ url: 'https://indexed.example.com/lfs', from: '.lfsconfig lfs.url', untrusted: true })
  })

  test('from a subdirectory or a file inside the repository', async () => {
    const dir = repo({ origin: 'git@github.com:owner/repo' })
    mkdirSync(join(dir, 'models'))
    writeFileSync(join(dir, 'models', 'a.bin'), 'x')
    expect((await findLfsEndpoint(join(dir, 'models'))).url).toBe('https://github.com/owner/repo.git/info/lfs')
    expect((await findLfsEndpoint(join(dir, 'models', 'a.bin'))).url).toBe('https://github.com/owner/repo.git/info/lfs')
  })

  test('url.<base>.insteadOf rewrites the remote URL first', async () => {
    const dir = repo({ origin: 'gh:owner/repo' }, { 'url.https://github.com/.insteadOf': 'gh:' })
    expect((await findLfsEndpoint(dir)).url).toBe('https://github.com/owner/repo.git/info/lfs')
  })

  test('the only remote is used when it is not called origin; with several, origin', async () => {
    expect((await findLfsEndpoint(repo({ upstream: 'https://a.example.com/o/r' }))).url).toBe('https://a.example.com/o/r.git/info/lfs')
    const two = repo({ upstream: 'https://a.example.com/o/r', origin: 'https://b.example.com/o/r' })
    expect(await findLfsEndpoint(two)).toEqual({ url: 'https://b.example.com/o/r.git/info/lfs', from: 'git config remote.origin.url' })
    git(two, 'config', 'remote.lfsdefault', 'upstream')
    expect((await findLfsEndpoint(two)).url).toBe('https://a.example.com/o/r.git/info/lfs')
  })

  test('user info in lfs.url is kept for the request and its password registered as a secret', async () => {
    const dir = repo({}, { 'lfs.url': 'https://user:s3cretpass@lfs.example.com/lfs' })
    expect((await findLfsEndpoint(dir)).url).toBe('https://user:s3cretpass@lfs.example.com/lfs')
    expect(redact('a s3cretpass b')).toBe('a *** b')
  })

  test('the override wins over everything and is checked too', async () => {
    const dir = repo({ origin: 'https://github.com/owner/repo' }, { 'lfs.url': 'https://mine.example.com/lfs' })
    expect(await findLfsEndpoint(dir, 'https://override.example.com/lfs')).toEqual({ url: 'https://override.example.com/lfs', from: '--lfs-url' })
    expect(await findLfsEndpoint(join(scratch, 'does-not-exist'), 'https://override.example.com/lfs')).toEqual({ url: 'https://override.example.com/lfs', from: '--lfs-url' })
    expect(await remoteError(findLfsEndpoint(dir, 'file:///srv/lfs'))).toBe('the LFS endpoint from --lfs-url is not an http(s), ssh or scp-like URL: "file:///srv/lfs"')
  })

  test('no remote and no lfs.url → RemoteError', async () => {
    expect(await remoteError(findLfsEndpoint(repo()))).toMatch(/^cannot derive the LFS endpoint: the repository at .* has no remote "origin" and no lfs\.url; give --lfs-url$/)
  })

  test('not a git repository → RemoteError', async () => {
    const dir = join(scratch, 'plain')
    mkdirSync(dir)
    expect(await remoteError(findLfsEndpoint(dir))).toMatch(/^cannot derive the LFS endpoint: .*plain is not in a git work tree \(fatal: not a git repository.*\); give --lfs-url$/)
  })

  test('a local-path remote or file:// lfs.url is refused, naming where it came from', async () => {
    expect(await remoteError(findLfsEndpoint(repo({ origin: '/srv/git/repo.git' })))).toBe('the LFS endpoint from git config remote.origin.url is not an http(s), ssh or scp-like URL: "/srv/git/repo.git"')
    expect(await remoteError(findLfsEndpoint(repo({}, { 'lfs.url': 'file:///srv/lfs' }))))
      .toBe('the LFS endpoint from git config lfs.url is not an http(s), ssh or scp-like URL: "file:///srv/lfs"')
  })
})

describe('lfsHttpUrl', () => {
  test.each([
    ['https://h/p', 'https://h/p'],
    ['HTTP://h/p', 'HTTP://h/p'],
    ['ssh://h/p', 'https://h/p'],
    ['ssh://u@h:22/p', 'https://h/p'],
    ['ssh+git://h/p', 'https://h/p'],
    ['u@h:p/q', 'https://h/p/q'],
    ['u@h:/abs/p', 'https://h/abs/p'],
    ['[u@h:2222]:p/q', 'https://h/p/q'],
    ['h:p', 'https://h/p'],
    ['ftp://h/p', undefined],
    ['file:///p', undefined],
    ['/local/path', undefined],
    ['./relative', undefined],
    ['h:', undefined],
    ['no-colon', undefined]
  ])('%s → %s', (raw, expected) => {
    expect(lfsHttpUrl(raw)).toBe(expected)
  })
})

test('githubLfsEndpoint', () => {
  expect(githubLfsEndpoint('https://github.com/', 'octo', 'models')).toEqual({ url: 'https://github.com/octo/models.git/info/lfs', from: 'the GitHub repository octo/models' })
})

// --- the batch API, against loopback servers ------------------------------------------------

const TOKEN = 'ghs_LoopbackToken1234'
const BASIC = `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`
const client = new HttpClient({ ...DEFAULT_HTTP, retries: 1, retryBaseMs: 5, timeoutMs: 5_000 })
const oid = (n: number): string => n.toString(16).padStart(64, '0')
const req = (n: number, size = 100 + n): LfsObjectRequest => ({ oid: oid(n), size })

type Entry = Record<string, unknown> & { oid: string; size: number }
/** Per requested object, the entry to answer (default: a download on the LFS server itself); null leaves it out. */
type Answerer = (o: { oid: string; size: number }, origin: string) => Entry | Entry[] | null

let lfs: Loopback
let answerer: Answerer
let status = 200
let topLevel: Record<string, unknown> = {}
let rawBody: string | undefined

const download = (o: { oid: string; size: number }, href: string, header?: Record<string, unknown>): Entry => ({ oid: o.oid, size: o.size, authenticated: true, actions: { download: { href, ...(header ? { header } : {}), expires_in: 3600 } } })

beforeAll(async () => {
  lfs = await startServer((req, res, body) => {
    if (req.method === 'GET') return void res.writeHead(200).end('object bytes')
    res.setHeader('content-type', 'application/vnd.git-lfs+json')
    if (rawBody !== undefined) return void res.writeHead(status).end(rawBody)
    if (status !== 200) return void res.writeHead(status).end(JSON.stringify({ message: 'Credentials needed' }))
    const asked = (JSON.parse(body) as { objects: { oid: string; size: number }[] }).objects
    const objects = asked.flatMap((o) => answerer(o, lfs.origin) ?? [])
    res.writeHead(200).end(JSON.stringify({ transfer: 'basic', objects, hash_algo: 'sha256', ...topLevel }))
  })
})
afterAll(() => lfs.close())
beforeEach(() => {
  lfs.requests.length = 0
  status = 200
  topLevel = {}
  rawBody = undefined
  answerer = (o, origin) => download(o, `${origin}/objects/${o.oid}`)
})

const endpoint = (): LfsEndpoint => ({ url: `${lfs.origin}/owner/repo.git/info/lfs`, from: 'test' })
const messages = (results: LfsObject[]): string[] => results.flatMap((r) => (r.kind === 'download' ? [] : [r.message]))

describe('resolveLfsObjects', () => {
  test('the exact request: POST {endpoint}/objects/batch, media types, body, Basic x-access-token', async () => {
    const traffic: Traffic = { requests: 0, bytes: 0 }
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1), req(2)], traffic)
    expect(lfs.requests).toHaveLength(1)
    const [r] = lfs.requests
    expect(r.method).toBe('POST')
    expect(r.path).toBe('/owner/repo.git/info/lfs/objects/batch')
    expect(r.headers.accept).toBe('application/vnd.git-lfs+json')
    expect(r.headers['content-type']).toBe('application/vnd.git-lfs+json')
    expect(r.headers.authorization).toBe(BASIC)
    expect(JSON.parse(r.body)).toEqual({ operation: 'download', transfers: ['basic'], objects: [{ oid: oid(1), size: 101 }, { oid: oid(2), size: 102 }], hash_algo: 'sha256' })
    expect(traffic.requests).toBe(1)
    expect(traffic.bytes).toBeGreaterThan(200)
    // Same origin as the endpoint, no Authorization in the map: ours is added.
    expect(results).toEqual([
      { oid: oid(1), size: 101, kind: 'download', href: `${lfs.origin}/objects/${oid(1)}`, credentials: { authorization: BASIC } },
      { oid: oid(2), size: 102, kind: 'download', href: `${lfs.origin}/objects/${oid(2)}`, credentials: { authorization: BASIC } }
    ])
  })

  test('a trailing slash on the endpoint does not double the slash', async () => {
    await resolveLfsObjects(client, { url: `${lfs.origin}/lfs/`, from: 'test' }, TOKEN, [req(1)])
    expect(lfs.requests.map((r) => r.path)).toEqual(['/lfs/objects/batch'])
  })

  test('150 objects → two calls of 100 and 50, results in request order', async () => {
    const requests = Array.from({ length: 150 }, (_, i) => req(i + 1))
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, requests)
    expect(lfs.requests.map((r) => (JSON.parse(r.body) as { objects: unknown[] }).objects.length)).toEqual([100, 50])
    expect(results.map((r) => [r.oid, r.kind])).toEqual(requests.map((r) => [r.oid, 'download']))
  })

  test('identical oids are asked once, each request gets its result', async () => {
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1), req(2), req(1), req(1, 999)])
    expect((JSON.parse(lfs.requests[0].body) as { objects: unknown[] }).objects).toEqual([{ oid: oid(1), size: 101 }, { oid: oid(2), size: 102 }])
    expect(results.map((r) => r.kind)).toEqual(['download', 'download', 'download', 'missing'])
    expect(messages(results)).toEqual([`the LFS server has LFS object ${oid(1).slice(0, 12)} with 101 bytes, the pointer says 999`])
  })

  test('per-object 404 → missing; 410 and 422 → failed; the message names the oid', async () => {
    answerer = (o, origin) =>
      o.oid === oid(1) ? { oid: o.oid, size: o.size, error: { code: 404, message: 'Object does not exist' } }
      : o.oid === oid(2) ? { oid: o.oid, size: o.size, error: { code: 410, message: 'Object removed\nby owner' } }
      : o.oid === oid(3) ? { oid: o.oid, size: o.size, error: { code: 422 } }
      : download(o, `${origin}/x`)
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1), req(2), req(3), req(4)])
    expect(results.map((r) => r.kind)).toEqual(['missing', 'failed', 'failed', 'download'])
    expect(messages(results)).toEqual([
      `the LFS server has no LFS object ${oid(1).slice(0, 12)} (error 404: Object does not exist)`,
      `the LFS server cannot serve LFS object ${oid(2).slice(0, 12)} (error 410: Object removed by owner)`,
      `the LFS server cannot serve LFS object ${oid(3).slice(0, 12)} (error 422)`
    ])
  })

  test('the server answers another size → missing', async () => {
    answerer = (o, origin) => download({ oid: o.oid, size: o.size + 1 }, `${origin}/x`)
    const [result] = await resolveLfsObjects(client, endpoint(), TOKEN, [req(7)])
    expect(result).toEqual({ oid: oid(7), size: 107, kind: 'missing', message: `the LFS server has LFS object ${oid(7).slice(0, 12)} with 108 bytes, the pointer says 107` })
  })

  test('header maps: passed through; ours only on the endpoint origin and only without their Authorization', async () => {
    const other = 'http://127.0.0.2:9/storage'
    answerer = (o, origin) =>
      o.oid === oid(1) ? download(o, `${other}/${o.oid}?X-Amz-Signature=abc`, { 'X-Custom': 'v1' })
      : o.oid === oid(2) ? download(o, `${other}/${o.oid}`, { Authorization: 'RemoteAuth theirs' })
      : o.oid === oid(3) ? download(o, `${origin}/objects/${o.oid}`, { 'X-Custom': 'v3' })
      : download(o, `${origin}/objects/${o.oid}`, { authorization: 'Bearer theirs' })
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1), req(2), req(3), req(4)])
    expect(results.map((r) => (r.kind === 'download' ? [r.href, r.credentials] : r.kind))).toEqual([
      [`${other}/${oid(1)}?X-Amz-Signature=abc`, { 'X-Custom': 'v1' }],
      [`${other}/${oid(2)}`, { Authorization: 'RemoteAuth theirs' }],
      [`${lfs.origin}/objects/${oid(3)}`, { 'X-Custom': 'v3', authorization: BASIC }],
      [`${lfs.origin}/objects/${oid(4)}`, { authorization: 'Bearer theirs' }]
    ])
  })

  test('downloads through the HttpClient: the other host (127.0.0.2) sees the map, never our token', async () => {
    const storage = await startServer((_req, res) => void res.writeHead(200).end('bytes'), '127.0.0.2')
    try {
      answerer = (o, origin) => (o.oid === oid(1) ? download(o, `${storage.origin}/blob`, { 'X-Custom': 'v1' }) : download(o, `${origin}/objects/${o.oid}`))
      const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1), req(2)])
      for (const r of results) {
        if (r.kind !== 'download') throw new Error(r.message)
        const response = await client.request(r.href, { credentials: r.credentials })
        await response.body?.cancel()
      }
      expect(storage.requests).toHaveLength(1)
      expect(storage.requests[0].headers['x-custom']).toBe('v1')
      expect(storage.requests[0].headers.authorization).toBeUndefined()
      expect(lfs.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
        ['POST', '/owner/repo.git/info/lfs/objects/batch', BASIC],
        ['GET', `/objects/${oid(2)}`, BASIC]
      ])
    } finally {
      await storage.close()
    }
  })

  test('the same host on another port or scheme is another origin: no token there', async () => {
    answerer = (o) => download(o, `${lfs.origin.replace(/:\d+$/, ':1')}/x`)
    const [result] = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1)])
    expect(result.kind === 'download' && result.credentials).toEqual({})
  })

  test('no token → no Authorization header at all, and none added to downloads', async () => {
    const [result] = await resolveLfsObjects(client, endpoint(), undefined, [req(1)])
    expect(lfs.requests[0].headers.authorization).toBeUndefined()
    expect(result.kind === 'download' && result.credentials).toEqual({})
    await resolveLfsObjects(client, endpoint(), '', [req(1)])
    expect(lfs.requests[1].headers.authorization).toBeUndefined()
  })

  test('user info in the endpoint URL becomes Basic credentials (a token wins over it)', async () => {
    const withUser: LfsEndpoint = { url: endpoint().url.replace('http://', 'http://alice:pw%40123@'), from: 'test' }
    const [result] = await resolveLfsObjects(client, withUser, undefined, [req(1)])
    const alice = `Basic ${Buffer.from('alice:pw@123').toString('base64')}`
    expect(lfs.requests[0].headers.authorization).toBe(alice)
    expect(lfs.requests[0].path).toBe('/owner/repo.git/info/lfs/objects/batch')
    expect(result.kind === 'download' && result.credentials).toEqual({ authorization: alice })
    await resolveLfsObjects(client, withUser, TOKEN, [req(1)])
    expect(lfs.requests[1].headers.authorization).toBe(BASIC)
  })

  test('an untrusted endpoint (from .lfsconfig, another host) gets no token; a 401 says why', async () => {
    const untrusted: LfsEndpoint = { ...endpoint(), from: '.lfsconfig lfs.url', untrusted: true }
    const [result] = await resolveLfsObjects(client, untrusted, TOKEN, [req(1)])
    expect(lfs.requests[0].headers.authorization).toBeUndefined()
    expect(result.kind === 'download' && result.credentials).toEqual({})
    status = 401
    expect(await remoteError(resolveLfsObjects(client, untrusted, TOKEN, [req(1)]))).toMatch(
      /\(endpoint from \.lfsconfig lfs\.url\): HTTP 401: the token is not sent to an endpoint named by the repository's \.lfsconfig on another host than its remote; give it with --lfs-url to trust it$/
    )
  })

  test('credentials in a header map are registered as secrets', async () => {
    answerer = (o) => download(o, 'https://storage.example.com/x', { Authorization: 'RemoteAuth sekrit-value-1', 'X-Amz-Security-Token': 'sekrit-value-2', Accept: 'application/octet-stream' })
    await resolveLfsObjects(client, endpoint(), TOKEN, [req(1)])
    expect(redact('RemoteAuth sekrit-value-1 sekrit-value-2 application/octet-stream')).toBe('*** *** application/octet-stream')
  })

  test('credentials are never sent in clear text to a non-loopback host', async () => {
    expect(await remoteError(resolveLfsObjects(client, { url: 'http://lfs.example.com/lfs', from: 'git config lfs.url' }, TOKEN, [req(1)])))
      .toBe('refusing to send LFS credentials in clear text to http://lfs.example.com/lfs (from git config lfs.url): use an https endpoint')
  })

  test('invalid per-object answers → failed, each with its reason', async () => {
    const bad: Record<number, (o: { oid: string; size: number }, origin: string) => Entry | Entry[] | null> = {
      1: () => null,
      2: (o, origin) => [download(o, `${origin}/a`), download(o, `${origin}/b`)],
      3: (o) => download(o, 'file:///etc/passwd'),
      4: (o, origin) => download(o, `${origin}/x`, { 'X-N': 5 }),
      5: (o, origin) => download(o, `${origin}/x`, { Range: 'bytes=0-1' }),
      6: (o) => ({ oid: o.oid, size: o.size }),
      7: (o) => ({ oid: o.oid, size: o.size, actions: { download: { href: 42 } } }),
      8: (o, origin) => download(o, `${origin}/x`, { 'Bad Name': 'v' }),
      9: (o, origin) => ({ ...download(o, `${origin}/x`), size: -1 }),
      10: (o) => ({ oid: o.oid, size: o.size, error: 'nope' })
    }
    answerer = (o, origin) => bad[parseInt(o.oid, 16)](o, origin)
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, Object.keys(bad).map((n) => req(Number(n))))
    const s = (n: number): string => oid(n).slice(0, 12)
    expect(results.map((r) => r.kind)).toEqual(Array(10).fill('failed'))
    expect(messages(results)).toEqual([
      `the LFS server did not answer for LFS object ${s(1)}`,
      `the LFS server answered LFS object ${s(2)} with more than one answer`,
      `the LFS server answered LFS object ${s(3)} with a download href with scheme "file:"`,
      `the LFS server answered LFS object ${s(4)} with a download action with a header "X-N" whose value is not a string`,
      `the LFS server answered LFS object ${s(5)} with a download action with a reserved header "Range"`,
      `the LFS server answered LFS object ${s(6)} with neither a download action nor an error`,
      `the LFS server answered LFS object ${s(7)} with a download action without a valid href`,
      `the LFS server answered LFS object ${s(8)} with a download action with an invalid header "Bad Name"`,
      `the LFS server answered LFS object ${s(9)} with an invalid size`,
      `the LFS server answered LFS object ${s(10)} with an error without a numeric code`
    ])
  })

  test('answers for oids not asked are ignored; an uppercase echo does not count as an answer', async () => {
    answerer = (o, origin) => [download({ oid: oid(99), size: 1 }, `${origin}/x`), download({ oid: o.oid.toUpperCase(), size: o.size }, `${origin}/x`)]
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(0xab)])
    expect(results).toEqual([{ oid: oid(0xab), size: 0xab + 100, kind: 'failed', message: `the LFS server did not answer for LFS object ${oid(0xab).slice(0, 12)}` }])
  })

  test('invalid requests are not sent and fail on their own', async () => {
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [{ oid: 'ABC', size: 1 }, { oid: oid(1), size: -1 }, req(2)])
    expect(results.map((r) => r.kind)).toEqual(['failed', 'failed', 'download'])
    expect((JSON.parse(lfs.requests[0].body) as { objects: unknown[] }).objects).toEqual([{ oid: oid(2), size: 102 }])
  })

  test.each([
    [401, /: HTTP 401: the LFS server needs a token with read access to the repository: set MODELGATE_LFS_TOKEN \(CLI\) or the action's token input$/],
    [403, /: HTTP 403: the LFS server needs a token with read access to the repository: set MODELGATE_LFS_TOKEN \(CLI\) or the action's token input$/],
    [404, /^no LFS endpoint at http:\/\/127\.0\.0\.1:\d+\/owner\/repo\.git\/info\/lfs \(from test\): HTTP 404$/],
    [422, /^LFS batch request to http:\/\/127\.0\.0\.1:\d+\/owner\/repo\.git\/info\/lfs\/objects\/batch \(endpoint from test\) failed: POST .*: HTTP 422$/]
  ])('HTTP %d for the whole batch → RemoteError', async (code, message) => {
    status = code
    const msg = await remoteError(resolveLfsObjects(client, endpoint(), TOKEN, [req(1)]))
    expect(msg).toMatch(message)
    expect(msg).not.toContain(TOKEN)
    expect(lfs.requests).toHaveLength(1)
  })

  test('404 without a token hints that the repository may be private', async () => {
    status = 404
    expect(await remoteError(resolveLfsObjects(client, endpoint(), undefined, [req(1)]))).toMatch(/HTTP 404 \(or the repository is private: set MODELGATE_LFS_TOKEN/)
  })

  test('5xx is retried, then a RemoteError', async () => {
    status = 503
    expect(await remoteError(resolveLfsObjects(client, endpoint(), TOKEN, [req(1)]))).toMatch(/failed: POST .*: HTTP 503$/)
    expect(lfs.requests).toHaveLength(2)
  })

  test.each([
    ['not JSON', 'not json', /the answer is not JSON$/],
    ['no objects array', '{"transfer":"basic"}', /: the answer is not a batch response \(no "objects" array\)$/],
    ['another transfer adapter', '{"transfer":"tus","objects":[]}', /: the server chose the transfer adapter "tus"; only "basic" is supported$/],
    ['another hash algorithm', '{"objects":[],"hash_algo":"sha512"}', /: the server names objects by "sha512"; only sha256 is supported$/]
  ])('a malformed answer (%s) → RemoteError', async (_name, body, message) => {
    rawBody = body
    expect(await remoteError(resolveLfsObjects(client, endpoint(), TOKEN, [req(1)]))).toMatch(message)
  })

  test('an answer larger than the limit → RemoteError, not read whole', async () => {
    rawBody = `{"objects":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`
    expect(await remoteError(resolveLfsObjects(client, endpoint(), TOKEN, [req(1)]))).toMatch(/answer larger than 4194304 bytes$/)
  })

  test('the token never appears in any message, even when the server echoes it', async () => {
    answerer = (o) => ({ oid: o.oid, size: o.size, error: { code: 500, message: `bad token ${TOKEN} / ${BASIC}` } })
    const results = await resolveLfsObjects(client, endpoint(), TOKEN, [req(1)])
    const [message] = messages(results)
    expect(message).toBe(`the LFS server cannot serve LFS object ${oid(1).slice(0, 12)} (error 500: bad token *** / Basic ***)`)
  })
})
