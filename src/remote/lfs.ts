// Git LFS objects through the batch API (git-lfs docs/api/batch.md): one POST per 100 objects
// answers, per object, where to download it (href + header map) or why not. The answer comes
// from the network and is validated strictly: anything we cannot vouch for is a per-object
// failure (a finding) or, when the whole answer is unusable, a RemoteError.
import { addSecret, basicAuth, displayUrl, HttpError, redact, requestJson, type HttpClient, type Traffic } from './http.js'
import { RemoteError } from './errors.js'
import type { LfsEndpoint } from './lfs-endpoint.js'

export { findLfsEndpoint, githubLfsEndpoint, type LfsEndpoint } from './lfs-endpoint.js'

export interface LfsObjectRequest {
  /** 64 lowercase hex digits (sha256). */
  oid: string
  size: number
}

export type LfsObject =
  | {
      oid: string
      size: number
      kind: 'download'
      href: string
      /** Headers for href: the server's header map as given, plus ours (Basic) only when href is on the endpoint's origin and the map has no Authorization. */
      credentials: Record<string, string>
    }
  /** The server has no such object (404) or answers another size: lfs/object-missing. */
  | { oid: string; size: number; kind: 'missing'; message: string }
  /** Any other per-object failure: remote/fetch-failed. */
  | { oid: string; size: number; kind: 'failed'; message: string }

const MEDIA_TYPE = 'application/vnd.git-lfs+json'
const BATCH_SIZE = 100
/** 100 objects with long signed hrefs and header maps stay far below this. */
const ANSWER_LIMIT = 4 * 1024 * 1024
const OID = /^[0-9a-f]{64}$/
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
/** Headers a download action may not set: they would break the request or our range reads. */
const SECRET_HEADER = /auth|token|secret|signature|key|cookie|credential|session/i
const RESERVED_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect', 'range', 'if-range', 'accept-encoding'])

const short = (oid: string): string => (OID.test(oid) ? oid.slice(0, 12) : JSON.stringify(oid.slice(0, 70)))

/** Text from the server for a message: printable, bounded, redacted. */
const serverText = (text: unknown): string => (typeof text === 'string' ? redact(text.replace(/[^\x20-\x7e]/g, ' ').trim().slice(0, 200)) : '')

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the server said about one oid, before it is matched against each request's size. */
type Answer =
  | { kind: 'download'; size: number; href: string; header: Record<string, string> }
  | { kind: 'error'; size: number | undefined; code: number; message: string }
  | { kind: 'invalid'; message: string }

interface Target {
  batchUrl: string
  origin: string
  /** Our Authorization value, if we have credentials. */
  auth: string | undefined
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)

/** The batch URL and our credentials: the token, else user info in the endpoint URL. */
function target(endpoint: LfsEndpoint, token: string | undefined): Target {
  let url: URL
  try {
    url = new URL(endpoint.url)
  } catch {
    throw new RemoteError(`the LFS endpoint from ${endpoint.from} is not a valid URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RemoteError(`the LFS endpoint from ${endpoint.from} is not an http(s) URL: ${displayUrl(endpoint.url)}`)
  let auth: string | undefined
  if (token !== undefined && token !== '' && endpoint.untrusted !== true) auth = basicAuth('x-access-token', token)
  else if (url.username !== '' || url.password !== '') auth = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password))
  url.username = ''
  url.password = ''
  if (auth !== undefined && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new RemoteError(`refusing to send LFS credentials in clear text to ${displayUrl(url.href)} (from ${endpoint.from}): use an https endpoint`)
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/objects/batch`
  return { batchUrl: url.href, origin: url.origin, auth }
}

/** A download action's header map: string values, valid names, nothing reserved; else a reason. */
function headerMap(header: unknown): Record<string, string> | string {
  if (header === undefined || header === null) return {}
  if (!isRecord(header)) return 'a header map that is not an object'
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(header)) {
    if (typeof value !== 'string') return `a header ${JSON.stringify(serverText(name))} whose value is not a string`
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) return `an invalid header ${JSON.stringify(serverText(name))}`
    if (RESERVED_HEADERS.has(name.toLowerCase())) return `a reserved header ${JSON.stringify(name)}`
    // Credentials for the download host: never to be printed.
    if (SECRET_HEADER.test(name)) addSecret(value)
    out[name] = value
  }
  return out
}

