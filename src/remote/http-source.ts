// A remote object as a `Source`: Range requests through an aligned block cache, so the format
// readers run unchanged over HTTP. Reads that miss fetch the missing run of blocks (plus a
// little read-ahead) in one request; concurrent reads of the same blocks share it. The object
// must stay the same for the whole scan (ETag / Last-Modified, If-Range, total size). A server
// that ignores Range is read from its body stream, never further than a read needs.
import type { ClosableSource } from '../scan/source.js'
import { BlockCache } from './block-cache.js'
import { ForwardStream } from './forward-stream.js'
import { displayUrl, HttpError, readBody, type HttpClient, type HttpResponse, type Traffic } from './http.js'
import { byterangesBoundary, parseByteranges, type RangePart } from './multipart.js'
import { Fragments } from './fragments.js'
import { planPrefetch, type Wanted } from './prefetch.js'

export interface HttpSourceOptions {
  /** Sent only to the URL's own origin (http.ts drops them on a redirect elsewhere). */
  credentials?: Record<string, string>
  /** Known size (hub tree, LFS pointer): a server total that differs is an error. */
  expectedSize?: number
  blockSize?: number // default 64 KiB
  cacheBytes?: number // default 8 MiB per source, LRU
  /** Max bytes read from a server that ignores Range before giving up (default 64 MiB). */
  maxUnrangedBytes?: number
  signal?: AbortSignal
  /** Counts into this object (the caller then knows the cost of an open that failed). */
  traffic?: Traffic
}

export interface HttpSource extends ClosableSource {
  /** displayUrl() of the URL given. */
  readonly url: string
  /** Requests (every HTTP attempt, redirects and retries included) and body bytes received. */
  readonly traffic: Traffic
  /** First failure of any read (redacted HttpError), kept even if a scanner swallowed the throw. */
  readonly failure: HttpError | undefined
  prefetch(ranges: readonly (readonly [number, number])[]): Promise<void>
}

const DEFAULT_BLOCK = 64 * 1024
const DEFAULT_CACHE = 8 * 1024 * 1024
const DEFAULT_MAX_UNRANGED = 64 * 1024 * 1024
/** Blocks fetched past a read that misses, for the reader's next step. */
const READ_AHEAD_BLOCKS = 1
/** Requests in flight per source. */
const MAX_IN_FLIGHT = 4
/** Prefetched ranges up to this length are fetched exactly (a zip local header, a signature probe), not as blocks. */
const FRAGMENT_MAX = 16 * 1024
/** Memory for those exact ranges. */
const FRAGMENT_CACHE = 2 * 1024 * 1024
/** Ranges per multi-range request: keeps the Range header well under servers' header limits. */
const MAX_RANGES_PER_REQUEST = 64
/** Answers of a signed (redirected-to) URL that has expired: start again from the URL given. */
const EXPIRED = new Set([401, 403, 404, 410])

const ignore = (): void => {}

/** Where requests go: the URL that last answered (after redirects) and the credentials still valid there. */
interface Target {
  url: string
  credentials: Record<string, string>
}

/** What identifies this version of the object: the first answer's values, compared on every later one. */
interface Identity {
  size: number
  etag: string | null
  lastModified: string | null
}

// `bytes a-b/total` → [a, b + 1, total]; `bytes */total` (416) → [-1, -1, total]; null if malformed.
function parseContentRange(value: string | null): [number, number, number] | null {
  const m = value === null ? null : /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+)$/i.exec(value.trim())
  if (m === null) return null
  return m[1] === undefined ? [-1, -1, Number(m[3])] : [Number(m[1]), Number(m[2]) + 1, Number(m[3])]
}

const origin = (url: string): string => new URL(url).origin

const cancel = (response: HttpResponse): Promise<void> => response.body?.cancel().catch(ignore) ?? Promise.resolve()

/** At most `limit` tasks at a time; the others wait in order. */
class Limiter {
  private active = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.active++
    try {
      return await task()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}

class HttpObject implements HttpSource {
  readonly url: string
  failure: HttpError | undefined
  private readonly cache: BlockCache
  /** Blocks being fetched: every read of them awaits the same request. */
  private readonly pending = new Map<number, Promise<Uint8Array>>()
  private readonly limiter = new Limiter(MAX_IN_FLIGHT)
  private readonly ifRange: string | undefined
  /** Serializes use of the forward stream (servers that ignore Range). */
  private streamTurn: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly ranged: boolean
  /** Small ranges fetched ahead. */
  private readonly fragments = new Fragments(FRAGMENT_CACHE)

