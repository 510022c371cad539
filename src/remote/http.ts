// HTTP requests for remote sources, on Node's own fetch. Redirects are followed here, one at a
// time, so credentials are sent only to the origin they belong to (a hub's resolve URL
// redirects to a CDN host with a signed URL that needs none). Idempotent failures (connection
// errors, timeouts, 429, 5xx) are retried with backoff, honouring Retry-After. Every message
// passes through `redact`: tokens and signed query strings never reach a log or a report.

export interface HttpSettings {
  /** Per attempt, from sending the request to the end of its body. */
  timeoutMs: number
  /** Attempts after the first, for connection errors, timeouts, 429 and 5xx. */
  retries: number
  maxRedirects: number
  /** First backoff delay; doubled per attempt. */
  retryBaseMs: number
  /** A longer Retry-After is not waited for: the request fails instead. */
  maxRetryAfterMs: number
}

export const DEFAULT_HTTP: HttpSettings = { timeoutMs: 30_000, retries: 3, maxRedirects: 5, retryBaseMs: 500, maxRetryAfterMs: 30_000 }

/** Requests made and body bytes received, for a report's `source` and the summary totals. */
export interface Traffic {
  requests: number
  bytes: number
}

export interface RequestOptions {
  method?: 'GET' | 'POST'
  /** Sent on every hop (Accept, Range, Content-Type). Never credentials. */
  headers?: Record<string, string>
  /**
   * Credentials (Authorization, a download action's header map): sent only while the request
   * is on the origin of the URL first requested. A redirect elsewhere drops them for good.
   */
  credentials?: Record<string, string>
  body?: string
  signal?: AbortSignal
  traffic?: Traffic
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** The URL that answered, after redirects. */
  url: string
  /** The credentials still in force at `url` (empty once a redirect left their origin). */
  credentials: Record<string, string>
  body: ReadableStream<Uint8Array> | null
}

/** A request that failed for good: status (if any) and a redacted description. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** Response headers, when there was a response (X-Error-Code, Content-Range...). */
    readonly headers?: Headers
  ) {
    super(message)
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

// --- redaction ---------------------------------------------------------------------------

const secrets = new Set<string>()

/** Registers a value that must never appear in output (a token, a Basic credential). */
export function addSecret(value: string): void {
  if (value.length >= 4) secrets.add(value)
}

/** A URL for messages and reports: no user info, no query (signed URLs carry keys there), no fragment. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url)
    const query = u.search !== '' ? '?…' : ''
    u.username = ''
    u.password = ''
    u.search = ''
    u.hash = ''
    return redact(u.href + query)
  } catch {
    return '(invalid URL)'
  }
}

/** `text` with every registered secret (and its Basic-auth encoding) replaced. */
export function redact(text: string): string {
  let out = text
  for (const secret of secrets) out = out.split(secret).join('***')
  return out
}

export function basicAuth(user: string, password: string): string {
  const encoded = Buffer.from(`${user}:${password}`).toString('base64')
  addSecret(password)
  addSecret(encoded)
  return `Basic ${encoded}`
}

// --- requests ----------------------------------------------------------------------------

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', abort, { once: true })
  })

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const retryable = (status: number): boolean => status === 429 || status >= 500

function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e.name === 'TimeoutError') return 'timed out'
  const cause = e.cause
  if (cause?.code !== undefined) return `${cause.message ?? 'network error'} (${cause.code})`
  return cause?.message ?? e.message ?? String(err)
}

/** Moves `user:password@` out of the URL (fetch refuses it) into Basic credentials. */
function splitUserInfo(url: URL, credentials: Record<string, string>): Record<string, string> {
  if (url.username === '' && url.password === '') return credentials
  const auth = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password))
  url.username = ''
  url.password = ''
  return { authorization: auth, ...credentials }
}

export class HttpClient {
  /**
   * Per origin: does it answer a multi-range request with its parts? Learnt from the first
   * file that asks, so the other files of a scan do not ask a server that refuses (S3) again.
   */
  readonly multiRange = new Map<string, boolean | Promise<boolean>>()

  constructor(readonly settings: HttpSettings = DEFAULT_HTTP) {}

