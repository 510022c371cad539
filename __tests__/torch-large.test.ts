// A deflated torch zip whose data.pkl carries a 300 MiB BINBYTES8 and, after it, the payload.
// Generated at runtime (streamed to a temp file, never held in memory): the scanner must inflate
// and walk the whole member as a stream, find the tail payload, and stay below 200 MiB of memory.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { crc32, createDeflateRaw } from 'node:zlib'
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanFile } from '../src/scan/scan.js'

const PAYLOAD_BYTES = 300 * 1024 * 1024
const NAME = Buffer.from('archive/data.pkl')
const TAIL = Buffer.from('0cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')
const HEAD = Buffer.concat([Buffer.from([0x80, 0x04, 0x8e]), Buffer.from(new BigUint64Array([BigInt(PAYLOAD_BYTES)]).buffer)])
const CHUNK = Buffer.alloc(4 << 20, 0x41)

let dir: string
let path: string

/** Writes the zip record by record; the deflate output is written as it comes. */
async function writeZip(file: string): Promise<void> {
  const fd = openSync(file, 'w')
  let pos = 30 + NAME.length
  let crc = 0
  let compressed = 0
  const deflate = createDeflateRaw({ level: 1 })
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('data', (chunk: Buffer) => {
      writeSync(fd, chunk, 0, chunk.length, pos)
      pos += chunk.length
      compressed += chunk.length
    })
    deflate.on('end', resolve)
    deflate.on('error', reject)
  })
  const push = async (data: Buffer) => {
    crc = crc32(data, crc)
    if (!deflate.write(data)) await new Promise((r) => deflate.once('drain', r))
  }
  await push(HEAD)
  for (let left = PAYLOAD_BYTES; left > 0; left -= CHUNK.length) await push(left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left))
  await push(TAIL)
  deflate.end()
  await done
  const size = HEAD.length + PAYLOAD_BYTES + TAIL.length
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(compressed, 18)
  local.writeUInt32LE(size, 22)
  local.writeUInt16LE(NAME.length, 26)
  writeSync(fd, Buffer.concat([local, NAME]), 0, 30 + NAME.length, 0)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(compressed, 20)
  central.writeUInt32LE(size, 24)
  central.writeUInt16LE(NAME.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(46 + NAME.length, 12)
  end.writeUInt32LE(pos, 16)
  writeSync(fd, Buffer.concat([central, NAME, end]), 0, 46 + NAME.length + 22, pos)
  closeSync(fd)
}

beforeAll(async () => {
  dir = mkdtempSync(`${tmpdir()}/modelgate-large-`)
  path = `${dir}/model.pt`
  await writeZip(path)
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('the payload after a 300 MiB BINBYTES8 in a deflated data.pkl is found, in bounded memory', async () => {
  global.gc?.()
  const base = process.memoryUsage().rss
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const started = Date.now()
  const report = await scanFile(path, defaultScanOptions())
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const seconds = (Date.now() - started) / 1000
  const grewMiB = (peak - base) / 2 ** 20
  process.stdout.write(`300 MiB BINBYTES8, deflated: ${seconds.toFixed(1)} s, RSS +${grewMiB.toFixed(0)} MiB (peak ${(peak / 2 ** 20).toFixed(0)} MiB)\n`)
  expect(report.format).toBe('pytorch-zip')
  expect(report.findings.map((f) => [f.rule, f.severity, f.location?.entry, f.location?.offset, f.global])).toEqual([
    // Constant filler compresses far beyond 100:1: the reader's bomb heuristic notes it, the scan still reads it all.
    ['zip/anomaly', 'high', 'archive/data.pkl', 0, undefined],
    ['pickle/dangerous-global', 'critical', 'archive/data.pkl', HEAD.length + PAYLOAD_BYTES + 1, 'posix.system']
  ])
  expect(grewMiB).toBeLessThan(200)
}, 300_000)