  constructor(
    private readonly client: HttpClient,
    private readonly origin: Target,
    private target: Target,
    private readonly identity: Identity,
    private readonly settings: Required<Omit<HttpSourceOptions, 'credentials' | 'expectedSize' | 'signal' | 'traffic'>>,
    readonly traffic: Traffic,
    private readonly controller: AbortController,
    private readonly signal: AbortSignal,
    /** Set when the server ignores Range: reads come from this body, restarted for a backward read. */
    private stream: ForwardStream | null
  ) {
    this.ranged = stream === null
    this.url = displayUrl(origin.url)
    this.cache = new BlockCache(settings.cacheBytes)
    // If-Range takes a strong ETag or a date; a weak ETag cannot be used there.
    const etag = identity.etag !== null && !identity.etag.startsWith('W/') ? identity.etag : null
    this.ifRange = etag ?? identity.lastModified ?? undefined
  }

  get size(): number {
    return this.identity.size
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, offset)
    const n = Math.max(0, Math.min(length, this.size - start))
    if (n === 0) return new Uint8Array(0)
    try {
      if (this.closed) throw new HttpError(`GET ${this.url}: the source is closed`)
      const fragment = this.fragments.get(start, n)
      if (fragment !== undefined) return fragment
      // A read larger than a quarter of the cache would only push out what the scanners reuse.
      if (n > this.settings.cacheBytes / 4) return await this.fetch(start, start + n)
      const block = this.settings.blockSize
      const first = Math.floor(start / block)
      const parts = await Promise.all(this.blocks(first, Math.floor((start + n - 1) / block)))
      const from = start - first * block
      return parts.length === 1 ? parts[0].subarray(from, from + n) : Buffer.concat(parts).subarray(from, from + n)
    } catch (err) {
      const failure = err instanceof HttpError ? err : new HttpError(`GET ${this.url}: ${(err as Error).message ?? String(err)}`)
      this.failure ??= failure
      throw failure
    }
  }

  async close(): Promise<void> {
    this.closed = true
    this.controller.abort(new HttpError(`GET ${this.url}: the source is closed`))
    await this.stream?.cancel()
    this.cache.clear()
    this.pending.clear()
  }

  /**
   * Fetches ranges a reader is about to read: in one multi-range request where the server
   * answers those with their parts, else a few requests at a time. Never rejects: a range it
   * could not fetch is fetched again, and fails, when it is read.
   */
  async prefetch(ranges: readonly (readonly [number, number])[]): Promise<void> {
    if (!this.ranged || this.closed) return
    const block = this.settings.blockSize
    const wanted = planPrefetch(ranges, { size: this.size, blockSize: block, fragmentMax: FRAGMENT_MAX }, {
      block: (i) => this.cache.has(i) || this.pending.has(i),
      fragment: (start, length) => this.fragments.get(start, length) !== undefined
    })
    const rest = wanted.length > 1 ? await this.fetchAllParts(wanted) : wanted
    await Promise.all(rest.map((w) => this.fetch(w.start, w.end).then((bytes) => this.keep(w, bytes), ignore)))
  }

  /**
   * Multi-range requests for `wanted`, unless this origin is known to refuse them; returns what
   * they did not deliver. The first file to ask an origin answers for the files scanned beside
   * it, which wait for that answer rather than each pay a refused request.
   */
  private async fetchAllParts(wanted: Wanted[]): Promise<Wanted[]> {
    const host = origin(this.target.url)
    const known = await this.client.multiRange.get(host)
    if (known === false) return wanted
    let learnt = (_: boolean): void => {}
    if (known === undefined) this.client.multiRange.set(host, new Promise<boolean>((resolve) => (learnt = resolve)))
    const rest: Wanted[] = []
    for (let i = 0; i < wanted.length; i += MAX_RANGES_PER_REQUEST) {
      const group = wanted.slice(i, i + MAX_RANGES_PER_REQUEST)
      rest.push(...(await this.fetchParts(group).catch(() => group)))
    }
    const value = this.client.multiRange.get(host)
    // A failed request taught nothing: the next file asks again.
    if (typeof value !== 'boolean') this.client.multiRange.delete(host)
    learnt(value === true)
    return rest
  }