  /**
   * Sends the request, following redirects and retrying, and returns the final response
   * (any status: the caller judges it). Throws HttpError when no response could be had.
   * The caller must consume or cancel the body.
   */
  async request(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    let current: URL
    try {
      current = new URL(url)
    } catch {
      throw new HttpError(`invalid URL ${JSON.stringify(redact(url))}`)
    }
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new HttpError(`unsupported URL scheme ${JSON.stringify(current.protocol)}`)
    let credentials = splitUserInfo(current, options.credentials ?? {})
    const origin = current.origin
    let method = options.method ?? 'GET'
    let body = options.body
    for (let hop = 0; ; hop++) {
      const response = await this.attempt(current, method, body, { ...options.headers, ...credentials }, options)
      if (!REDIRECTS.has(response.status)) return { status: response.status, headers: response.headers, url: current.href, credentials, body: response.body }
      await response.body?.cancel().catch(() => {})
      const location = response.headers.get('location')
      if (location === null) throw new HttpError(`${method} ${displayUrl(current.href)}: HTTP ${response.status} without a Location`, response.status)
      if (hop >= this.settings.maxRedirects) throw new HttpError(`${method} ${displayUrl(url)}: more than ${this.settings.maxRedirects} redirects`, response.status)
      let next: URL
      try {
        next = new URL(location, current)
      } catch {
        throw new HttpError(`${method} ${displayUrl(current.href)}: redirect to an invalid URL`, response.status)
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new HttpError(`${method} ${displayUrl(current.href)}: redirect to a ${next.protocol} URL`, response.status)
      // Leaving the origin (host, port or scheme) drops the credentials for the rest of the way.
      if (next.origin !== origin) credentials = {}
      credentials = splitUserInfo(next, credentials)
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
      }
      current = next
    }
  }

  /** One hop, retried on connection errors, timeouts, 429 and 5xx. */
  private async attempt(url: URL, method: string, body: string | undefined, headers: Record<string, string>, options: RequestOptions): Promise<Response> {
    const { retries, retryBaseMs, maxRetryAfterMs, timeoutMs } = this.settings
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = options.signal !== undefined ? AbortSignal.any([options.signal, timeout]) : timeout
      if (options.traffic !== undefined) options.traffic.requests++
      let wait = retryBaseMs * 2 ** attempt
      try {
        const response = await fetch(url, { method, headers, body, redirect: 'manual', signal })
        if (!retryable(response.status) || attempt >= retries) return response
        const after = retryAfterMs(response.headers.get('retry-after'))
        // A server asking for a longer pause than we wait gets its answer judged as it is.
        if (after !== undefined && after > maxRetryAfterMs) return response
        if (after !== undefined) wait = after
        await response.body?.cancel().catch(() => {})
      } catch (err) {
        if (options.signal?.aborted === true) throw err
        if (attempt >= retries) throw new HttpError(`${method} ${displayUrl(url.href)}: ${networkReason(err)}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ''}`)
      }
      await sleep(wait, options.signal)
    }
  }
}

/**
 * Reads a whole body, up to `limit` bytes (more is an HttpError: a listing or batch answer
 * that large is not what the protocol sends). Counts the bytes into `traffic`.
 */
export async function readBody(response: HttpResponse, limit: number, traffic?: Traffic): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let total = 0
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  for (;;) {
    const chunk = await reader.read().catch((err: unknown) => {
      throw new HttpError(`reading ${displayUrl(response.url)}: ${networkReason(err)}`)
    })
    if (chunk.done) break
    total += chunk.value.length
    if (traffic !== undefined) traffic.bytes += chunk.value.length
    if (total > limit) {
      await reader.cancel().catch(() => {})
      throw new HttpError(`${displayUrl(response.url)}: answer larger than ${limit} bytes`)
    }
    parts.push(chunk.value)
  }
  return Buffer.concat(parts)
}

/** GET or POST expecting JSON: a non-2xx status is an HttpError carrying status and headers. */
export async function requestJson(client: HttpClient, url: string, options: RequestOptions & { limit?: number } = {}): Promise<{ json: unknown; response: HttpResponse }> {
  const response = await client.request(url, { ...options, headers: { accept: 'application/json', ...options.headers } })
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel().catch(() => {})
    throw new HttpError(`${options.method ?? 'GET'} ${displayUrl(response.url)}: HTTP ${response.status}`, response.status, response.headers)
  }
  const bytes = await readBody(response, options.limit ?? 64 * 1024 * 1024, options.traffic)
  try {
    return { json: JSON.parse(new TextDecoder().decode(bytes)), response }
  } catch {
    throw new HttpError(`${displayUrl(response.url)}: the answer is not JSON`, response.status, response.headers)
  }
}