/** One entry of the answer's `objects`, judged on its own. */
function parseEntry(entry: Record<string, unknown>): Answer {
  const size = entry.size
  const validSize = typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined
  if (entry.error !== undefined && entry.error !== null) {
    const error = entry.error
    if (!isRecord(error) || typeof error.code !== 'number') return { kind: 'invalid', message: 'an error without a numeric code' }
    return { kind: 'error', size: validSize, code: error.code, message: serverText(error.message) }
  }
  if (validSize === undefined) return { kind: 'invalid', message: 'an invalid size' }
  const download = isRecord(entry.actions) ? entry.actions.download : undefined
  if (!isRecord(download)) return { kind: 'invalid', message: 'neither a download action nor an error' }
  let href: URL
  try {
    if (typeof download.href !== 'string') throw new TypeError()
    href = new URL(download.href)
  } catch {
    return { kind: 'invalid', message: 'a download action without a valid href' }
  }
  if (href.protocol !== 'http:' && href.protocol !== 'https:') return { kind: 'invalid', message: `a download href with scheme ${JSON.stringify(serverText(href.protocol))}` }
  const header = headerMap(download.header)
  if (typeof header === 'string') return { kind: 'invalid', message: `a download action with ${header}` }
  return { kind: 'download', size: validSize, href: href.href, header }
}

/** The batch answer: one Answer per oid asked (an oid answered twice is invalid; unasked ones are ignored). */
function parseAnswer(json: unknown, asked: ReadonlySet<string>, where: string): Map<string, Answer> {
  if (!isRecord(json) || !Array.isArray(json.objects)) throw new RemoteError(`${where}: the answer is not a batch response (no "objects" array)`)
  if (json.transfer !== undefined && json.transfer !== null && json.transfer !== 'basic') {
    throw new RemoteError(`${where}: the server chose the transfer adapter ${JSON.stringify(serverText(json.transfer))}; only "basic" is supported`)
  }
  if (json.hash_algo !== undefined && json.hash_algo !== null && json.hash_algo !== 'sha256') {
    throw new RemoteError(`${where}: the server names objects by ${JSON.stringify(serverText(json.hash_algo))}; only sha256 is supported`)
  }
  const answers = new Map<string, Answer>()
  for (const entry of json.objects) {
    if (!isRecord(entry) || typeof entry.oid !== 'string' || !asked.has(entry.oid)) continue
    answers.set(entry.oid, answers.has(entry.oid) ? { kind: 'invalid', message: 'more than one answer' } : parseEntry(entry))
  }
  return answers
}

/** One POST for up to BATCH_SIZE distinct objects. */
async function batch(client: HttpClient, to: Target, endpoint: LfsEndpoint, objects: readonly LfsObjectRequest[], traffic?: Traffic): Promise<Map<string, Answer>> {
  const where = `LFS batch request to ${displayUrl(to.batchUrl)} (endpoint from ${endpoint.from})`
  const body = JSON.stringify({ operation: 'download', transfers: ['basic'], objects: objects.map(({ oid, size }) => ({ oid, size })), hash_algo: 'sha256' })
  let json: unknown
  try {
    ;({ json } = await requestJson(client, to.batchUrl, {
      method: 'POST',
      headers: { accept: MEDIA_TYPE, 'content-type': MEDIA_TYPE },
      credentials: to.auth === undefined ? {} : { authorization: to.auth },
      body,
      traffic,
      limit: ANSWER_LIMIT
    }))
  } catch (err) {
    if (!(err instanceof HttpError)) throw err
    if ((err.status === 401 || err.status === 403) && endpoint.untrusted === true) {
      throw new RemoteError(`${where}: HTTP ${err.status}: the token is not sent to an endpoint named by the repository's .lfsconfig on another host than its remote; give it with --lfs-url to trust it`)
    }
    if (err.status === 401 || err.status === 403) {
      throw new RemoteError(`${where}: HTTP ${err.status}: the LFS server needs a token with read access to the repository: set MODELGATE_LFS_TOKEN (CLI) or the action's token input`)
    }
    if (err.status === 404) {
      const hint = to.auth === undefined ? ' (or the repository is private: set MODELGATE_LFS_TOKEN (CLI) or the action\'s token input)' : ''
      throw new RemoteError(`no LFS endpoint at ${displayUrl(endpoint.url)} (from ${endpoint.from}): HTTP 404${hint}`)
    }
    throw new RemoteError(`${where} failed: ${redact(err.message)}`)
  }
  return parseAnswer(json, new Set(objects.map((o) => o.oid)), where)
}

