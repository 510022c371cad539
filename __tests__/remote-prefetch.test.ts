// Fetching ahead over HTTP: a zip's local headers and HDF5 signature probes in one
// multi-range request where the server answers those with their parts (nginx, Apache), a few
// requests at a time where it sends the whole object instead (S3) — same findings either way.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { byterangesBoundary, parseByteranges } from '../src/remote/multipart.js'
import { planPrefetch } from '../src/remote/prefetch.js'
import { DEFAULT_HTTP, HttpClient } from '../src/remote/http.js'
import { openHttpSource } from '../src/remote/http-source.js'
import { scanRemote } from '../src/remote/scan-remote.js'
import { scanOpenSource } from '../src/scan/scan.js'
import { bufferSource } from '../src/scan/source.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { writeZip } from '../__fixtures__/zip-writer.js'
import { BOUNDARY, serveBytes, startServer, type Loopback, type RangeOptions } from './helpers/loopback.js'

const client = new HttpClient({ ...DEFAULT_HTTP, retries: 0 })
const KiB = 1024

describe('multipart/byteranges', () => {
  const part = (start: number, data: string, total = 100) => `--b\r\nContent-Type: x\r\nContent-Range: bytes ${start}-${start + data.length - 1}/${total}\r\n\r\n${data}\r\n`

  test('boundary from the Content-Type', () => {
    expect(byterangesBoundary('multipart/byteranges; boundary=THIS')).toBe('THIS')
    expect(byterangesBoundary('Multipart/ByteRanges;boundary="a b"')).toBe('a b')
    expect(byterangesBoundary('multipart/mixed; boundary=x')).toBeNull()
    expect(byterangesBoundary('application/octet-stream')).toBeNull()
    expect(byterangesBoundary(null)).toBeNull()
  })

  test('parts by their Content-Range length, even when the data holds the boundary', () => {
    const body = Buffer.from(`preamble\r\n${part(10, 'ab\r\n--b\r\nx')}${part(50, 'xyz')}--b--\r\n`)
    expect(parseByteranges(body, 'b')?.map((p) => [p.start, Buffer.from(p.bytes).toString(), p.total])).toEqual([
      [10, 'ab\r\n--b\r\nx', 100],
      [50, 'xyz', 100]
    ])
  })

  test.each([
    ['no delimiter', 'garbage'],
    ['no closing delimiter', part(0, 'ab')],
    ['data shorter than its range', '--b\r\nContent-Range: bytes 0-9/100\r\n\r\nabc\r\n--b--'],
    ['no Content-Range', '--b\r\nContent-Type: x\r\n\r\nabc\r\n--b--'],
    ['a range past its total', '--b\r\nContent-Range: bytes 0-2/2\r\n\r\nabc\r\n--b--'],
    ['an unknown total', '--b\r\nContent-Range: bytes 0-2/*\r\n\r\nabc\r\n--b--'],
    ['no CRLF after the data', '--b\r\nContent-Range: bytes 0-2/100\r\n\r\nabcX--b--']
  ])('refuses %s', (_, body) => {
    expect(parseByteranges(Buffer.from(body), 'b')).toBeNull()
  })
})

describe('planPrefetch', () => {
  const g = { size: 1000 * KiB, blockSize: 64 * KiB, fragmentMax: 16 * KiB }
  const none = { block: () => false, fragment: () => false }

  test('small ranges exactly (overlapping ones merged), large ones as missing block runs', () => {
    expect(planPrefetch([[300 * KiB, 4096], [100, 4096], [2000, 4096], [600 * KiB, 100 * KiB]], g, none)).toEqual([
      { start: 100, end: 6096, blocks: false },
      { start: 300 * KiB, end: 300 * KiB + 4096, blocks: false },
      { start: 576 * KiB, end: 704 * KiB, blocks: true }
    ])
  })

  test('what is held is not asked again; ranges are clipped to the object', () => {
    const known = { block: (i: number) => i === 0, fragment: (start: number, length: number) => start === 300 * KiB && length <= 4096 }
    expect(planPrefetch([[100, 4096], [300 * KiB, 4096], [990 * KiB, 100 * KiB], [-5, 0], [2000 * KiB, 10]], g, known)).toEqual([
      { start: 990 * KiB, end: 1000 * KiB, blocks: false }
    ])
  })
})

/** A torch-like stored zip: data.pkl and `count` storages of 200 KiB, every local header in a block of its own. */
function manyMembers(count: number): Buffer {
  const pickle = Buffer.from('\x80\x02}q\x00X\x01\x00\x00\x00aq\x01K\x01s.', 'latin1')
  const storages = Array.from({ length: count }, (_, i) => ({ name: `archive/data/${i}`, data: Buffer.alloc(200 * KiB, i) }))
  return writeZip([{ name: 'archive/data.pkl', data: pickle }, ...storages, { name: 'archive/version', data: Buffer.from('3\n') }])
}

async function serve(bytes: Uint8Array, options: RangeOptions): Promise<Loopback> {
  return startServer((req: IncomingMessage, res: ServerResponse) => serveBytes(req, res, bytes, { etag: '"z1"', ...options }))
}

const ranges = (server: Loopback): string[] => server.requests.map((r) => String(r.headers.range))

