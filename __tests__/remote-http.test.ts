// The HTTP client (redirects, credentials, retries, timeouts, redaction) and the HTTP Source
// (range reads through the block cache) against loopback servers: the exact requests sent.
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { addSecret, DEFAULT_HTTP, displayUrl, HttpClient, HttpError, requestJson, type HttpSettings } from '../src/remote/http.js'
import { openHttpSource, type HttpSource } from '../src/remote/http-source.js'
import { scanSource } from '../src/scan/dispatch.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { serveBytes, startServer, type Handler, type Loopback } from './helpers/loopback.js'

const fast = (settings: Partial<HttpSettings> = {}): HttpClient => new HttpClient({ ...DEFAULT_HTTP, retryBaseMs: 5, timeoutMs: 2000, ...settings })
const TOKEN = 'Bearer tok-secret-1234'
const servers: Loopback[] = []
const serve = async (handler: Handler, host?: string): Promise<Loopback> => {
  const server = await startServer(handler, host)
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const ok = (res: ServerResponse, body = 'ok'): void => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end(body)
}
const redirect = (res: ServerResponse, location: string, status = 302): void => {
  res.writeHead(status, { location })
  res.end()
}
const text = async (client: HttpClient, url: string, credentials?: Record<string, string>): Promise<string> => {
  const response = await client.request(url, { credentials })
  return new TextDecoder().decode(await new Response(response.body).arrayBuffer())
}
const auth = (server: Loopback): (string | undefined)[] => server.requests.map((r) => r.headers.authorization)

describe('HttpClient', () => {
  test('credentials follow a redirect on the same origin', async () => {
    const server = await serve((req, res) => (req.url === '/a' ? redirect(res, '/b') : ok(res)))
    expect(await text(fast(), `${server.origin}/a`, { authorization: TOKEN })).toBe('ok')
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b'])
    expect(auth(server)).toEqual([TOKEN, TOKEN])
  })

  test('credentials are dropped for good on a redirect to another host, even one that redirects back', async () => {
    const home = await serve((req, res) => (req.url === '/a' ? redirect(res, `${other.origin}/b`) : ok(res, 'home')))
    const other = await serve((_req, res) => redirect(res, `${home.origin}/c`), '127.0.0.2')
    expect(await text(fast(), `${home.origin}/a`, { authorization: TOKEN })).toBe('home')
    expect(home.requests.map((r) => r.path)).toEqual(['/a', '/c'])
    expect(auth(home)).toEqual([TOKEN, undefined])
    expect(auth(other)).toEqual([undefined])
  })

  test('a port change is another origin: credentials dropped', async () => {
    const second = await serve((_req, res) => ok(res))
    const first = await serve((_req, res) => redirect(res, `${second.origin}/x`))
    await text(fast(), `${first.origin}/`, { authorization: TOKEN })
    expect(auth(first)).toEqual([TOKEN])
    expect(auth(second)).toEqual([undefined])
  })

  test('user:password in the URL becomes Basic credentials, kept off other hosts and out of messages', async () => {
    const other = await serve((_req, res) => {
      res.writeHead(404)
      res.end()
    }, '127.0.0.2')
    const home = await serve((_req, res) => redirect(res, `${other.origin}/f`))
    const url = `${home.origin.replace('//', '//user:pa55word@')}/f`
    const response = await fast().request(url)
    expect(response.status).toBe(404)
    expect(auth(home)).toEqual([`Basic ${Buffer.from('user:pa55word').toString('base64')}`])
    expect(auth(other)).toEqual([undefined])
    await expect(requestJson(fast(), url)).rejects.toThrow(`GET ${other.origin}/f: HTTP 404`)
    expect(displayUrl(url)).toBe(`${home.origin}/f`)
  })

  test('more than maxRedirects redirects fail', async () => {
    const server = await serve((req, res) => redirect(res, `/r${Number(req.url?.slice(2) || 0) + 1}`))
    await expect(fast({ maxRedirects: 2 }).request(`${server.origin}/r0`)).rejects.toThrow(`GET ${server.origin}/r0: more than 2 redirects`)
    expect(server.requests.map((r) => r.path)).toEqual(['/r0', '/r1', '/r2'])
  })

  test('a connection reset is retried, then the answer comes through', async () => {
    let n = 0
    const server = await serve((_req, res) => {
      if (n++ < 2) res.destroy()
      else ok(res)
    })
    const traffic = { requests: 0, bytes: 0 }
    const response = await fast().request(`${server.origin}/`, { traffic })
    expect(response.status).toBe(200)
    await response.body?.cancel()
    expect(server.requests).toHaveLength(3)
    expect(traffic.requests).toBe(3)
  })

  test('connection resets past `retries` fail with the attempts counted', async () => {
    const server = await serve((_req, res) => {
      res.destroy()
    })
    await expect(fast({ retries: 1 }).request(`${server.origin}/x?sig=abc`)).rejects.toThrow(new RegExp(`^GET ${server.origin}/x\\?…: .*\\(after 2 attempts\\)$`))
    expect(server.requests).toHaveLength(2)
  })

  test.each([503, 429])('HTTP %i with Retry-After: 1 waits a second, then retries', async (status) => {
    let n = 0
    const server = await serve((_req, res) => {
      if (n++ > 0) return ok(res)
      res.writeHead(status, { 'retry-after': '1' })
      res.end()
    })
    const started = Date.now()
    expect(await text(fast(), `${server.origin}/`)).toBe('ok')
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(server.requests).toHaveLength(2)
  })

  test('gives up after `retries` with the last status, which requestJson names', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503)
      res.end()
    })
    const err = await requestJson(fast({ retries: 2 }), `${server.origin}/api`).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect((err as HttpError).message).toBe(`GET ${server.origin}/api: HTTP 503`)
    expect((err as HttpError).status).toBe(503)
    expect(server.requests).toHaveLength(3)
  })

  test('a Retry-After longer than allowed is not waited for', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' })
      res.end()
    })
    const response = await fast().request(`${server.origin}/`)
    expect(response.status).toBe(429)
    expect(server.requests).toHaveLength(1)
  })

  test('a server that never answers times out', async () => {
    const server = await serve(() => {}) // never answers
    const started = Date.now()
    await expect(fast({ timeoutMs: 200, retries: 1 }).request(`${server.origin}/slow`)).rejects.toThrow(`GET ${server.origin}/slow: timed out (after 2 attempts)`)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(server.requests).toHaveLength(2)
  })

  test('registered tokens and query strings never reach a message', async () => {
    addSecret('tok-secret-1234')
    const err = (await fast().request('ftp://host/tok-secret-1234').catch((e: unknown) => e)) as Error
    expect(err.message).toBe('unsupported URL scheme "ftp:"')
    const server = await serve((_req, res) => {
      res.writeHead(403)
      res.end()
    })
    await expect(requestJson(fast(), `${server.origin}/tok-secret-1234/f?X-Amz-Signature=deadbeef`)).rejects.toThrow(`GET ${server.origin}/***/f?…: HTTP 403`)
    expect(displayUrl('https://u:p@h.example/a?sig=1#frag')).toBe('https://h.example/a?…')
  })
})