  /** Keeps prefetched bytes: block runs in the block cache, exact ranges as fragments. */
  private keep(w: Wanted, bytes: Uint8Array): void {
    if (this.closed) return
    if (w.blocks) this.store(w.start, bytes)
    else this.fragments.set(w.start, bytes)
  }

  /** One multi-range request for `wanted`; returns what it did not deliver. */
  private async fetchParts(wanted: Wanted[]): Promise<Wanted[]> {
    const range = `bytes=${wanted.map((w) => `${w.start}-${w.end - 1}`).join(',')}`
    const response = await this.limiter.run(() => this.get({ range, ...(this.ifRange !== undefined ? { 'if-range': this.ifRange } : {}) }))
    if (response.status !== 206) {
      // 200: the server ignores multi-range requests (as S3 does) and sends the whole object.
      await cancel(response)
      this.client.multiRange.set(origin(response.url), false)
      return wanted
    }
    const parts = await this.partsOf(response, wanted)
    const missing = wanted.filter((w) => {
      const part = parts.find((p) => p.start <= w.start && w.end <= p.start + p.bytes.length)
      if (part !== undefined) this.keep(w, part.bytes.subarray(w.start - part.start, w.end - part.start))
      return part === undefined
    })
    this.client.multiRange.set(origin(response.url), missing.length === 0)
    return missing
  }

  /** The parts of a 206 answer to a multi-range request: several (multipart) or one range. */
  private async partsOf(response: HttpResponse, wanted: Wanted[]): Promise<RangePart[]> {
    const boundary = byterangesBoundary(response.headers.get('content-type'))
    const asked = wanted.reduce((n, w) => n + w.end - w.start, 0)
    let parts: RangePart[]
    if (boundary === null) {
      const single = parseContentRange(response.headers.get('content-range'))
      if (single === null || single[0] < 0) throw new HttpError(`GET ${this.url}: 206 without a valid Content-Range`, 206)
      this.checkIdentity(response, single[2])
      parts = [{ start: single[0], bytes: await readExact(response, single[1] - single[0], this.traffic, this.url), total: single[2] }]
    } else {
      // Part headers are a few dozen bytes; a server may merge ranges, never send much more.
      const body = await readBody(response, asked + wanted.length * 512 + 4096, this.traffic)
      const parsed = parseByteranges(body, boundary)
      if (parsed === null) throw new HttpError(`GET ${this.url}: a malformed multipart/byteranges answer`, 206)
      parts = parsed
    }
    for (const part of parts) this.checkIdentity(response, part.total)
    return parts
  }

  /** Stores the bytes [start, start + bytes.length) as whole blocks (the last block may end at the object's end). */
  store(start: number, bytes: Uint8Array): void {
    const block = this.settings.blockSize
    for (let at = 0; at < bytes.length; at += block) {
      const part = bytes.subarray(at, at + block)
      if (part.length === block || start + at + part.length === this.size) this.cache.set((start + at) / block, part)
    }
  }

  /** Bytes held by the cache (tests check the bound). */
  get cachedBytes(): number {
    return this.cache.size
  }

  /** One promise per block first..last, starting one request per missing run of blocks. */
  private blocks(first: number, last: number): Promise<Uint8Array>[] {
    const known = (i: number): boolean => this.cache.has(i) || this.pending.has(i)
    const count = Math.ceil(this.size / this.settings.blockSize)
    for (let i = first; i <= last; ) {
      if (known(i)) {
        i++
        continue
      }
      let end = i
      while (end < last && !known(end + 1)) end++
      // Read-ahead saves a request only where requests are ranges (a stream goes forward anyway).
      if (end === last && this.ranged) while (end + 1 < count && end - last < READ_AHEAD_BLOCKS && !known(end + 1)) end++
      this.fetchRun(i, end)
      i = end + 1
    }
    const out: Promise<Uint8Array>[] = []
    for (let i = first; i <= last; i++) {
      const hit = this.cache.get(i)
      out.push(hit !== undefined ? Promise.resolve(hit) : (this.pending.get(i) as Promise<Uint8Array>))
    }
    return out
  }

  private fetchRun(first: number, last: number): void {
    const block = this.settings.blockSize
    const start = first * block
    const whole = this.fetch(start, Math.min((last + 1) * block, this.size))
    for (let i = first; i <= last; i++) {
      const part = whole.then((bytes) => bytes.subarray((i - first) * block, (i - first + 1) * block))
      part.catch(ignore) // read-ahead blocks nobody awaits must not be unhandled rejections
      this.pending.set(i, part)
    }
    const settle = (bytes?: Uint8Array): void => {
      for (let i = first; i <= last; i++) this.pending.delete(i)
      if (bytes !== undefined && !this.closed) this.store(start, bytes)
    }
    whole.then(settle, () => settle())
  }