describe('a zip with 40 members far apart', () => {
  const zip = manyMembers(40)
  const options = defaultScanOptions()
  let local: Awaited<ReturnType<typeof scanOpenSource>>
  beforeAll(async () => {
    local = await scanOpenSource('m.pt', bufferSource(zip), options)
  })

  test('multi-range server: the local headers, each with the first bytes of its data, come in one request', async () => {
    const server = await serve(zip, { multipart: true })
    try {
      const remote = await scanRemote(client, { path: 'm.pt', url: `${server.origin}/m.pt`, credentials: {} }, options)
      expect({ ...remote, source: undefined }).toEqual({ ...local, source: undefined })
      const multi = ranges(server).filter((r) => r.includes(','))
      expect(multi).toHaveLength(1)
      // 42 headers: data.pkl's and the first storage's lie in the head, version's in the tail.
      expect(multi[0].split(',')).toHaveLength(39)
      expect(multi[0]).toMatch(/^bytes=204907-213098,409751-417942,/) // 4 KiB header window + 4 KiB probe
      expect(server.requests).toHaveLength(3) // head, tail, the headers
      expect(remote.source?.requests).toBe(3)
      expect(remote.source!.bytes).toBeLessThan(500 * KiB)
    } finally {
      await server.close()
    }
  })

  test('a server that answers multi-range requests with the whole object (S3): refused once, then one request per header, same findings', async () => {
    const server = await serve(zip, {})
    try {
      const remote = await scanRemote(client, { path: 'm.pt', url: `${server.origin}/m.pt`, credentials: {} }, options)
      expect({ ...remote, source: undefined }).toEqual({ ...local, source: undefined })
      expect(ranges(server).filter((r) => r.includes(','))).toHaveLength(1) // asked once, never again
      expect(server.requests).toHaveLength(3 + 39) // head, tail, the refused request, one per header
      // The refused answer was dropped at once, not downloaded.
      expect(remote.source!.bytes).toBeLessThan(500 * KiB)
      // The client remembers the refusal for that origin: the next file does not ask again.
      const again = await scanRemote(client, { path: 'm.pt', url: `${server.origin}/again.pt`, credentials: {} }, options)
      expect(again.source?.requests).toBe(2 + 39)
      expect(ranges(server).filter((r) => r.includes(','))).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})

describe('prefetch on the source', () => {
  const bytes = Buffer.alloc(2048 * KiB)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff

  test('exact fragments served without a request; a read outside them fetches as before', async () => {
    const server = await serve(bytes, { multipart: true })
    try {
      const source = await openHttpSource(client, `${server.origin}/f`)
      await source.prefetch([[500 * KiB, 4096], [900 * KiB, 8], [1500 * KiB, 4096]])
      expect(ranges(server)).toEqual(['bytes=0-65535', `bytes=${500 * KiB}-${500 * KiB + 4095},${900 * KiB}-${900 * KiB + 7},${1500 * KiB}-${1500 * KiB + 4095}`])
      expect(server.requests[1].headers['if-range']).toBe('"z1"')
      expect(Buffer.from(await source.read(900 * KiB, 8))).toEqual(bytes.subarray(900 * KiB, 900 * KiB + 8))
      expect(Buffer.from(await source.read(1500 * KiB, 30))).toEqual(bytes.subarray(1500 * KiB, 1500 * KiB + 30))
      expect(server.requests).toHaveLength(2)
      await source.read(700 * KiB, 10)
      expect(server.requests).toHaveLength(3)
      expect(source.failure).toBeUndefined()
      await source.close()
    } finally {
      await server.close()
    }
  })

  test('parts from another version of the object are not kept; the read then fails as changed', async () => {
    let version = '"v1"'
    const server = await startServer((req, res) => {
      const answer = serveBytes(req, res, bytes, { etag: version, multipart: true })
      version = '"v2"'
      return answer
    })
    try {
      const source = await openHttpSource(client, `${server.origin}/f`)
      await source.prefetch([[500 * KiB, 4096], [1500 * KiB, 4096]])
      await expect(source.read(500 * KiB, 4096)).rejects.toThrow(/changed while it was being read/)
      expect(source.failure?.message).toMatch(/changed while it was being read/)
      await source.close()
    } finally {
      await server.close()
    }
  })

  test('a server that merges the ranges into one part: what it covers is kept', async () => {
    const server = await startServer((req, res) => {
      const range = String(req.headers.range ?? '')
      if (!range.includes(',')) return serveBytes(req, res, bytes, { etag: '"m"' })
      const first = Number(/^bytes=(\d+)/.exec(range)![1])
      const last = Number(/-(\d+)$/.exec(range)![1])
      res.writeHead(206, { etag: '"m"', 'content-range': `bytes ${first}-${last}/${bytes.length}`, 'content-length': String(last - first + 1) })
      res.end(bytes.subarray(first, last + 1))
    })
    try {
      const source = await openHttpSource(client, `${server.origin}/f`)
      await source.prefetch([[100 * KiB, 4096], [120 * KiB, 4096]])
      expect(server.requests).toHaveLength(2)
      expect(Buffer.from(await source.read(120 * KiB, 4096))).toEqual(bytes.subarray(120 * KiB, 124 * KiB))
      expect(server.requests).toHaveLength(2)
      await source.close()
    } finally {
      await server.close()
    }
  })
})

test(`the test server's boundary is what the parser reads`, () => {
  expect(byterangesBoundary(`multipart/byteranges; boundary=${BOUNDARY}`)).toBe(BOUNDARY)
})
