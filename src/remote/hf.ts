// Hugging Face Hub targets: `hf://[datasets/|spaces/]org/name[@revision][/path]` parsed as
// huggingface_hub's parse_hf_uri does, then turned into the list of files to read by ranges.
// The revision is resolved to its commit first and every URL names that commit, so one scan
// sees one immutable snapshot. Everything the hub answers is checked before use: the commit
// sha, each listed path (it becomes a report path and part of a URL), sizes, page links.
import { RemoteError } from './errors.js'
import { HttpError, addSecret, redact, requestJson, type HttpClient, type HttpResponse, type Traffic } from './http.js'
import { nextLink } from './link.js'
import type { RemoteTarget } from './scan-remote.js'

export type HfRepoType = 'model' | 'dataset' | 'space'

export interface HfTarget {
  type: HfRepoType
  /** `org/name`. */
  repo: string
  revision?: string
  /** Inside the repo, no leading or trailing slash. */
  path?: string
}

export interface HfEnv {
  endpoint: string
  token?: string
  offline: boolean
}


export interface HfListing {
  commit: string
  files: RemoteTarget[]
  traffic: Traffic
}

const PROTOCOL = 'hf://'
const DEFAULT_ENDPOINT = 'https://huggingface.co'
const DEFAULT_REVISION = 'main'
/** Plural prefixes as in huggingface_hub's HF_URI_TYPE_PREFIXES (`models/` is an alias). */
const TYPE_PREFIXES: Record<string, HfRepoType> = { models: 'model', datasets: 'dataset', spaces: 'space' }
const URL_PREFIX: Record<HfRepoType, string> = { model: '', dataset: 'datasets/', space: 'spaces/' }
/** huggingface_hub's _SPECIAL_REFS_REVISION_REGEX, ASCII, and only at a segment boundary. */
const SPECIAL_REF = /^refs\/(?:convert\/[A-Za-z0-9_.-]+|pr\/\d+)(?=\/|$)/
/** One side of a repo id (validate_repo_id): word characters, '-' and '.', not at either end. */
const ID_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/
const CONTROL = /[\u0000-\u001f\u007f]/

/** Listing bounds: past them the listing fails closed instead of growing without end. */
export const HF_LIMITS = { maxEntries: 1_000_000, maxPages: 10_000, pageBytes: 32 * 1024 * 1024, infoBytes: 16 * 1024 * 1024 }

// --- target syntax -----------------------------------------------------------------------

const bad = (text: string, why: string): RemoteError => new RemoteError(`invalid Hugging Face target ${JSON.stringify(redact(text))}: ${why}`)

/**
 * Parses `hf://[models/|datasets/|spaces/]org/name[@revision][/path]`. A revision with a '/'
 * is written percent-encoded (`@feature%2Fx`), except `refs/pr/N` and `refs/convert/NAME`
 * which are recognised as they are. The path is taken literally (not percent-decoded), as
 * huggingface_hub does. Single-segment ids (`hf://gpt2`) are refused as HfFileSystem refuses
 * them: the hub's canonical ids all have a namespace (`openai-community/gpt2`).
 */
export function parseHfTarget(text: string): HfTarget {
  if (!text.startsWith(PROTOCOL)) throw bad(text, `it must start with ${PROTOCOL}`)
  let body = text.slice(PROTOCOL.length)
  if (CONTROL.test(body)) throw bad(text, 'control characters')
  if (body.includes('\\')) throw bad(text, 'backslashes are not path separators')
  if (body.endsWith('/')) body = body.slice(0, -1) // `org/name/folder/` names the folder
  if (body === '') throw bad(text, 'no repository (expected org/name)')
  const segments = body.split('/')
  if (segments.includes('')) throw bad(text, 'empty path segment')
  let type: HfRepoType = 'model'
  const prefixed = TYPE_PREFIXES[segments[0]]
  if (segments[0] === 'kernels' || segments[0] === 'buckets') {
    throw bad(text, `${segments[0]} are not supported`)
  } else if (['model', 'dataset', 'space', 'kernel', 'bucket'].includes(segments[0])) {
    throw bad(text, `the type prefix is plural: ${segments[0]}s/`)
  } else if (prefixed !== undefined) {
    if (segments.length === 1) throw bad(text, `no repository after ${segments[0]}/`)
    type = prefixed
    segments.shift()
  }
  const location = segments.join('/')

  // '@' introduces the revision only right after org/name; deeper it is part of a file name.
  const at = location.indexOf('@')
  let repo: string
  let revision: string | undefined
  let path: string
  if (at < 0 || location.slice(0, at).split('/').length > 2) {
    const parts = location.split('/')
    repo = parts.slice(0, 2).join('/')
    path = parts.slice(2).join('/')
  } else {
    repo = location.slice(0, at)
    const rest = location.slice(at + 1)
    const special = SPECIAL_REF.exec(rest)?.[0]
    const raw = special ?? rest.split('/')[0]
    path = rest.slice(raw.length + 1)
    if (raw === '') throw bad(text, 'empty revision after "@"')
    try {
      revision = decodeURIComponent(raw)
    } catch {
      throw bad(text, 'the revision is not valid percent-encoding')
    }
    if (CONTROL.test(revision)) throw bad(text, 'control characters in the revision')
  }
  checkRepo(text, repo)
  if (path !== '') checkPath(text, path)
  return { type, repo, ...(revision !== undefined ? { revision } : {}), ...(path !== '' ? { path } : {}) }
}