  /** Exactly the bytes [start, end) of the object (end <= size). */
  private fetch(start: number, end: number): Promise<Uint8Array> {
    if (this.ranged) return this.limiter.run(() => this.fetchRange(start, end))
    const turn = this.streamTurn.then(() => this.fromStream(start, end))
    this.streamTurn = turn.catch(ignore)
    return turn
  }

  private changed(why: string): HttpError {
    return new HttpError(`GET ${this.url}: changed while it was being read (${why})`)
  }

  /** Is this answer from the same object? (the validators and size of the first answer) */
  private checkIdentity(response: HttpResponse, total: number): void {
    const { etag, lastModified, size } = this.identity
    if (total !== size) throw this.changed(`size ${total}, was ${size}`)
    if (etag !== null && response.headers.get('etag') !== etag) throw this.changed('its ETag differs')
    if (etag === null && lastModified !== null && response.headers.get('last-modified') !== lastModified) throw this.changed('its Last-Modified differs')
  }

  /** GET at the sticky target; a signed URL that expired is retried once from the URL given. */
  private async get(headers: Record<string, string>): Promise<HttpResponse> {
    const send = (target: Target): Promise<HttpResponse> =>
      this.client.request(target.url, { headers: { 'accept-encoding': 'identity', ...headers }, credentials: target.credentials, signal: this.signal, traffic: this.traffic })
    let response = await send(this.target)
    if (EXPIRED.has(response.status) && this.target !== this.origin) {
      await cancel(response)
      response = await send(this.origin)
    }
    if (response.status >= 200 && response.status <= 299) this.target = { url: response.url, credentials: response.credentials }
    return response
  }

  private async fetchRange(start: number, end: number): Promise<Uint8Array> {
    // The zip end records and similar tail reads ask for a suffix: the server cuts it from its own total.
    const range = end === this.size ? `bytes=-${end - start}` : `bytes=${start}-${end - 1}`
    const response = await this.get({ range, ...(this.ifRange !== undefined ? { 'if-range': this.ifRange } : {}) })
    if (response.status !== 206) {
      await cancel(response)
      if (response.status === 200 && this.ifRange !== undefined) throw this.changed('If-Range answered with the whole object')
      if (response.status === 200) throw new HttpError(`GET ${this.url}: the server ignored the Range request (${range})`, 200)
      throw new HttpError(`GET ${this.url}: HTTP ${response.status} for ${range}`, response.status, response.headers)
    }
    const parsed = parseContentRange(response.headers.get('content-range'))
    if (parsed === null || parsed[0] === -1) {
      await cancel(response)
      throw new HttpError(`GET ${this.url}: 206 without a valid Content-Range for ${range}`, 206)
    }
    try {
      this.checkIdentity(response, parsed[2])
    } catch (err) {
      await cancel(response)
      throw err
    }
    if (parsed[0] !== start || parsed[1] !== end) {
      await cancel(response)
      throw new HttpError(`GET ${this.url}: asked for ${range}, got ${response.headers.get('content-range')}`, 206)
    }
    return readExact(response, end - start, this.traffic, this.url)
  }

  /** Bytes [start, end) from the forward stream of a server that ignores Range. */
  private async fromStream(start: number, end: number): Promise<Uint8Array> {
    if (end > this.settings.maxUnrangedBytes) {
      throw new HttpError(`GET ${this.url}: server ignores Range requests; reading offset ${start} needs ${end} bytes (more than ${this.settings.maxUnrangedBytes})`)
    }
    if (this.closed) throw new HttpError(`GET ${this.url}: the source is closed`)
    const current = this.stream !== null && this.stream.pos <= start ? this.stream : null
    let bytes: Uint8Array | null = null
    if (current !== null) {
      // A stream left open between reads may have timed out or dropped: start again once.
      bytes = await current.take(start - current.pos, end - start).catch(() => null)
    }
    if (bytes === null) {
      await this.stream?.cancel()
      this.stream = null
      const stream = await this.restartStream()
      bytes = await stream.take(start, end - start)
    }
    if (bytes.length !== end - start) throw new HttpError(`GET ${this.url}: the answer ended at ${start + bytes.length} of ${this.size} bytes`, 200)
    return bytes
  }

