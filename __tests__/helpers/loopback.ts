// Loopback HTTP servers for the remote tests: every request is recorded (method, path,
// headers) so tests assert what was sent, not only what was found. 127.0.0.1 and 127.0.0.2
// are two host names on one machine: a redirect between them leaves the origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  /** Path and query as requested. */
  path: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

export interface Loopback {
  /** `http://host:port`, no trailing slash. */
  origin: string
  requests: Recorded[]
  close(): Promise<void>
}

export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<Loopback> {
  const requests: Recorded[] = []
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (d: Buffer) => parts.push(d))
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8')
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      // A handler that throws (synchronously or not) ends the connection instead of the test process.
      Promise.resolve()
        .then(() => handler(req, res, body))
        .catch((err: unknown) => {
          res.destroy(err as Error)
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export interface RangeOptions {
  etag?: string
  /** Answer 200 with the whole body whatever the Range says. */
  ignoreRange?: boolean
  /**
   * Answer multi-range requests with `multipart/byteranges` (as nginx and Apache do). Without
   * it a multi-range request gets the whole object (200), as S3 answers it.
   */
  multipart?: boolean
}

export const BOUNDARY = 'modelgate-test-boundary'

/** The parts of a multi-range request (`bytes=a-b,c-d,...`), or null when one is invalid. */
function parseRanges(header: string, size: number): [number, number][] | null {
  const specs = header.trim().replace(/^bytes=/, '').split(',')
  const out: [number, number][] = []
  for (const spec of specs) {
    const one = parseRange(`bytes=${spec.trim()}`, size)
    if (one === null || one === 'unsatisfiable') return null
    out.push(one)
  }
  return out
}

function serveParts(res: ServerResponse, bytes: Uint8Array, parts: [number, number][], headers: Record<string, string>): void {
  const chunks: Buffer[] = []
  for (const [start, end] of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${start}-${end - 1}/${bytes.length}\r\n\r\n`))
    chunks.push(Buffer.from(bytes.subarray(start, end)), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  const body = Buffer.concat(chunks)
  res.writeHead(206, { ...headers, 'content-type': `multipart/byteranges; boundary=${BOUNDARY}`, 'content-length': String(body.length) })
  res.end(body)
}

/** Parses `bytes=a-b`, `bytes=a-`, `bytes=-n` against `size`: [start, end) or 'unsatisfiable'. */
export function parseRange(header: string, size: number): [number, number] | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (m === null || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const n = Number(m[2])
    return n === 0 ? 'unsatisfiable' : [Math.max(0, size - n), size]
  }
  const start = Number(m[1])
  if (start >= size) return 'unsatisfiable'
  const end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1)
  return end <= start ? null : [start, end]
}

/** Answers GETs of `bytes` as a static-file server does: 206 for ranges, 416 past the end. */
export function serveBytes(req: IncomingMessage, res: ServerResponse, bytes: Uint8Array, options: RangeOptions = {}): void {
  const headers: Record<string, string> = { 'accept-ranges': options.ignoreRange === true ? 'none' : 'bytes' }
  if (options.etag !== undefined) headers.etag = options.etag
  const range = req.headers.range
  if (range !== undefined && range.includes(',') && options.multipart === true && options.ignoreRange !== true) {
    const parts = parseRanges(range, bytes.length)
    if (parts !== null) return serveParts(res, bytes, parts, headers)
  }
  const parsed = range === undefined || options.ignoreRange === true ? null : parseRange(range, bytes.length)
  if (parsed === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${bytes.length}` })
    res.end()
  } else if (parsed === null) {
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) })
    res.end(bytes)
  } else {
    const [start, end] = parsed
    res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end - 1}/${bytes.length}`, 'content-length': String(end - start) })
    res.end(bytes.subarray(start, end))
  }
}