function checkRepo(text: string, repo: string): void {
  const parts = repo.split('/')
  if (parts.length !== 2 || parts[1] === '') {
    throw bad(text, `the repository must be org/name${parts.length === 1 && parts[0] !== '' ? ` (single-segment ids are not supported: use e.g. hf://openai-community/${parts[0]})` : ''}`)
  }
  const [org, name] = parts
  if (!ID_PART.test(org) || !ID_PART.test(name) || name.length > 96) {
    throw bad(text, "a repository id uses letters, digits, '-', '_' and '.', not first or last, and a name of at most 96 characters")
  }
  if (repo.includes('--') || repo.includes('..')) throw bad(text, 'a repository id cannot contain "--" or ".."')
  if (repo.endsWith('.git')) throw bad(text, 'a repository id cannot end with ".git"')
}

function checkPath(text: string, path: string): void {
  for (const segment of path.split('/')) {
    if (segment === '') throw bad(text, 'empty path segment')
    if (segment === '.' || segment === '..') throw bad(text, `"${segment}" path segment`)
  }
}

/** The target written back canonically (for messages): hf://[datasets/|spaces/]org/name[@rev][/path]. */
export function formatHfTarget(target: HfTarget): string {
  const rev = target.revision === undefined ? '' : `@${SPECIAL_REF.test(target.revision) ? target.revision : target.revision.replaceAll('%', '%25').replaceAll('/', '%2F')}`
  return `${PROTOCOL}${URL_PREFIX[target.type]}${target.repo}${rev}${target.path !== undefined ? `/${target.path}` : ''}`
}

// --- environment -------------------------------------------------------------------------

/** huggingface_hub's constants._is_true. */
const isTrue = (value: string | undefined): boolean => value !== undefined && ['1', 'ON', 'YES', 'TRUE'].includes(value.toUpperCase())

/**
 * HF_ENDPOINT (default https://huggingface.co, trailing slashes removed); HF_TOKEN, then
 * HUGGING_FACE_HUB_TOKEN, cleaned as huggingface_hub does (newlines and surrounding spaces
 * dropped, empty = none) and registered as a secret; HF_HUB_OFFLINE, else TRANSFORMERS_OFFLINE.
 * The token file of `hf auth login` is not read: only the environment.
 */
export function hfEnv(env: NodeJS.ProcessEnv): HfEnv {
  const endpoint = (env.HF_ENDPOINT !== undefined && env.HF_ENDPOINT !== '' ? env.HF_ENDPOINT : DEFAULT_ENDPOINT).replace(/\/+$/, '')
  const rawToken = env.HF_TOKEN !== undefined && env.HF_TOKEN !== '' ? env.HF_TOKEN : env.HUGGING_FACE_HUB_TOKEN
  const token = rawToken?.replace(/[\r\n]/g, '').trim()
  if (token !== undefined && token !== '') addSecret(token)
  const offline = isTrue(env.HF_HUB_OFFLINE !== undefined && env.HF_HUB_OFFLINE !== '' ? env.HF_HUB_OFFLINE : env.TRANSFORMERS_OFFLINE)
  return { endpoint, ...(token !== undefined && token !== '' ? { token } : {}), offline }
}

// --- listing -----------------------------------------------------------------------------

/** Python's urllib.parse.quote: every byte but letters, digits, `_.-~` and `safe` percent-encoded. */
export function quote(text: string, safe = '/'): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9_.~-]/.test(c) || (byte < 0x80 && safe.includes(c)) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

interface Context {
  client: HttpClient
  target: HfTarget
  env: HfEnv
  /** `hf://[datasets/|spaces/]org/name`, the prefix of messages and report paths. */
  label: string
  revision: string
  origin: string
  /** `{endpoint}/api/{type}s/{repo}`. */
  api: string
  credentials: Record<string, string>
  traffic: Traffic
}

/** Resolves the target's revision to a commit and lists the files to scan at that commit. */
export async function listHfFiles(client: HttpClient, target: HfTarget, env: HfEnv): Promise<HfListing> {
  if (env.offline) throw new RemoteError(`HF_HUB_OFFLINE is set: refusing network access for ${redact(formatHfTarget(target))}`)
  let origin: string
  try {
    const url = new URL(env.endpoint)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error()
    origin = url.origin
  } catch {
    throw new RemoteError(`HF_ENDPOINT ${JSON.stringify(redact(env.endpoint))} is not an http(s) URL`)
  }
  const ctx: Context = {
    client,
    target,
    env,
    label: `${PROTOCOL}${URL_PREFIX[target.type]}${target.repo}`,
    revision: target.revision ?? DEFAULT_REVISION,
    origin,
    api: `${env.endpoint}/api/${target.type}s/${target.repo}`,
    credentials: env.token !== undefined ? { authorization: `Bearer ${env.token}` } : {},
    traffic: { requests: 0, bytes: 0 }
  }
  const commit = await resolveCommit(ctx)
  const files = target.path === undefined ? await listTree(ctx, commit, undefined) : await listPath(ctx, commit, target.path)
  return { commit, files, traffic: ctx.traffic }
}

/** GET …/revision/{revision}: the commit sha (only `sha` expanded: siblings can be huge). */
async function resolveCommit(ctx: Context): Promise<string> {
  const { json } = await hubJson(ctx, `${ctx.api}/revision/${quote(ctx.revision, '')}?expand=sha`, {})
  const sha = (json as { sha?: unknown } | null)?.sha
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) throw new RemoteError(`${ctx.label}: the hub's answer for revision ${JSON.stringify(ctx.revision)} has no commit sha`)
  return sha
}

