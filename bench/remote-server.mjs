// Loopback HTTP server for the remote cases of `npm run bench` (plain Node, no dependencies).
//
//   const server = await startRemoteServer({ latencyMs: 20 })
//   server.addFile('/files/model.pt', { disk: '/tmp/…/model.pt' })        → plain range URL
//   server.addRepo('org/name', [{ path, disk | data, lfs }])            → fake Hugging Face hub
//
// Two listeners in this process: the hub on 127.0.0.1 (API, `resolve`, plain files) and a
// "CDN" on 127.0.0.2 (another host name, as huggingface.co redirects LFS files to
// cdn-lfs*.hf.co). Every answer's headers wait `latencyMs` (a simulated round trip); keep-alive
// is on, so a client that reuses its connections pays one round trip per request.
// Files are served from disk with positioned reads (the corpus writers make sparse files: a
// 4 GiB shard is a few KiB on disk) or from small in-memory buffers; bodies are streamed with
// backpressure, so the server's memory stays small whatever the client asks for.
// Every request is counted per listener (requests, body bytes sent) and logged
// (method, path, range, status, bytes), to cross-check the CLI's own counters.
import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'

const HUB_HOST = '127.0.0.1'
const CDN_HOST = '127.0.0.2'
/** Size of a Git LFS pointer file (`version …\noid sha256:…\nsize …\n`), as the hub reports it. */
const POINTER_SIZE = 134

const hex = (text, algorithm) => createHash(algorithm).update(text).digest('hex')

/**
 * Parses a single `bytes=a-b`, `bytes=a-` or `bytes=-n` against `size`: [start, end) (end
 * exclusive), 'unsatisfiable' (416), or null (absent, multi-range or malformed: the whole body).
 */
export function parseRange(header, size) {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (m === null || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const n = Number(m[2])
    return n === 0 || size === 0 ? 'unsatisfiable' : [Math.max(0, size - n), size]
  }
  const start = Number(m[1])
  if (start >= size) return 'unsatisfiable'
  const end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1)
  return end <= start ? null : [start, end]
}

/** The ranges of a multi-range `bytes=a-b,c-d,…` header, or null (single, malformed or unsatisfiable). */
function parseMultiRange(header, size) {
  if (header === undefined || !header.includes(',')) return null
  const parts = header.trim().replace(/^bytes=/, '').split(',').map((spec) => parseRange(`bytes=${spec.trim()}`, size))
  return parts.every((p) => Array.isArray(p)) ? parts : null
}

const BOUNDARY = 'bench-byteranges'