// --- the HTTP Source -------------------------------------------------------------------------

const KiB = 1024
const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 255)
const OBJECT = pattern(300 * KiB + 123)
const ranges = (server: Loopback): (string | undefined)[] => server.requests.map((r) => r.headers.range)

async function open(server: Loopback, path = '/obj', options = {}): Promise<HttpSource> {
  const source = await openHttpSource(fast(), `${server.origin}${path}`, options)
  opened.push(source)
  return source
}
const opened: HttpSource[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
})

describe('openHttpSource', () => {
  test('the first request reads the head and learns the size; a read in the head costs no request', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"' }))
    const source = await open(server)
    expect(source.size).toBe(OBJECT.length)
    expect(source.url).toBe(`${server.origin}/obj`)
    expect(await source.read(10, 100)).toEqual(OBJECT.subarray(10, 110))
    expect(await source.read(0, 64 * KiB)).toEqual(OBJECT.subarray(0, 64 * KiB))
    expect(ranges(server)).toEqual(['bytes=0-65535'])
    expect(source.traffic).toEqual({ requests: 1, bytes: 64 * KiB })
    expect(source.failure).toBeUndefined()
  })

  test('a read at the end asks for a suffix range; past the end reads nothing and sends nothing', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"' }))
    const source = await open(server)
    expect(await source.read(OBJECT.length - 22, 100)).toEqual(OBJECT.subarray(OBJECT.length - 22))
    expect(await source.read(OBJECT.length + 5, 10)).toEqual(new Uint8Array(0))
    // The last (partial) block starts at 256 KiB: the suffix covers it.
    expect(ranges(server)).toEqual(['bytes=0-65535', `bytes=-${OBJECT.length - 256 * KiB}`])
    expect(server.requests[1].headers['if-range']).toBe('"v1"')
  })

  test('an empty object: 416 with bytes */0 is size 0', async () => {
    const server = await serve((req, res) => serveBytes(req, res, new Uint8Array(0)))
    const source = await open(server)
    expect(source.size).toBe(0)
    expect(await source.read(0, 10)).toEqual(new Uint8Array(0))
    expect(server.requests).toHaveLength(1)
  })

  test('a 416 for a non-empty object, or a 404, fails naming the status', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === '/gone?sig=1' ? 404 : 416, { 'content-range': 'bytes */5' })
      res.end()
    })
    await expect(open(server)).rejects.toThrow(`GET ${server.origin}/obj: HTTP 416`)
    const err = (await open(server, '/gone?sig=1').catch((e: unknown) => e)) as HttpError
    expect(err).toBeInstanceOf(HttpError)
    expect([err.message, err.status]).toEqual([`GET ${server.origin}/gone?…: HTTP 404`, 404])
  })

  test('a read across blocks is one request for the missing run plus one block read ahead', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"' }))
    const source = await open(server)
    expect(await source.read(60 * KiB, 80 * KiB)).toEqual(OBJECT.subarray(60 * KiB, 140 * KiB))
    // Blocks 1 and 2 were missing, block 3 is read ahead: all cached now.
    expect(await source.read(150 * KiB, 100 * KiB)).toEqual(OBJECT.subarray(150 * KiB, 250 * KiB))
    expect(ranges(server)).toEqual(['bytes=0-65535', `bytes=${64 * KiB}-${256 * KiB - 1}`])
    expect(source.traffic).toEqual({ requests: 2, bytes: 256 * KiB })
  })

  test('concurrent reads of the same blocks share one request', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"' }))
    const source = await open(server)
    const reads = await Promise.all([source.read(70 * KiB, 10), source.read(70 * KiB, 10), source.read(100 * KiB, 5 * KiB)])
    expect(reads[0]).toEqual(OBJECT.subarray(70 * KiB, 70 * KiB + 10))
    expect(reads[2]).toEqual(OBJECT.subarray(100 * KiB, 105 * KiB))
    expect(ranges(server)).toEqual(['bytes=0-65535', `bytes=${64 * KiB}-${192 * KiB - 1}`])
  })

  test('the cache stays within cacheBytes: evicted blocks are fetched again, large reads bypass it', async () => {
    const big = pattern(2 * 1024 * KiB)
    const server = await serve((req, res) => serveBytes(req, res, big, { etag: '"v1"' }))
    const source = await open(server, '/obj', { blockSize: 16 * KiB, cacheBytes: 64 * KiB })
    const cached = (): number => (source as unknown as { cachedBytes: number }).cachedBytes
    for (let offset = 0; offset < 512 * KiB; offset += 16 * KiB) {
      expect(await source.read(offset, 100)).toEqual(big.subarray(offset, offset + 100))
      expect(cached()).toBeLessThanOrEqual(64 * KiB)
    }
    const before = server.requests.length
    await source.read(0, 10) // evicted long ago
    expect(server.requests.length).toBe(before + 1)
    expect(await source.read(1024 * KiB, 512 * KiB)).toEqual(big.subarray(1024 * KiB, 1536 * KiB))
    expect(ranges(server).at(-1)).toBe(`bytes=${1024 * KiB}-${1536 * KiB - 1}`)
    expect(cached()).toBeLessThanOrEqual(64 * KiB)
  })

  test('an ETag that changes mid-scan is a failure, kept after the throw', async () => {
    let etag = '"v1"'
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag }))
    const source = await open(server)
    etag = '"v2"'
    const expected = `GET ${server.origin}/obj: changed while it was being read (its ETag differs)`
    await expect(source.read(100 * KiB, 10)).rejects.toThrow(expected)
    expect(source.failure?.message).toBe(expected)
    expect(server.requests[1].headers['if-range']).toBe('"v1"')
  })

  test('a 200 answer to an If-Range request (the object changed) is a failure', async () => {
    let changed = false
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"', ignoreRange: changed }))
    const source = await open(server)
    changed = true
    await expect(source.read(100 * KiB, 10)).rejects.toThrow(`GET ${server.origin}/obj: changed while it was being read (If-Range answered with the whole object)`)
  })

  test('a short 206 body is a failure, never short data', async () => {
    let n = 0
    const server = await serve((req, res) => {
      if (n++ === 0) return serveBytes(req, res, OBJECT)
      res.writeHead(206, { 'content-range': `bytes ${64 * KiB}-${192 * KiB - 1}/${OBJECT.length}` })
      res.end(OBJECT.subarray(64 * KiB, 100 * KiB))
    })
    const source = await open(server)
    await expect(source.read(70 * KiB, 10)).rejects.toThrow(`GET ${server.origin}/obj: the answer ended after ${36 * KiB} of ${128 * KiB} bytes`)
    expect(source.failure).toBeInstanceOf(HttpError)
  })

  test('a 206 for another range than asked is a failure', async () => {
    let n = 0
    const server = await serve((req, res) => {
      if (n++ === 0) return serveBytes(req, res, OBJECT)
      res.writeHead(206, { 'content-range': `bytes 0-9/${OBJECT.length}` })
      res.end(OBJECT.subarray(0, 10))
    })
    const source = await open(server)
    await expect(source.read(70 * KiB, 10)).rejects.toThrow(`GET ${server.origin}/obj: asked for bytes=${64 * KiB}-${192 * KiB - 1}, got bytes 0-9/${OBJECT.length}`)
  })

  test('a size other than the expected one fails at open', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT))
    await expect(open(server, '/obj', { expectedSize: 1000 })).rejects.toThrow(`GET ${server.origin}/obj: size ${OBJECT.length} differs from the expected 1000`)
    expect((await open(server, '/obj', { expectedSize: OBJECT.length })).size).toBe(OBJECT.length)
  })

  test('an object gone mid-scan (404, no redirect) fails at once, naming the status and range', async () => {
    let gone = false
    const server = await serve((req, res) => {
      if (!gone) return serveBytes(req, res, OBJECT, { etag: '"v1"' })
      res.writeHead(404)
      res.end()
    })
    const source = await open(server, '/obj?token=abc')
    gone = true
    const err = (await source.read(100 * KiB, 10).catch((e: unknown) => e)) as HttpError
    expect([err.message, err.status]).toEqual([`GET ${server.origin}/obj?…: HTTP 404 for bytes=${64 * KiB}-${192 * KiB - 1}`, 404])
    expect(source.failure).toBe(err)
    expect(server.requests).toHaveLength(2)
  })

  test('a redirect is sticky: later reads go straight to the CDN host, without the token', async () => {
    const cdn = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"' }), '127.0.0.2')
    const hub = await serve((_req, res) => redirect(res, `${cdn.origin}/signed?sig=1`))
    const source = await open(hub, '/resolve/main/model.bin', { credentials: { authorization: TOKEN } })
    expect(source.url).toBe(`${hub.origin}/resolve/main/model.bin`)
    expect(await source.read(200 * KiB, 10)).toEqual(OBJECT.subarray(200 * KiB, 200 * KiB + 10))
    expect(hub.requests).toHaveLength(1)
    expect(auth(hub)).toEqual([TOKEN])
    expect(cdn.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/signed?sig=1', undefined],
      ['/signed?sig=1', undefined]
    ])
  })

  test('an expired signed URL (403) is retried once from the URL given', async () => {
    let expired = false
    const cdn = await serve((req, res) => {
      if (expired && req.url === '/signed?sig=1') {
        res.writeHead(403)
        res.end()
        return
      }
      serveBytes(req, res, OBJECT, { etag: '"v1"' })
    }, '127.0.0.2')
    let n = 0
    const hub = await serve((_req, res) => redirect(res, `${cdn.origin}/signed?sig=${++n}`))
    const source = await open(hub, '/f', { credentials: { authorization: TOKEN } })
    expired = true
    expect(await source.read(200 * KiB, 10)).toEqual(OBJECT.subarray(200 * KiB, 200 * KiB + 10))
    expect(cdn.requests.map((r) => r.path)).toEqual(['/signed?sig=1', '/signed?sig=1', '/signed?sig=2'])
    expect(auth(hub)).toEqual([TOKEN, TOKEN])
    expect(await source.read(130 * KiB, 10)).toEqual(OBJECT.subarray(130 * KiB, 130 * KiB + 10))
    expect(cdn.requests.at(-1)?.path).toBe('/signed?sig=2')
  })

  test('a server that ignores Range: the head is read from the stream, the rest of 50 MiB is not downloaded', async () => {
    const size = 50 * 1024 * KiB
    let written = 0
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(size), etag: '"v1"' })
      const chunk = Buffer.alloc(64 * KiB, 7)
      const pump = (): void => {
        while (written < size && !res.destroyed) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
    const source = await open(server)
    expect(source.size).toBe(size)
    expect(await source.read(0, 100)).toEqual(new Uint8Array(100).fill(7))
    await source.close()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(written).toBeLessThan(size / 4)
    expect(source.traffic.bytes).toBeLessThan(size / 4)
  })

  test('a server that ignores Range: forward reads continue one stream, a backward read restarts it, too far is a failure', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"', ignoreRange: true }))
    const source = await open(server, '/obj', { maxUnrangedBytes: 256 * KiB })
    expect(await source.read(100 * KiB, 10)).toEqual(OBJECT.subarray(100 * KiB, 100 * KiB + 10))
    expect(await source.read(200 * KiB, 10)).toEqual(OBJECT.subarray(200 * KiB, 200 * KiB + 10))
    expect(server.requests).toHaveLength(1)
    expect(await source.read(70 * KiB, 10)).toEqual(OBJECT.subarray(70 * KiB, 70 * KiB + 10)) // cached
    expect(server.requests).toHaveLength(1)
    expect(await source.read(10, 10)).toEqual(OBJECT.subarray(10, 20)) // the head: cached
    expect(server.requests).toHaveLength(1)
    await expect(source.read(290 * KiB, 10)).rejects.toThrow(`GET ${server.origin}/obj: server ignores Range requests; reading offset ${256 * KiB} needs ${OBJECT.length} bytes (more than ${256 * KiB})`)
    expect(source.failure?.message).toMatch(/server ignores Range requests/)
  })

  test('a server that ignores Range: a read behind the stream (not cached) starts it again from 0', async () => {
    const server = await serve((req, res) => serveBytes(req, res, OBJECT, { etag: '"v1"', ignoreRange: true }))
    const source = await open(server, '/obj', { blockSize: 16 * KiB, cacheBytes: 32 * KiB })
    expect(await source.read(200 * KiB, 10)).toEqual(OBJECT.subarray(200 * KiB, 200 * KiB + 10))
    expect(await source.read(100 * KiB, 10)).toEqual(OBJECT.subarray(100 * KiB, 100 * KiB + 10))
    expect(await source.read(150 * KiB, 10)).toEqual(OBJECT.subarray(150 * KiB, 150 * KiB + 10))
    expect(server.requests.map((r) => r.headers.range)).toEqual(['bytes=0-16383', undefined])
    expect(source.failure).toBeUndefined()
  })

  test('a weak ETag is compared but If-Range carries the Last-Modified date', async () => {
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT'
    const server = await serve((req, res) => {
      res.setHeader('last-modified', date)
      serveBytes(req, res, OBJECT, { etag: 'W/"v1"' })
    })
    const source = await open(server)
    await source.read(100 * KiB, 10)
    expect(server.requests.map((r) => r.headers['if-range'])).toEqual([undefined, date])
  })

  test('a server that ignores Range without a Content-Length fails closed', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' })
      res.end('data')
    })
    await expect(open(server)).rejects.toThrow(`GET ${server.origin}/obj: the server ignores Range requests and sends no Content-Length`)
  })

  test('at most 4 requests in flight', async () => {
    let active = 0
    let peak = 0
    const server = await serve(async (req: IncomingMessage, res: ServerResponse) => {
      active++
      peak = Math.max(peak, active)
      await new Promise((resolve) => setTimeout(resolve, 20))
      serveBytes(req, res, OBJECT)
      active--
    })
    const source = await open(server, '/obj', { blockSize: 4 * KiB })
    await Promise.all(Array.from({ length: 12 }, (_, i) => source.read((20 + i * 10) * KiB, 10)))
    expect(server.requests).toHaveLength(13)
    expect(peak).toBe(4)
  })
})

describe('the engine over an HttpSource', () => {
  test.each([
    ['pickle/n1-dotted-global.pkl', [['pickle/dangerous-global', 'critical']]],
    ['safetensors/invalid-json-bom.safetensors', [['safetensors/invalid-json', 'high']]],
    ['real/checkpoint.pt', [['pickle/format', 'medium']]] // a torch zip: end records read by a suffix range
  ])('%s: the same findings as for the local bytes', async (fixture, rules) => {
    const bytes = readFileSync(`fixtures/${fixture}`)
    const server = await serve((req, res) => serveBytes(req, res, bytes, { etag: '"v1"' }))
    const ctx = { options: defaultScanOptions(), depth: 0 }
    const name = fixture.split('/')[1]
    const local = await scanSource(bufferSource(bytes), ctx, name)
    const source = await open(server, `/${name}`, { blockSize: 4 * KiB })
    expect(await scanSource(source, ctx, name)).toEqual(local)
    expect(local.findings.map((f) => [f.rule, f.severity])).toEqual(rules)
    expect(source.failure).toBeUndefined()
  })
})