const hasAuthorization = (header: Record<string, string>): boolean => Object.keys(header).some((name) => name.toLowerCase() === 'authorization')

/** The result for one request, from the server's answer for its oid. */
function judge(request: LfsObjectRequest, answer: Answer | undefined, to: Target): LfsObject {
  const { oid, size } = request
  const id = `LFS object ${short(oid)}`
  if (answer === undefined) return { oid, size, kind: 'failed', message: `the LFS server did not answer for ${id}` }
  if (answer.kind === 'invalid') return { oid, size, kind: 'failed', message: `the LFS server answered ${id} with ${answer.message}` }
  if (answer.kind === 'error') {
    const text = answer.message === '' ? '' : `: ${answer.message}`
    if (answer.code === 404) return { oid, size, kind: 'missing', message: `the LFS server has no ${id} (error 404${text})` }
    return { oid, size, kind: 'failed', message: `the LFS server cannot serve ${id} (error ${answer.code}${text})` }
  }
  if (answer.size !== size) return { oid, size, kind: 'missing', message: `the LFS server has ${id} with ${answer.size} bytes, the pointer says ${size}` }
  const credentials = { ...answer.header }
  if (to.auth !== undefined && !hasAuthorization(credentials) && new URL(answer.href).origin === to.origin) credentials.authorization = to.auth
  return { oid, size, kind: 'download', href: answer.href, credentials }
}

/**
 * POST {endpoint}/objects/batch for `objects` (100 distinct oids per call) and return one
 * LfsObject per request, in order. Our credentials (the token as Basic `x-access-token`,
 * else user info in the endpoint URL) go to the endpoint's origin only. Throws RemoteError
 * when a whole batch fails (authentication, no endpoint, HTTP or network error, malformed answer).
 */
export async function resolveLfsObjects(client: HttpClient, endpoint: LfsEndpoint, token: string | undefined, objects: readonly LfsObjectRequest[], traffic?: Traffic): Promise<LfsObject[]> {
  const to = target(endpoint, token)
  // Several pointers to one object: ask once (with the first size seen), judge each pointer.
  const distinct = new Map<string, LfsObjectRequest>()
  for (const o of objects) if (OID.test(o.oid) && Number.isSafeInteger(o.size) && o.size >= 0 && !distinct.has(o.oid)) distinct.set(o.oid, o)
  const unique = [...distinct.values()]
  const answers = new Map<string, Answer>()
  for (let i = 0; i < unique.length; i += BATCH_SIZE) {
    for (const [oid, answer] of await batch(client, to, endpoint, unique.slice(i, i + BATCH_SIZE), traffic)) answers.set(oid, answer)
  }
  return objects.map((o) =>
    distinct.has(o.oid) && Number.isSafeInteger(o.size) && o.size >= 0
      ? judge(o, answers.get(o.oid), to)
      : { oid: o.oid, size: o.size, kind: 'failed', message: `LFS object ${short(o.oid)}: not a sha256 oid with a valid size` }
  )
}
