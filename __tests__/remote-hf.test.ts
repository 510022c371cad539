import type { IncomingMessage, ServerResponse } from 'node:http'
import { RemoteError } from '../src/remote/errors.js'
import { HF_LIMITS, formatHfTarget, hfEnv, listHfFiles, parseHfTarget, quote, type HfEnv, type HfTarget } from '../src/remote/hf.js'
import { DEFAULT_HTTP, HttpClient } from '../src/remote/http.js'
import { nextLink, parseLinkHeader } from '../src/remote/link.js'
import { startServer, type Loopback } from './helpers/loopback.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const PR_SHA = 'fedcba9876543210fedcba9876543210fedcba98'
const TOKEN = 'hf_right_token_4242'
const WRONG = 'hf_wrong_token_1717'
const client = new HttpClient({ ...DEFAULT_HTTP, retries: 1, retryBaseMs: 5, timeoutMs: 5000 })

// --- parseHfTarget -----------------------------------------------------------------------

describe('parseHfTarget', () => {
  test.each<[string, HfTarget]>([
    ['hf://org/name', { type: 'model', repo: 'org/name' }],
    ['hf://org/name/', { type: 'model', repo: 'org/name' }],
    ['hf://org/name@v1.0', { type: 'model', repo: 'org/name', revision: 'v1.0' }],
    ['hf://org/name@main/sub/model.safetensors', { type: 'model', repo: 'org/name', revision: 'main', path: 'sub/model.safetensors' }],
    ['hf://org/name/sub/path', { type: 'model', repo: 'org/name', path: 'sub/path' }],
    ['hf://org/name/sub/folder/', { type: 'model', repo: 'org/name', path: 'sub/folder' }],
    ['hf://models/org/name', { type: 'model', repo: 'org/name' }],
    ['hf://datasets/org/name', { type: 'dataset', repo: 'org/name' }],
    ['hf://datasets/org/name@refs/convert/parquet/default/train/0.parquet', { type: 'dataset', repo: 'org/name', revision: 'refs/convert/parquet', path: 'default/train/0.parquet' }],
    ['hf://spaces/org/app@abc/app.py', { type: 'space', repo: 'org/app', revision: 'abc', path: 'app.py' }],
    ['hf://org/name@refs/pr/12', { type: 'model', repo: 'org/name', revision: 'refs/pr/12' }],
    ['hf://org/name@refs/pr/12/a/b.bin', { type: 'model', repo: 'org/name', revision: 'refs/pr/12', path: 'a/b.bin' }],
    // Not a special ref at a segment boundary: the revision is `refs`, the rest a path.
    ['hf://org/name@refs/pr/12x', { type: 'model', repo: 'org/name', revision: 'refs', path: 'pr/12x' }],
    ['hf://org/name@feature%2Fnew/x.pt', { type: 'model', repo: 'org/name', revision: 'feature/new', path: 'x.pt' }],
    ['hf://org/name@v%20two', { type: 'model', repo: 'org/name', revision: 'v two' }],
    // '@' past org/name is part of a file name; paths are literal (no percent-decoding).
    ['hf://org/name/file@1.txt', { type: 'model', repo: 'org/name', path: 'file@1.txt' }],
    ['hf://org/name/a%20b.bin', { type: 'model', repo: 'org/name', path: 'a%20b.bin' }],
    ['hf://Org_1/Name-2.x', { type: 'model', repo: 'Org_1/Name-2.x' }]
  ])('%s', (text, expected) => {
    expect(parseHfTarget(text)).toEqual(expected)
  })

  test.each<[string, string]>([
    ['https://huggingface.co/org/name', 'it must start with hf://'],
    ['hf://', 'no repository'],
    ['hf:///', 'no repository'],
    ['hf://gpt2', 'single-segment ids are not supported: use e.g. hf://openai-community/gpt2'],
    ['hf://datasets/squad', 'single-segment ids are not supported'],
    ['hf://datasets', 'no repository after datasets/'],
    ['hf://datasets/', 'no repository after datasets/'],
    ['hf://dataset/org/name', 'the type prefix is plural: datasets/'],
    ['hf://model/name', 'the type prefix is plural: models/'],
    ['hf://buckets/org/b', 'buckets are not supported'],
    ['hf://kernels/org/k', 'kernels are not supported'],
    ['hf:///org/name', 'empty path segment'],
    ['hf://org//name', 'empty path segment'],
    ['hf://org/name//x', 'empty path segment'],
    ['hf://org/name/a//b', 'empty path segment'],
    ['hf://org/name//', 'empty path segment'],
    ['hf://org/name/../x', '".." path segment'],
    ['hf://org/name/a/./b', '"." path segment'],
    ['hf://org/name@v1/..', '".." path segment'],
    ['hf://org/name\\x', 'backslashes'],
    ['hf://org/name/a\u0000b', 'control characters'],
    ['hf://org/name/a\nb', 'control characters'],
    ['hf://org/name@', 'empty revision'],
    ['hf://org/name@/x', 'empty revision'],
    ['hf://org/name@%E0%A4%A', 'not valid percent-encoding'],
    ['hf://org/name@a%0Ab', 'control characters in the revision'],
    ['hf://org@main/x', 'the repository must be org/name'],
    ['hf://org/-name', 'letters, digits'],
    ['hf://org/name.', 'letters, digits'],
    ['hf://.org/name', 'letters, digits'],
    ['hf://org/na me', 'letters, digits'],
    ['hf://org/n%61me', 'letters, digits'],
    [`hf://org/${'n'.repeat(97)}`, 'at most 96 characters'],
    ['hf://org/a--b', 'cannot contain "--" or ".."'],
    ['hf://org/a..b', 'cannot contain "--" or ".."'],
    ['hf://org/name.git', 'cannot end with ".git"']
  ])('%j is refused', (text, part) => {
    expect(() => parseHfTarget(text)).toThrow(RemoteError)
    expect(() => parseHfTarget(text)).toThrow(part)
    expect(() => parseHfTarget(text)).toThrow(/^invalid Hugging Face target "/)
  })

  test('formatHfTarget writes the target back', () => {
    for (const text of ['hf://org/name', 'hf://datasets/org/d@refs/pr/3/x/y.csv', 'hf://spaces/o/s@feature%2Fa/app.py']) {
      expect(formatHfTarget(parseHfTarget(text))).toBe(text)
    }
  })
})

describe('hfEnv', () => {
  test('defaults', () => {
    expect(hfEnv({})).toEqual({ endpoint: 'https://huggingface.co', offline: false })
  })
  test('endpoint, token precedence and cleaning, offline values', () => {
    expect(hfEnv({ HF_ENDPOINT: 'http://hub.local:8080/hf//', HF_TOKEN: ' tok_a1\n', HUGGING_FACE_HUB_TOKEN: 'tok_b2' })).toEqual({
      endpoint: 'http://hub.local:8080/hf',
      token: 'tok_a1',
      offline: false
    })
    expect(hfEnv({ HF_TOKEN: '', HUGGING_FACE_HUB_TOKEN: 'tok_b2' }).token).toBe('tok_b2')
    expect(hfEnv({ HF_TOKEN: '  \n' }).token).toBeUndefined()
    for (const value of ['1', 'on', 'Yes', 'TRUE', 'true']) expect(hfEnv({ HF_HUB_OFFLINE: value }).offline).toBe(true)
    for (const value of ['0', 'false', 'no', '2', '']) expect(hfEnv({ HF_HUB_OFFLINE: value }).offline).toBe(false)
    expect(hfEnv({ TRANSFORMERS_OFFLINE: '1' }).offline).toBe(true)
    expect(hfEnv({ HF_HUB_OFFLINE: '0', TRANSFORMERS_OFFLINE: '1' }).offline).toBe(false)
  })
})

test('quote matches urllib.parse.quote', () => {
  expect(quote('a b/c#d?e%f~g_h.i-j')).toBe('a%20b/c%23d%3Fe%25f~g_h.i-j')
  expect(quote('refs/pr/1', '')).toBe('refs%2Fpr%2F1')
  expect(quote("é!'()*")).toBe('%C3%A9%21%27%28%29%2A')
})

// --- Link header -------------------------------------------------------------------------

describe('Link header', () => {
  const base = 'https://hub.example/api/models/o/n/tree/x?recursive=true'
  test('several links, quoted and multi-valued rel, relative targets', () => {
    expect(parseLinkHeader('<https://a/1>; rel="prev", <https://a/3>; rel="next last"; title="a, b; c"')).toEqual([
      { target: 'https://a/1', rels: ['prev'] },
      { target: 'https://a/3', rels: ['next', 'last'] }
    ])
    expect(nextLink('</api/p?cursor=2>; rel="last", <?cursor=3&a=b>; REL=Next', base)).toBe('https://hub.example/api/models/o/n/tree/x?cursor=3&a=b')
    expect(nextLink('<page2>;rel=next', base)).toBe('https://hub.example/api/models/o/n/tree/page2')
    expect(nextLink('<https://a/1>; title="say \\"next\\""; rel="prev"', base)).toBeUndefined()
    expect(nextLink(null, base)).toBeUndefined()
  })
  test('malformed headers and targets throw', () => {
    expect(() => nextLink('https://a/1; rel=next', base)).toThrow('expected "<"')
    expect(() => nextLink('<https://a/1; rel=next', base)).toThrow('unterminated')
    expect(() => nextLink('<https://a/1>; rel="next', base)).toThrow('unterminated quoted string')
    expect(() => nextLink('<https://a/1> rel=next', base)).toThrow('expected ";" or ","')
    expect(() => nextLink('<file:///etc/passwd>; rel=next', base)).toThrow('file: URL')
    expect(() => nextLink('<http://[::1>; rel=next', base)).toThrow('not a URL')
  })
})

// --- the fake hub ------------------------------------------------------------------------

interface Answer {
  status?: number
  headers?: Record<string, string>
  json?: unknown
}
type Route = (req: IncomingMessage, body: string) => Answer

const file = (path: string, size: number, lfsSize?: number): object => ({
  type: 'file',
  oid: 'b'.repeat(40),
  path,
  size,
  ...(lfsSize !== undefined ? { lfs: { oid: 'c'.repeat(64), size: lfsSize, pointerSize: size } } : {})
})
const dir = (path: string): object => ({ type: 'directory', oid: 'd'.repeat(40), path, size: 0 })
const notFound = (code: string): Answer => ({ status: 404, headers: { 'x-error-code': code, 'x-error-message': `${code} message` }, json: { error: code } })
const bearer = (req: IncomingMessage): string | undefined => req.headers.authorization

let hub: Loopback
/** Body bytes the fake hub sent, to check the traffic counted. */
let sent = 0
let other: Loopback
const routes = new Map<string, Route>()

function answer(route: Route | undefined, req: IncomingMessage, body: string): Answer {
  return route === undefined ? notFound('RepoNotFound') : route(req, body)
}

beforeAll(async () => {
  const handler = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const a = answer(routes.get(`${req.method} ${req.url}`), req, body)
    const text = a.json === undefined ? '' : JSON.stringify(a.json)
    sent += Buffer.byteLength(text)
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers })
    res.end(text)
  }
  hub = await startServer(handler, '127.0.0.1')
  other = await startServer(handler, '127.0.0.2')
  const api = '/api/models/org/model'
  const tree = `${api}/tree/${SHA}?recursive=true&expand=false`
  routes.set(`GET ${api}/revision/main?expand=sha`, () => ({ json: { id: 'org/model', sha: SHA } }))
  routes.set(`GET ${api}/revision/refs%2Fpr%2F3?expand=sha`, () => ({ json: { sha: PR_SHA } }))
  routes.set(`GET ${api}/revision/nope?expand=sha`, () => notFound('RevisionNotFound'))
  routes.set(`GET ${api}/revision/short?expand=sha`, () => ({ json: { sha: 'abc' } }))
  routes.set(`GET ${api}/revision/broken?expand=sha`, () => ({ status: 500 }))
  // Page 1 links absolutely, page 2 relatively beside a rel="last".
  routes.set(`GET ${tree}`, () => ({
    headers: { link: `<${hub.origin}${tree}&cursor=p2>; rel="next"` },
    json: [file('.gitattributes', 1519), dir('weights'), file('config.json', 600)]
  }))
  routes.set(`GET ${tree}&cursor=p2`, () => ({
    headers: { link: `<${tree}&cursor=p9>; rel="last", <?recursive=true&expand=false&cursor=p3>; rel="next"` },
    json: [file('weights/model.safetensors', 135, 4_000_000_000), dir('weights/sub')]
  }))
  routes.set(`GET ${api}/tree/${SHA}?recursive=true&expand=false&cursor=p3`, () => ({ json: [file('weights/sub/a b#?.bin', 10), file('README.md', 20)] }))
  routes.set(`POST ${api}/paths-info/${SHA}`, (_req, body) => {
    const path = new URLSearchParams(body).get('paths')
    return { json: path === 'weights/model.safetensors' ? [file(path, 135, 4_000_000_000)] : path === 'weights' ? [dir(path)] : [] }
  })
  routes.set(`GET ${api}/tree/${SHA}/weights?recursive=true&expand=false`, () => ({ json: [file('weights/model.safetensors', 135, 4_000_000_000), dir('weights/sub'), file('weights/sub/x.bin', 5)] }))
  routes.set(`GET ${api}/tree/${PR_SHA}?recursive=true&expand=false`, () => ({ json: [file('pr.bin', 7)] }))

  const gated = '/api/models/org/gated'
  routes.set(`GET ${gated}/revision/main?expand=sha`, (req): Answer =>
    bearer(req) === `Bearer ${TOKEN}` ? { json: { sha: SHA } }
    : bearer(req) === undefined ? { status: 401, headers: { 'x-error-code': 'GatedRepo' } }
    : bearer(req) === 'Bearer hf_invalid_9999' ? { status: 401, headers: { 'x-error-message': 'Invalid credentials in Authorization header' } }
    : { status: 403, headers: { 'x-error-code': 'GatedRepo' } }
  )
  routes.set(`GET ${gated}/tree/${SHA}?recursive=true&expand=false`, (req) => (bearer(req) === `Bearer ${TOKEN}` ? { json: [file('m.pt', 99)] } : { status: 403 }))

  routes.set(`GET /api/datasets/org/data/revision/v2?expand=sha`, () => ({ json: { sha: SHA } }))
  routes.set(`GET /api/datasets/org/data/tree/${SHA}?recursive=true&expand=false`, () => ({ json: [dir('data'), file('data/train.pkl', 1234)] }))
  routes.set(`GET /api/spaces/org/app/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
  routes.set(`GET /api/spaces/org/app/tree/${SHA}?recursive=true&expand=false`, () => ({ json: [file('app.py', 50)] }))
  routes.set(`GET /api/models/org/unauth/revision/main?expand=sha`, (req) => (bearer(req) === undefined ? { status: 401, headers: { 'x-error-code': 'RepoNotFound' } } : notFound('RepoNotFound')))
})

afterAll(async () => {
  await hub.close()
  await other.close()
})

beforeEach(() => {
  hub.requests.length = 0
  other.requests.length = 0
  sent = 0
})

const env = (extra: Partial<HfEnv> = {}): HfEnv => ({ endpoint: hub.origin, offline: false, ...extra })
const requested = (server: Loopback = hub): string[] => server.requests.map((r) => `${r.method} ${r.path}`)
const auths = (server: Loopback = hub): (string | undefined)[] => server.requests.map((r) => r.headers.authorization)
const failure = async (target: string, e: HfEnv = env()): Promise<string> => {
  const err = await listHfFiles(client, parseHfTarget(target), e).then(
    () => undefined,
    (error: unknown) => error
  )
  expect(err).toBeInstanceOf(RemoteError)
  return (err as Error).message
}
/** Adds routes for one test's repo; they stay (repo names are unique per test). */
const route = (key: string, r: Route): void => {
  routes.set(key, r)
}

// --- listing -----------------------------------------------------------------------------

describe('listHfFiles', () => {
  test('a model repo: revision, three tree pages, LFS size, resolve URLs at the commit, Bearer on every call', async () => {
    const listing = await listHfFiles(client, parseHfTarget('hf://org/model'), env({ token: TOKEN }))
    const tree = `/api/models/org/model/tree/${SHA}?recursive=true&expand=false`
    expect(requested()).toEqual([`GET /api/models/org/model/revision/main?expand=sha`, `GET ${tree}`, `GET ${tree}&cursor=p2`, `GET ${tree}&cursor=p3`])
    expect(auths()).toEqual(Array(4).fill(`Bearer ${TOKEN}`))
    expect(listing.commit).toBe(SHA)
    const resolve = `${hub.origin}/org/model/resolve/${SHA}`
    const creds = { authorization: `Bearer ${TOKEN}` }
    expect(listing.files).toEqual([
      { path: 'hf://org/model/.gitattributes', url: `${resolve}/.gitattributes`, credentials: creds, size: 1519, revision: SHA },
      { path: 'hf://org/model/config.json', url: `${resolve}/config.json`, credentials: creds, size: 600, revision: SHA },
      { path: 'hf://org/model/weights/model.safetensors', url: `${resolve}/weights/model.safetensors`, credentials: creds, size: 4_000_000_000, revision: SHA },
      { path: 'hf://org/model/weights/sub/a b#?.bin', url: `${resolve}/weights/sub/a%20b%23%3F.bin`, credentials: creds, size: 10, revision: SHA },
      { path: 'hf://org/model/README.md', url: `${resolve}/README.md`, credentials: creds, size: 20, revision: SHA }
    ])
    expect(listing.traffic).toEqual({ requests: 4, bytes: sent })
    expect(sent).toBeGreaterThan(500)
  })

  test('without a token no Authorization is sent and credentials are empty', async () => {
    const listing = await listHfFiles(client, parseHfTarget('hf://org/model'), env())
    expect(auths()).toEqual([undefined, undefined, undefined, undefined])
    expect(listing.files.every((f) => Object.keys(f.credentials).length === 0)).toBe(true)
  })

  test('refs/pr/N is sent percent-encoded and the listing uses the commit', async () => {
    const listing = await listHfFiles(client, parseHfTarget('hf://org/model@refs/pr/3'), env())
    expect(requested()).toEqual([`GET /api/models/org/model/revision/refs%2Fpr%2F3?expand=sha`, `GET /api/models/org/model/tree/${PR_SHA}?recursive=true&expand=false`])
    expect(listing.files).toEqual([{ path: 'hf://org/model/pr.bin', url: `${hub.origin}/org/model/resolve/${PR_SHA}/pr.bin`, credentials: {}, size: 7, revision: PR_SHA }])
  })

  test('a file path target is scanned alone (paths-info, no tree call)', async () => {
    const listing = await listHfFiles(client, parseHfTarget('hf://org/model/weights/model.safetensors'), env({ token: TOKEN }))
    expect(requested()).toEqual([`GET /api/models/org/model/revision/main?expand=sha`, `POST /api/models/org/model/paths-info/${SHA}`])
    expect(hub.requests[1].body).toBe('paths=weights%2Fmodel.safetensors&expand=false')
    expect(hub.requests[1].headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(auths()).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`])
    expect(listing.files).toEqual([
      {
        path: 'hf://org/model/weights/model.safetensors',
        url: `${hub.origin}/org/model/resolve/${SHA}/weights/model.safetensors`,
        credentials: { authorization: `Bearer ${TOKEN}` },
        size: 4_000_000_000,
        revision: SHA
      }
    ])
  })

  test('a folder path target lists that folder (path encoded as one segment, as huggingface_hub does)', async () => {
    const listing = await listHfFiles(client, parseHfTarget('hf://org/model/weights/'), env())
    expect(requested()).toEqual([`GET /api/models/org/model/revision/main?expand=sha`, `POST /api/models/org/model/paths-info/${SHA}`, `GET /api/models/org/model/tree/${SHA}/weights?recursive=true&expand=false`])
    expect(listing.files.map((f) => f.path)).toEqual(['hf://org/model/weights/model.safetensors', 'hf://org/model/weights/sub/x.bin'])
  })

  test('a missing path names the path and the revision', async () => {
    expect(await failure('hf://org/model/nothing/here.bin')).toBe('hf://org/model: path "nothing/here.bin" not found in org/model@main')
  })

  test('a dataset and a space use their API and resolve prefixes', async () => {
    const data = await listHfFiles(client, parseHfTarget('hf://datasets/org/data@v2'), env())
    expect(requested()).toEqual([`GET /api/datasets/org/data/revision/v2?expand=sha`, `GET /api/datasets/org/data/tree/${SHA}?recursive=true&expand=false`])
    expect(data.files).toEqual([{ path: 'hf://datasets/org/data/data/train.pkl', url: `${hub.origin}/datasets/org/data/resolve/${SHA}/data/train.pkl`, credentials: {}, size: 1234, revision: SHA }])
    const space = await listHfFiles(client, parseHfTarget('hf://spaces/org/app'), env())
    expect(space.files.map((f) => [f.path, f.url])).toEqual([['hf://spaces/org/app/app.py', `${hub.origin}/spaces/org/app/resolve/${SHA}/app.py`]])
  })

  test('an endpoint with a path prefix keeps it', async () => {
    route(`GET /hub/api/models/org/prefixed/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`GET /hub/api/models/org/prefixed/tree/${SHA}?recursive=true&expand=false`, () => ({ json: [file('a.bin', 1)] }))
    const listing = await listHfFiles(client, parseHfTarget('hf://org/prefixed'), env({ endpoint: `${hub.origin}/hub` }))
    expect(listing.files[0].url).toBe(`${hub.origin}/hub/org/prefixed/resolve/${SHA}/a.bin`)
  })
})

describe('gated and missing', () => {
  test('gated without a token: 401, says to set HF_TOKEN', async () => {
    expect(await failure('hf://org/gated')).toBe('hf://org/gated: the repository is gated or private (HTTP 401); set HF_TOKEN to a token with access')
    expect(auths()).toEqual([undefined])
  })

  test('gated with a wrong token: 403, the token has no access, never the token', async () => {
    const e = hfEnv({ HF_ENDPOINT: hub.origin, HF_TOKEN: WRONG })
    const message = await failure('hf://org/gated', e)
    expect(message).toBe('hf://org/gated: the repository is gated or private (HTTP 403); the token has no access')
    expect(auths()).toEqual([`Bearer ${WRONG}`])
  })

  test('an invalid token is named as such', async () => {
    expect(await failure('hf://org/gated', env({ token: 'hf_invalid_9999' }))).toBe('hf://org/gated: HF_TOKEN was rejected (HTTP 401: invalid credentials)')
  })

  test('gated with the right token lists', async () => {
    const listing = await listHfFiles(client, parseHfTarget('hf://org/gated'), env({ token: TOKEN }))
    expect(listing.files.map((f) => f.path)).toEqual(['hf://org/gated/m.pt'])
    expect(auths()).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`])
  })

  test('404 variants name what is missing', async () => {
    expect(await failure('hf://org/absent')).toBe('hf://org/absent: repository not found (or private: set HF_TOKEN to a token with access)')
    expect(await failure('hf://org/absent', env({ token: TOKEN }))).toBe('hf://org/absent: repository not found (or private: the token has no access)')
    expect(await failure('hf://org/model@nope')).toBe('hf://org/model: revision "nope" not found')
    expect(await failure('hf://datasets/org/absent')).toBe('hf://datasets/org/absent: repository not found (or private: set HF_TOKEN to a token with access)')
    expect(requested()).toContain('GET /api/datasets/org/absent/revision/main?expand=sha')
  })

  test('401 for a repo the hub calls missing says so too', async () => {
    expect(await failure('hf://org/unauth')).toBe('hf://org/unauth: the repository is gated or private, or does not exist (HTTP 401); set HF_TOKEN to a token with access')
  })

  test('tree EntryNotFound names the path', async () => {
    route(`GET /api/models/org/entry/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`POST /api/models/org/entry/paths-info/${SHA}`, () => ({ json: [dir('gone')] }))
    route(`GET /api/models/org/entry/tree/${SHA}/gone?recursive=true&expand=false`, () => notFound('EntryNotFound'))
    expect(await failure('hf://org/entry/gone')).toBe('hf://org/entry: path "gone" not found in org/entry@main')
  })

  test('other statuses name the status (after retrying 5xx)', async () => {
    const message = await failure('hf://org/model@broken')
    expect(message).toBe(`hf://org/model: GET ${hub.origin}/api/models/org/model/revision/broken?…: HTTP 500`)
    expect(hub.requests).toHaveLength(2)
  })

  test('a network error is a RemoteError naming it', async () => {
    const closed = await startServer(() => {})
    const origin = closed.origin
    await closed.close()
    const message = await failure('hf://org/model', env({ endpoint: origin }))
    expect(message).toMatch(new RegExp(`^hf://org/model: GET ${origin.replace(/\./g, '\\.')}/api/models/org/model/revision/main\\?…: .*ECONNREFUSED`))
  })
})