  private async restartStream(): Promise<ForwardStream> {
    const response = await this.limiter.run(() => this.get({}))
    if (response.status !== 200) {
      await cancel(response)
      throw new HttpError(`GET ${this.url}: HTTP ${response.status}`, response.status, response.headers)
    }
    try {
      this.checkIdentity(response, Number(response.headers.get('content-length') ?? NaN))
    } catch (err) {
      await cancel(response)
      throw err
    }
    this.stream = streamOf(response, this.traffic)
    return this.stream
  }
}

function streamOf(response: HttpResponse, traffic: Traffic): ForwardStream {
  if (response.body === null) throw new HttpError(`GET ${displayUrl(response.url)}: HTTP 200 without a body`, 200)
  return new ForwardStream(response.body.getReader(), traffic)
}

function identityOf(response: HttpResponse, size: number): Identity {
  return { size, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') }
}

/**
 * Opens `url` for range reads: one GET of the first block learns the size (Content-Range total)
 * and the validators, and fills the cache with the head every reader sniffs.
 */
export async function openHttpSource(client: HttpClient, url: string, options: HttpSourceOptions = {}): Promise<HttpSource> {
  const settings = {
    blockSize: options.blockSize ?? DEFAULT_BLOCK,
    cacheBytes: options.cacheBytes ?? DEFAULT_CACHE,
    maxUnrangedBytes: options.maxUnrangedBytes ?? DEFAULT_MAX_UNRANGED
  }
  for (const [key, value] of Object.entries(settings)) {
    if (!Number.isSafeInteger(value) || value < (key === 'blockSize' ? 1 : 0)) throw new RangeError(`openHttpSource: ${key} ${value} is not a valid byte count`)
  }
  const name = displayUrl(url)
  const controller = new AbortController()
  const signal = options.signal !== undefined ? AbortSignal.any([options.signal, controller.signal]) : controller.signal
  const traffic: Traffic = options.traffic ?? { requests: 0, bytes: 0 }
  const origin: Target = { url, credentials: options.credentials ?? {} }
  const response = await client.request(url, {
    headers: { range: `bytes=0-${settings.blockSize - 1}`, 'accept-encoding': 'identity' },
    credentials: origin.credentials,
    signal,
    traffic
  })
  const fail = async (why: string): Promise<never> => {
    await cancel(response)
    throw new HttpError(`GET ${name}: ${why}`, response.status, response.headers)
  }
  // Redirected (a hub's resolve URL to a CDN): later reads go straight to where the bytes are.
  const target: Target = response.url === new URL(url).href ? origin : { url: response.url, credentials: response.credentials }
  const range = parseContentRange(response.headers.get('content-range'))
  let size: number
  if (response.status === 206) {
    if (range === null || range[0] !== 0 || range[1] !== Math.min(settings.blockSize, range[2])) return fail(`206 with Content-Range ${JSON.stringify(response.headers.get('content-range'))} for bytes=0-${settings.blockSize - 1}`)
    size = range[2]
  } else if (response.status === 200) {
    const length = response.headers.get('content-length')
    if (length === null || !/^\d+$/.test(length)) return fail('the server ignores Range requests and sends no Content-Length')
    size = Number(length)
  } else if (response.status === 416 && range !== null && range[0] === -1 && range[2] === 0) {
    size = 0
    await cancel(response)
  } else {
    return fail(`HTTP ${response.status}`)
  }
  if (options.expectedSize !== undefined && size !== options.expectedSize) return fail(`size ${size} differs from the expected ${options.expectedSize}`)
  const stream = response.status === 200 ? streamOf(response, traffic) : null
  const source = new HttpObject(client, origin, target, identityOf(response, size), settings, traffic, controller, signal, stream)
  const head = Math.min(settings.blockSize, size)
  // A server that ignores Range keeps its body open at the end of the head for the next forward read.
  if (response.status === 206) source.store(0, await readExact(response, head, traffic, name))
  else if (stream !== null) source.store(0, await stream.take(0, head))
  return source
}

async function readExact(response: HttpResponse, n: number, traffic: Traffic, name: string): Promise<Uint8Array> {
  const body = await readBody(response, n, traffic)
  if (body.length !== n) throw new HttpError(`GET ${name}: the answer ended after ${body.length} of ${n} bytes`, response.status)
  return body
}
