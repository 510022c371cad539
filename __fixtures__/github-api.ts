// A loopback HTTP server that plays the few GitHub REST endpoints the action calls, and
// records every request. Used by unit tests (with a real octokit) and by the end-to-end
// test (GITHUB_API_URL pointing at it).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveBytes } from '../__tests__/helpers/loopback.js'

export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/repos/acme/models/pulls/7/files?per_page=100&page=2`. */
  url: string
  authorization: string | undefined
  body: unknown
}

export interface PullFile {
  filename: string
  status: string
  previous_filename?: string
}

export interface FakeApiOptions {
  /** Served by `GET /repos/{o}/{r}/pulls/{n}/files`, paginated with Link headers like GitHub. */
  pullFiles?: PullFile[]
  /** Served by `GET /repos/{o}/{r}/compare/{basehead}`. */
  compareFiles?: PullFile[]
  /** Status for `POST .../check-runs` and `PATCH .../check-runs/{id}` (default 201/200). */
  checkRunStatus?: number
  /** Status for the files and compare endpoints (default 200). */
  listStatus?: number
  /**
   * Git LFS objects by oid, served through `POST /{o}/{r}.git/info/lfs/objects/batch` (other
   * oids: a per-object 404) and downloaded by ranges from `/lfs-objects/{oid}`, which needs
   * the header the batch answer gives.
   */
  lfsObjects?: Record<string, Uint8Array>
}

export interface FakeApi {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export const CHECK_RUN_ID = 4242

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

const forbidden = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' }

/** The per-object header the fake batch answer hands out; downloads without it are refused. */
export const LFS_SIGNATURE = 'sig-from-batch'

function lfsBatch(res: ServerResponse, base: string, raw: string, objects: Record<string, Uint8Array>): void {
  const request = JSON.parse(raw) as { objects: { oid: string; size: number }[] }
  const answer = request.objects.map(({ oid, size }) =>
    objects[oid] !== undefined
      ? { oid, size, authenticated: true, actions: { download: { href: `${base}/lfs-objects/${oid}`, header: { 'X-Lfs-Signature': LFS_SIGNATURE }, expires_in: 3600 } } }
      : { oid, size, error: { code: 404, message: 'Object does not exist' } }
  )
  res.writeHead(200, { 'content-type': 'application/vnd.git-lfs+json' })
  res.end(JSON.stringify({ transfer: 'basic', objects: answer }))
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const requests: RecordedRequest[] = []
  let base = ''
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', base)
      requests.push({ method: req.method ?? '', url: `${url.pathname}${url.search}`, authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined })
      const path = url.pathname
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.test(path)) {
        if (options.listStatus !== undefined && options.listStatus !== 200) return send(res, options.listStatus, forbidden)
        const files = options.pullFiles ?? []
        const perPage = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        const last = Math.max(1, Math.ceil(files.length / perPage))
        const link = (p: number, rel: string) => `<${base}${path}?per_page=${perPage}&page=${p}>; rel="${rel}"`
        const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : []
        return send(res, 200, files.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {})
      }
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/compare\/[^/]+$/.test(path)) {
        if (options.listStatus !== undefined && options.listStatus !== 200) return send(res, options.listStatus, forbidden)
        return send(res, 200, { status: 'ahead', files: options.compareFiles ?? [] })
      }
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
        const status = options.checkRunStatus ?? 201
        return send(res, status, status < 300 ? { id: CHECK_RUN_ID } : forbidden)
      }
      if (req.method === 'PATCH' && /^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/.test(path)) {
        const status = options.checkRunStatus ?? 200
        return send(res, status < 300 ? 200 : status, status < 300 ? { id: CHECK_RUN_ID } : forbidden)
      }
      if (req.method === 'POST' && /^\/[^/]+\/[^/]+\.git\/info\/lfs\/objects\/batch$/.test(path)) return lfsBatch(res, base, raw, options.lfsObjects ?? {})
      const object = /^\/lfs-objects\/([0-9a-f]{64})$/.exec(path)
      if (req.method === 'GET' && object !== null && options.lfsObjects?.[object[1]] !== undefined && req.headers['x-lfs-signature'] === LFS_SIGNATURE) {
        return serveBytes(req, res, options.lfsObjects[object[1]])
      }
      send(res, 404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections() // keep-alive sockets would hold close() open
      })
  }
}