/**
 * A path target: paths-info says whether it is a file (scanned alone) or a folder (listed);
 * the tree API only lists folders, and an unknown path comes back as an empty answer.
 */
async function listPath(ctx: Context, commit: string, path: string): Promise<RemoteTarget[]> {
  const body = new URLSearchParams({ paths: path, expand: 'false' }).toString()
  const { json } = await hubJson(ctx, `${ctx.api}/paths-info/${commit}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' }
  })
  if (!Array.isArray(json)) throw malformed(ctx, 'the paths-info answer is not a list')
  const entry: unknown = json.find((e: unknown) => (e as { path?: unknown } | null)?.path === path)
  if (entry === undefined) throw new RemoteError(`${ctx.label}: path "${redact(path)}" not found in ${ctx.target.repo}@${redact(ctx.revision)}`)
  const file = toRemoteTarget(ctx, commit, entry)
  return file !== undefined ? [file] : listTree(ctx, commit, path)
}

/** GET …/tree/{commit}[/{folder}]?recursive=true&expand=false, following `Link: rel="next"` pages. */
async function listTree(ctx: Context, commit: string, folder: string | undefined): Promise<RemoteTarget[]> {
  const files: RemoteTarget[] = []
  const seen = new Set<string>()
  let entries = 0
  let url: string | undefined = `${ctx.api}/tree/${commit}${folder !== undefined ? `/${quote(folder, '')}` : ''}?recursive=true&expand=false`
  for (let page = 0; url !== undefined; page++) {
    if (page >= HF_LIMITS.maxPages) throw malformed(ctx, `more than ${HF_LIMITS.maxPages} pages`)
    // A next page on another origin is read without our token (as a redirect there would be).
    const credentials = new URL(url).origin === ctx.origin ? ctx.credentials : {}
    const { json, response } = await hubJson(ctx, url, { credentials, limit: HF_LIMITS.pageBytes })
    if (!Array.isArray(json)) throw malformed(ctx, 'a tree page is not a list')
    entries += json.length
    if (entries > HF_LIMITS.maxEntries) throw malformed(ctx, `more than ${HF_LIMITS.maxEntries} entries`)
    for (const entry of json as unknown[]) {
      const file = toRemoteTarget(ctx, commit, entry)
      if (file === undefined) continue
      const inRepo = file.path.slice(ctx.label.length + 1)
      if (folder !== undefined && !inRepo.startsWith(`${folder}/`)) throw malformed(ctx, `"${redact(inRepo)}" is outside the folder listed`)
      if (seen.has(inRepo)) throw malformed(ctx, `"${redact(inRepo)}" is listed twice`)
      seen.add(inRepo)
      files.push(file)
    }
    try {
      url = nextLink(response.headers.get('link'), response.url)
    } catch (err) {
      throw malformed(ctx, `bad Link header (${(err as Error).message})`)
    }
  }
  return files
}

/** A listing entry checked as hostile input: a file to read (path `hf://…/<path>`, URL `resolve/{commit}/{path}`, size, commit), undefined for a folder. */
function toRemoteTarget(ctx: Context, commit: string, entry: unknown): RemoteTarget | undefined {
  const e = entry as { type?: unknown; path?: unknown; size?: unknown; lfs?: { size?: unknown } | null } | null
  if (typeof e !== 'object' || e === null || typeof e.path !== 'string') throw malformed(ctx, 'an entry without a path')
  checkListedPath(ctx, e.path)
  if (e.type === 'directory') return undefined
  if (e.type !== 'file') throw malformed(ctx, `"${redact(e.path)}" has type ${JSON.stringify(e.type)}`)
  const size = typeof e.lfs === 'object' && e.lfs !== null ? e.lfs.size : e.size
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw malformed(ctx, `"${redact(e.path)}" has no valid size`)
  const { endpoint } = ctx.env
  return {
    path: `${ctx.label}/${e.path}`,
    url: `${endpoint}/${URL_PREFIX[ctx.target.type]}${ctx.target.repo}/resolve/${commit}/${quote(e.path)}`,
    credentials: { ...ctx.credentials },
    size,
    revision: commit
  }
}

function checkListedPath(ctx: Context, path: string): void {
  const why =
    path === '' ? 'an empty path'
    : path.startsWith('/') ? 'an absolute path'
    : CONTROL.test(path) ? 'a path with control characters'
    : path.split('/').some((s) => s === '' || s === '.' || s === '..') ? 'a path with an empty, "." or ".." segment'
    : undefined
  if (why !== undefined) throw malformed(ctx, `${why}: ${JSON.stringify(redact(path))}`)
}

const malformed = (ctx: Context, why: string): RemoteError => new RemoteError(`${ctx.label}: the hub's listing is malformed: ${why}`)

// --- requests and their failures ---------------------------------------------------------

interface HubRequest {
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
  credentials?: Record<string, string>
  limit?: number
}

/** A hub API call; every failure becomes a one-line RemoteError naming what is missing. */
async function hubJson(ctx: Context, url: string, request: HubRequest): Promise<{ json: unknown; response: HttpResponse }> {
  try {
    return await requestJson(ctx.client, url, { credentials: ctx.credentials, limit: HF_LIMITS.infoBytes, ...request, traffic: ctx.traffic })
  } catch (err) {
    if (err instanceof HttpError) throw hubError(ctx, err)
    throw err
  }
}

function hubError(ctx: Context, err: HttpError): RemoteError {
  const code = err.headers?.get('x-error-code')
  const token = ctx.env.token !== undefined
  const where = `${ctx.target.repo}@${ctx.revision}`
  let message: string
  if (err.status === 401 || err.status === 403) {
    // The hub answers 401 for a missing repo too when no token is sent (X-Error-Code RepoNotFound).
    const missing = code === 'RepoNotFound' ? ', or does not exist' : ''
    message =
      err.headers?.get('x-error-message') === 'Invalid credentials in Authorization header' ? `HF_TOKEN was rejected (HTTP ${err.status}: invalid credentials)`
      : `the repository is gated or private${missing} (HTTP ${err.status}); ${token ? 'the token has no access' : 'set HF_TOKEN to a token with access'}`
  } else if (err.status === 404 && code === 'RevisionNotFound') {
    message = `revision "${ctx.revision}" not found`
  } else if (err.status === 404 && code === 'EntryNotFound') {
    message = `path "${ctx.target.path ?? ''}" not found in ${where}`
  } else if (err.status === 404 && code === 'RepoNotFound') {
    message = `repository not found (or private: ${token ? 'the token has no access' : 'set HF_TOKEN to a token with access'})`
  } else {
    message = err.message
  }
  return new RemoteError(redact(`${ctx.label}: ${message}`))
}