/** The bytes [start, end) of `obj`, read whole (multi-range parts are small). */
async function bytesOf(obj, start, end) {
  const body = obj.body(start, end)
  if (Array.isArray(body)) return Buffer.concat(body)
  const chunks = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** 206 multipart/byteranges, as nginx and Apache answer a multi-range request. */
async function serveParts(res, obj, parts, headers, count) {
  const chunks = []
  for (const [start, end] of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${start}-${end - 1}/${obj.size}\r\n\r\n`))
    chunks.push(await bytesOf(obj, start, end), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  const body = Buffer.concat(chunks)
  res.writeHead(206, { ...headers, 'content-type': `multipart/byteranges; boundary=${BOUNDARY}`, 'content-length': String(body.length) })
  count(body.length)
  res.end(body)
}

/** A served object: size, strong ETag and a body stream of [start, end). */
function object(spec, etag) {
  if (spec.data !== undefined) {
    const data = Buffer.from(spec.data)
    return { size: data.length, etag: etag ?? `"${hex(data, 'sha1')}"`, body: (start, end) => [data.subarray(start, end)] }
  }
  const st = statSync(spec.disk)
  return {
    size: st.size,
    etag: etag ?? `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`,
    body: (start, end) => (end > start ? createReadStream(spec.disk, { start, end: end - 1, highWaterMark: 256 * 1024 }) : [])
  }
}

/**
 * Answers GET/HEAD of `obj` as a static file server does: 206 with Content-Range for one
 * satisfiable range, 416 with `bytes *\/size` past the end, 200 with the whole body without a
 * Range or when If-Range names another version. Several ranges: 206 multipart/byteranges when
 * `multiRange` (nginx, Apache), else the whole body (S3).
 */
function serveObject(req, res, obj, extra, count, multiRange) {
  const headers = { 'accept-ranges': 'bytes', etag: obj.etag, 'content-type': 'application/octet-stream', ...extra }
  const ifRange = req.headers['if-range']
  const current = ifRange === undefined || ifRange === obj.etag
  const parts = multiRange && current && req.method === 'GET' ? parseMultiRange(req.headers.range, obj.size) : null
  if (parts !== null) return void serveParts(res, obj, parts, headers, count).catch((err) => res.destroy(err))
  const range = current ? parseRange(req.headers.range, obj.size) : null
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${obj.size}`, 'content-length': '0' })
    return res.end()
  }
  const [start, end] = range ?? [0, obj.size]
  if (range === null) res.writeHead(200, { ...headers, 'content-length': String(obj.size) })
  else res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end - 1}/${obj.size}`, 'content-length': String(end - start) })
  if (req.method === 'HEAD') return res.end()
  const body = obj.body(start, end)
  if (Array.isArray(body)) {
    for (const chunk of body) count(chunk.length)
    return res.end(body[0])
  }
  body.on('data', (chunk) => {
    count(chunk.length)
    if (!res.write(chunk)) body.pause()
  })
  res.on('drain', () => body.resume())
  body.on('end', () => res.end())
  body.on('error', (err) => res.destroy(err))
  res.on('close', () => body.destroy()) // the client aborted (read what it needed from a 200)
}

function json(res, status, value, extra = {}) {
  const text = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...extra })
  res.end(text)
  return Buffer.byteLength(text)
}

const notFound = (res, code, message) => json(res, 404, { error: message }, { 'x-error-code': code })

/** One repo of the fake hub: commit sha, tree listing, and per path the object (LFS objects live on the CDN). */
function makeRepo(id, files, revision) {
  const sha = hex(`${id}@${revision}`, 'sha1')
  const entries = new Map()
  const folders = new Set()
  for (const f of files) {
    // Large LFS objects get a stand-in sha256 (hashing gigabytes of zeros would only slow the bench).
    const obj = object(f)
    const oid = f.lfs ? hex(`${id}/${f.path}`, 'sha256') : undefined
    const lfsObj = f.lfs ? object(f, `"${oid}"`) : undefined
    entries.set(f.path, { path: f.path, obj: lfsObj ?? obj, lfs: f.lfs ? { oid, size: obj.size, pointerSize: POINTER_SIZE } : undefined })
    const parts = f.path.split('/')
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'))
  }
  const tree = [
    ...[...folders].map((path) => ({ type: 'directory', oid: hex(`tree ${id}/${path}`, 'sha1'), size: 0, path })),
    ...[...entries.values()].map((e) => ({
      type: 'file',
      oid: hex(`blob ${id}/${e.path}`, 'sha1'),
      size: e.lfs ? e.lfs.size : e.obj.size,
      path: e.path,
      ...(e.lfs ? { lfs: e.lfs } : {})
    }))
  ].sort((a, b) => (a.path < b.path ? -1 : 1))
  return { id, sha, revision, entries, tree }
}

/**
 * Starts both listeners. `latencyMs` delays every answer's headers. Returns the origins, the
 * registration functions, the counters and close().
 */
export async function startRemoteServer({ latencyMs = 20, multiRange = true } = {}) {
  const settings = { multiRange }
  const files = new Map() // '/files/…' → object, on the hub host
  const repos = new Map() // 'org/name' → repo
  const cdn = new Map() // '/cdn/<oid>' → object
  const counters = { hub: { requests: 0, bytes: 0 }, cdn: { requests: 0, bytes: 0 } }
  let log = []

  const hub = createServer({ keepAlive: true }, (req, res) => handle('hub', req, res))
  const cdnServer = createServer({ keepAlive: true }, (req, res) => handle('cdn', req, res))
  for (const s of [hub, cdnServer]) s.keepAliveTimeout = 30_000
  const listen = (s, host) => new Promise((resolve, reject) => s.once('error', reject).listen(0, host, () => resolve(s.address().port)))
  const hubOrigin = `http://${HUB_HOST}:${await listen(hub, HUB_HOST)}`
  const cdnOrigin = `http://${CDN_HOST}:${await listen(cdnServer, CDN_HOST)}`

  function handle(role, req, res) {
    counters[role].requests++
    const entry = { role, method: req.method, path: req.url, range: req.headers.range, status: 0, bytes: 0 }
    log.push(entry)
    const count = (n) => {
      counters[role].bytes += n
      entry.bytes += n
    }
    res.on('finish', () => (entry.status = res.statusCode))
    req.resume()
    setTimeout(() => {
      try {
        route(role, req, res, count)
      } catch (err) {
        res.destroy(err)
      }
    }, latencyMs)
  }

  function route(role, req, res, count) {
    const url = new URL(req.url, 'http://x')
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' })
    if (role === 'cdn') {
      const obj = cdn.get(url.pathname)
      return obj ? serveObject(req, res, obj, {}, count, settings.multiRange) : count(notFound(res, 'EntryNotFound', 'no such object'))
    }
    const file = files.get(url.pathname)
    if (file) return serveObject(req, res, file, {}, count, settings.multiRange)
    const path = url.pathname.split('/').map(decodeURIComponent)
    // /api/models/{org}/{name}/revision/{rev} and /api/models/{org}/{name}/tree/{sha}[/{folder}]
    if (path[1] === 'api' && path[2] === 'models') {
      const repo = repos.get(`${path[3]}/${path[4]}`)
      if (!repo) return count(json(res, 401, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' }))
      if (path[5] === 'revision' && path.length === 7) {
        if (path[6] !== repo.revision && path[6] !== repo.sha) return count(notFound(res, 'RevisionNotFound', `Invalid rev id: ${path[6]}`))
        return count(json(res, 200, { _id: repo.sha.slice(0, 24), id: repo.id, sha: repo.sha }))
      }
      if (path[5] === 'tree' && path.length >= 7) {
        if (path[6] !== repo.sha && path[6] !== repo.revision) return count(notFound(res, 'RevisionNotFound', `Invalid rev id: ${path[6]}`))
        const folder = path.slice(7).join('/')
        const recursive = ['true', '1'].includes(url.searchParams.get('recursive') ?? '')
        const list = repo.tree.filter((e) => {
          const rel = folder === '' ? e.path : e.path.startsWith(`${folder}/`) ? e.path.slice(folder.length + 1) : null
          return rel !== null && (recursive || !rel.includes('/'))
        })
        return count(json(res, 200, list))
      }
      return count(notFound(res, 'EntryNotFound', 'unknown API'))
    }
    // /{org}/{name}/resolve/{rev}/{path…}: small files directly, LFS files by a 302 to the CDN.
    if (path[3] === 'resolve' && path.length >= 6) {
      const repo = repos.get(`${path[1]}/${path[2]}`)
      if (!repo) return count(json(res, 401, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' }))
      if (path[4] !== repo.sha && path[4] !== repo.revision) return count(notFound(res, 'RevisionNotFound', `Invalid rev id: ${path[4]}`))
      const e = repo.entries.get(path.slice(5).join('/'))
      if (!e) return count(notFound(res, 'EntryNotFound', `${path.slice(5).join('/')} does not exist`))
      const common = { 'x-repo-commit': repo.sha }
      if (!e.lfs) return serveObject(req, res, e.obj, common, count, settings.multiRange)
      const signed = `${cdnOrigin}/cdn/${e.lfs.oid}?X-Amz-Expires=3600&X-Amz-Signature=${hex(`${e.lfs.oid}sig`, 'sha1')}`
      res.writeHead(302, { ...common, location: signed, 'x-linked-size': String(e.lfs.size), 'x-linked-etag': `"${e.lfs.oid}"`, etag: `"${hex(e.path, 'sha1')}"`, 'content-length': '0' })
      return res.end()
    }
    return count(notFound(res, 'EntryNotFound', 'not found'))
  }

  return {
    hubOrigin,
    cdnOrigin,
    /** Serves `spec` ({disk} or {data}) by ranges at `hubOrigin + urlPath`; returns the URL and size. */
    addFile(urlPath, spec) {
      const obj = object(spec)
      files.set(urlPath, obj)
      return { url: `${hubOrigin}${urlPath}`, size: obj.size }
    },
    /** Adds a model repo `org/name` at `revision` (default 'main'); files: [{path, disk | data, lfs}]. Returns {sha, size, url(path)}. */
    addRepo(id, repoFiles, revision = 'main') {
      const repo = makeRepo(id, repoFiles, revision)
      repos.set(id, repo)
      for (const e of repo.entries.values()) if (e.lfs) cdn.set(`/cdn/${e.lfs.oid}`, e.obj)
      const size = [...repo.entries.values()].reduce((n, e) => n + e.obj.size, 0)
      return { sha: repo.sha, size, files: repo.entries.size, url: (path) => `${hubOrigin}/${id}/resolve/${repo.sha}/${path.split('/').map(encodeURIComponent).join('/')}` }
    },
    /** Multi-range requests answered with their parts (nginx, Apache) or with the whole object (S3). */
    setMultiRange(on) {
      settings.multiRange = on
    },
    /** Requests and body bytes per listener since the last reset, and the request log. */
    stats() {
      const total = { requests: counters.hub.requests + counters.cdn.requests, bytes: counters.hub.bytes + counters.cdn.bytes }
      return { ...total, hub: { ...counters.hub }, cdn: { ...counters.cdn }, log: [...log] }
    },
    reset() {
      for (const c of Object.values(counters)) c.requests = c.bytes = 0
      log = []
    },
    close() {
      return Promise.all(
        [hub, cdnServer].map(
          (s) =>
            new Promise((resolve) => {
              s.closeAllConnections()
              s.close(() => resolve())
            })
        )
      )
    }
  }
}