describe('fail closed', () => {
  test('offline: refused before any request', async () => {
    await expect(listHfFiles(client, parseHfTarget('hf://datasets/org/data@v2/x'), hfEnv({ HF_ENDPOINT: hub.origin, HF_HUB_OFFLINE: 'yes' }))).rejects.toThrow(
      new RemoteError('HF_HUB_OFFLINE is set: refusing network access for hf://datasets/org/data@v2/x')
    )
    expect(hub.requests).toHaveLength(0)
  })

  test('a revision answer without a 40-hex sha', async () => {
    expect(await failure('hf://org/model@short')).toBe(`hf://org/model: the hub's answer for revision "short" has no commit sha`)
  })

  test('an endpoint that is not http(s)', async () => {
    expect(await failure('hf://org/model', env({ endpoint: 'ftp://hub' }))).toBe('HF_ENDPOINT "ftp://hub" is not an http(s) URL')
  })

  test.each<[string, object[], string]>([
    ['dotdot', [file('a/../../etc/passwd', 1)], 'a path with an empty, "." or ".." segment: "a/../../etc/passwd"'],
    ['absolute', [file('/etc/passwd', 1)], 'an absolute path: "/etc/passwd"'],
    ['empty', [file('', 1)], 'an empty path: ""'],
    ['emptyseg', [file('a//b', 1)], 'a path with an empty, "." or ".." segment: "a//b"'],
    ['nul', [file('a\u0000b', 1)], 'a path with control characters: "a\\u0000b"'],
    ['nopath', [{ type: 'file', size: 1 }], 'an entry without a path'],
    ['nosize', [{ type: 'file', path: 'x' }], '"x" has no valid size'],
    ['negsize', [file('x', -1)], '"x" has no valid size'],
    ['badlfs', [{ ...file('x', 1), lfs: { size: '9' } }], '"x" has no valid size'],
    ['type', [{ type: 'submodule', path: 'x', size: 1 }], '"x" has type "submodule"'],
    ['twice', [file('x', 1), file('x', 1)], '"x" is listed twice']
  ])('a malicious listing (%s)', async (name, entries, why) => {
    route(`GET /api/models/org/${name}/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`GET /api/models/org/${name}/tree/${SHA}?recursive=true&expand=false`, () => ({ json: entries }))
    expect(await failure(`hf://org/${name}`)).toBe(`hf://org/${name}: the hub's listing is malformed: ${why}`)
  })

  test('a folder listing with a file outside the folder', async () => {
    route(`GET /api/models/org/outside/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`POST /api/models/org/outside/paths-info/${SHA}`, () => ({ json: [dir('sub')] }))
    route(`GET /api/models/org/outside/tree/${SHA}/sub?recursive=true&expand=false`, () => ({ json: [file('sub/a', 1), file('other/b', 1)] }))
    expect(await failure('hf://org/outside/sub')).toBe(`hf://org/outside: the hub's listing is malformed: "other/b" is outside the folder listed`)
  })

  test('a page that is not a list, a bad Link header', async () => {
    route(`GET /api/models/org/notlist/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`GET /api/models/org/notlist/tree/${SHA}?recursive=true&expand=false`, () => ({ json: { files: [] } }))
    expect(await failure('hf://org/notlist')).toBe(`hf://org/notlist: the hub's listing is malformed: a tree page is not a list`)
    route(`GET /api/models/org/badlink/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`GET /api/models/org/badlink/tree/${SHA}?recursive=true&expand=false`, () => ({ headers: { link: '<javascript:alert(1)>; rel=next' }, json: [] }))
    expect(await failure('hf://org/badlink')).toBe(`hf://org/badlink: the hub's listing is malformed: bad Link header (the next-page link is a javascript: URL)`)
  })

  test('endless pages and too many entries are bounded', async () => {
    route(`GET /api/models/org/endless/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`GET /api/models/org/endless/tree/${SHA}?recursive=true&expand=false`, () => ({ headers: { link: '<>; rel="next"' }, json: [] }))
    const saved = { ...HF_LIMITS }
    try {
      HF_LIMITS.maxPages = 5
      expect(await failure('hf://org/endless')).toBe(`hf://org/endless: the hub's listing is malformed: more than 5 pages`)
      expect(hub.requests).toHaveLength(6)
      HF_LIMITS.maxEntries = 3
      expect(await failure('hf://org/model')).toBe(`hf://org/model: the hub's listing is malformed: more than 3 entries`)
    } finally {
      Object.assign(HF_LIMITS, saved)
    }
  })

  test('a next page on another host is read without the token', async () => {
    const tree = `/api/models/org/hop/tree/${SHA}?recursive=true&expand=false`
    route(`GET /api/models/org/hop/revision/main?expand=sha`, () => ({ json: { sha: SHA } }))
    route(`GET ${tree}`, () => ({ headers: { link: `<${other.origin}${tree}&cursor=2>; rel="next"` }, json: [file('a.bin', 1)] }))
    route(`GET ${tree}&cursor=2`, () => ({ headers: { link: `<${hub.origin}${tree}&cursor=3>; rel="next"` }, json: [file('b.bin', 2)] }))
    route(`GET ${tree}&cursor=3`, () => ({ json: [file('c.bin', 3)] }))
    const listing = await listHfFiles(client, parseHfTarget('hf://org/hop'), env({ token: TOKEN }))
    expect(listing.files.map((f) => [f.path, f.credentials])).toEqual([
      ['hf://org/hop/a.bin', { authorization: `Bearer ${TOKEN}` }],
      ['hf://org/hop/b.bin', { authorization: `Bearer ${TOKEN}` }],
      ['hf://org/hop/c.bin', { authorization: `Bearer ${TOKEN}` }]
    ])
    expect(requested(other)).toEqual([`GET ${tree}&cursor=2`])
    expect(auths(other)).toEqual([undefined])
    // Back on the endpoint's origin the token is sent again.
    expect(auths()).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`])
    expect(listing.traffic.requests).toBe(4)
  })
})
