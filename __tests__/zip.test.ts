import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { deflateRawSync } from 'node:zlib'
import type { Finding } from '../src/scan/findings.js'
import { DEFAULT_LIMITS } from '../src/scan/policy.js'
import { bufferSource, type ChunkStream, type Source } from '../src/scan/source.js'
import {
  MAX_SEARCH_BYTES,
  MAX_ZIP_ENTRIES,
  memberReadFindings,
  minizArchivePrefix,
  minizLookup,
  openMember,
  pythonLookup,
  readZip,
  type ZipMember
} from '../src/scan/zip/index.js'

const EVIL = Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')
const BENIGN = Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e])

function fixture(name: string): Source {
  return bufferSource(readFileSync(new URL(`../fixtures/zip/${name}`, import.meta.url)))
}

async function read(name: string, entry?: string) {
  return readZip(fixture(name), { entry, limits: DEFAULT_LIMITS })
}

/** The contract fields of each finding, in order. */
function brief(findings: Finding[]) {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, entry: f.location?.entry, offset: f.location?.offset }))
}

const A = (entry: string | undefined, offset: number) => ({ rule: 'zip/anomaly', severity: 'high', entry, offset })
const I = (entry: string | undefined, offset: number) => ({ rule: 'scan/incomplete', severity: 'high', entry, offset })

async function drain(stream: ChunkStream): Promise<{ bytes: Buffer; largest: number }> {
  const parts: Uint8Array[] = []
  let largest = 0
  for (let c = await stream.next(); c; c = await stream.next()) {
    parts.push(c)
    largest = Math.max(largest, c.length)
  }
  return { bytes: Buffer.concat(parts), largest }
}

function member(members: ZipMember[], label: string): ZipMember {
  const m = members.find((x) => x.label === label)
  if (!m) throw new Error(`no member ${label}`)
  return m
}

describe('benign archives', () => {
  test.each(['benign_torch_stored.zip', 'benign_deflated.zip', 'benign_streamed.zip'])('%s: no findings, all views agree', async (name) => {
    const z = await read(name)
    expect(z.isZip).toBe(true)
    expect(z.findings).toEqual([])
    expect(z.views.miniz.rejected).toBeUndefined()
    expect(z.views.python.rejected).toBeUndefined()
    for (const m of z.members) expect(m.views.sort()).toEqual(['miniz', 'python', 'walk'])
  })

  test('torch layout: prefix, case-insensitive lookup, stored bytes read in place', async () => {
    const source = fixture('benign_torch_stored.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(minizArchivePrefix(z)).toBe('archive')
    const [pkl] = minizLookup(z, 'ARCHIVE/Data.Pkl')
    expect(pkl.method).toBe(0)
    expect(pkl.dataOffset % 64).toBe(0)
    const reader = openMember(source, pkl, DEFAULT_LIMITS)
    expect((await drain(reader.stream)).bytes).toEqual(BENIGN)
    expect(reader.result()).toMatchObject({ status: 'complete', bytes: 6, crcMatches: true })
    expect(pythonLookup(z, 'ARCHIVE/Data.Pkl')).toBeUndefined()
  })

  test('deflated member inflates to its declared bytes; the prefix is null without a folder', async () => {
    const source = fixture('benign_deflated.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(minizArchivePrefix(z)).toBeNull()
    const npy = pythonLookup(z, 'sub/b.npy')!
    expect(npy.method).toBe(8)
    const reader = openMember(source, npy, DEFAULT_LIMITS)
    const { bytes } = await drain(reader.stream)
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY')
    expect(bytes.length).toBe(npy.uncompSize)
    expect(reader.result()).toMatchObject({ status: 'complete', crcMatches: true })
    expect(memberReadFindings(npy, reader.result())).toEqual([])
  })
})

describe('malicious archives', () => {
  test('local header name differs from the central directory', async () => {
    const z = await read('local_name_mismatch.zip')
    expect(brief(z.findings)).toEqual([A('archive/data.pkl', 0)])
    expect(z.findings[0].message).toContain('"archive/evil.pkl"')
    expect(z.findings[0].entries).toEqual(['archive/data.pkl', 'archive/evil.pkl'])
    expect(z.members).toHaveLength(1)
    expect(z.members[0].localName).toBe('archive/evil.pkl')
  })

  test('CRC mismatch is found when the member is read', async () => {
    const source = fixture('crc_mismatch.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(z.findings).toEqual([])
    const reader = openMember(source, z.members[0], DEFAULT_LIMITS)
    expect((await drain(reader.stream)).bytes).toEqual(EVIL)
    expect(reader.result()).toMatchObject({ status: 'complete', crcMatches: false })
    expect(brief(memberReadFindings(z.members[0], reader.result()))).toEqual([A('archive/data.pkl', 0)])
  })

  test('data descriptor with zeroed local sizes hiding a local header', async () => {
    const source = fixture('descriptor_hidden.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(brief(z.findings)).toEqual([A('archive/readme.txt', 0), A('archive/data.pkl', 48)])
    expect(z.findings[1].message).toContain('inside the data of "archive/readme.txt"')
    const hidden = z.members.find((m) => m.localOffset === 48)!
    expect(hidden.views).toEqual(['walk'])
    expect((await drain(openMember(source, hidden, DEFAULT_LIMITS).stream)).bytes).toEqual(EVIL)
  })

  test('local header listed by no central directory', async () => {
    const source = fixture('hidden_entry.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(brief(z.findings)).toEqual([A('archive/extra.pkl', 52)])
    const hidden = member(z.members, 'archive/extra.pkl')
    expect(hidden.views).toEqual(['walk'])
    expect((await drain(openMember(source, hidden, DEFAULT_LIMITS).stream)).bytes).toEqual(EVIL)
  })

  test('entry whose local header lies inside another entry', async () => {
    const z = await read('nested_inside.zip')
    expect(brief(z.findings)).toEqual([A('archive/data.pkl', 50)])
    expect(z.findings[0].entries).toEqual(['archive/data.pkl', 'archive/blob'])
    expect(z.members.map((m) => m.label)).toEqual(['archive/blob', 'archive/data.pkl'])
  })

  test('duplicate names: Python takes the last, miniz may take either', async () => {
    const z = await read('duplicate_names.zip')
    expect(brief(z.findings)).toEqual([A('archive/data.pkl', 194)])
    expect(pythonLookup(z, 'archive/data.pkl')?.localOffset).toBe(52)
    expect(minizLookup(z, 'archive/data.pkl').map((m) => m.localOffset)).toEqual([0, 52])
  })

  test('names differing only in case', async () => {
    const z = await read('case_collision.zip')
    expect(brief(z.findings)).toEqual([A('archive/data.pkl', 194)])
    expect(z.findings[0].entries).toEqual(['archive/data.pkl', 'archive/DATA.PKL'])
    expect(minizLookup(z, 'archive/data.pkl').map((m) => m.localOffset)).toEqual([0, 52])
    expect(pythonLookup(z, 'archive/data.pkl')?.localOffset).toBe(0)
  })

  test('prepended data: miniz uses absolute offsets, Python shifts them', async () => {
    const z = await read('prepended.zip')
    expect(z.startsWithLocalHeader).toBe(false)
    expect(brief(z.findings)).toEqual([A(undefined, 228), A(undefined, 0)])
    expect(z.findings[1]).toMatchObject({ prepended: 100 })
    expect(pythonLookup(z, 'data.pkl')?.localOffset).toBe(100)
  })

  test('a copy of the end record in the comment', async () => {
    const z = await read('eocd_in_comment.zip')
    expect(brief(z.findings)).toEqual([A(undefined, 114), A(undefined, 136)])
    expect(z.views.python.rejected).toBe('bad signature in the central directory')
    expect(z.views.miniz.end?.eocd.offset).toBe(136)
  })

  test('an end-record signature in the last 21 bytes', async () => {
    const z = await read('eocd_tail.zip')
    expect(brief(z.findings)).toEqual([A(undefined, 136), A(undefined, 114)])
    expect(z.views.python.rejected).toContain('fewer than 22 bytes')
    expect(z.views.miniz.entries).toHaveLength(1)
  })

  test('Zip64 locator disagreeing with the fixed position', async () => {
    const source = fixture('zip64_locator.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(brief(z.findings)).toEqual([A(undefined, 368), A('archive/data.pkl', 132)])
    expect(z.findings[0]).toMatchObject({ locatorOffset: 194, fixedOffset: 312 })
    const torch = minizLookup(z, 'archive/data.pkl')
    const numpy = pythonLookup(z, 'archive/data.pkl')!
    expect(torch.map((m) => m.localOffset)).toEqual([52])
    expect(numpy.localOffset).toBe(0)
    expect((await drain(openMember(source, torch[0], DEFAULT_LIMITS).stream)).bytes).toEqual(EVIL)
  })

  test('encrypted flag: incomplete, yet the stored bytes are still served for scanning', async () => {
    const source = fixture('encrypted.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(brief(z.findings)).toEqual([I('archive/data.pkl', 0)])
    expect(z.findings[0].message).toContain('encrypted')
    expect((await drain(openMember(source, z.members[0], DEFAULT_LIMITS).stream)).bytes).toEqual(EVIL)
  })

  test('unsupported methods', async () => {
    const source = fixture('unsupported_methods.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    // bzip2 (12) and LZMA (14) are decoded (here: bytes that are neither, so the read fails), AES (99) is not.
    expect(brief(z.findings)).toEqual([I('aes.bin', 123)])
    expect(z.findings.map((f) => f.method)).toEqual([99])
    const results = []
    for (const m of z.members) {
      const reader = openMember(source, m, DEFAULT_LIMITS)
      expect(await reader.stream.next()).toBeNull()
      const { status, error } = reader.result()
      results.push([m.label, status, error])
    }
    expect(results).toEqual([
      ['bzip2.bin', 'corrupt', 'bzip2 stream header is invalid'],
      ['lzma.bin', 'corrupt', 'the zip LZMA header is invalid'],
      ['aes.bin', 'unsupported', 'compression method 99']
    ])
  })

  test('zip bomb: claimed ratio flagged; the decompression cap stops the read in bounded chunks', async () => {
    const source = fixture('zip_bomb.zip')
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(brief(z.findings)).toEqual([A('claims.bin', 16349)])
    const zeros = member(z.members, 'zeros.bin')

    const full = openMember(source, zeros, DEFAULT_LIMITS)
    const all = await drain(full.stream)
    expect(all.bytes.length).toBe(16 << 20)
    expect(all.largest).toBeLessThanOrEqual(1 << 20)
    expect(full.result()).toMatchObject({ status: 'complete', crcMatches: true })

    const limits = { ...DEFAULT_LIMITS, maxDecompressedBytes: 1 << 20 }
    const capped = openMember(source, zeros, limits)
    expect((await drain(capped.stream)).bytes.length).toBe(1 << 20)
    expect(capped.result()).toMatchObject({ status: 'capped', bytes: 1 << 20 })
    expect(brief(memberReadFindings(zeros, capped.result(), 'model.pt'))).toEqual([I('model.pt/zeros.bin', 0)])

    const claims = member(z.members, 'claims.bin')
    const short = openMember(source, claims, DEFAULT_LIMITS)
    expect((await drain(short.stream)).bytes.length).toBe(1 << 20)
    expect(short.result().status).toBe('short')
    expect(brief(memberReadFindings(claims, short.result()))).toEqual([A('claims.bin', 16349)])
  })

  test('truncated central directory: no loader reads it, the walk still finds every entry', async () => {
    const z = await read('truncated_cd.zip')
    expect(brief(z.findings)).toEqual([A(undefined, 279)])
    expect(z.views.miniz.rejected).toBe('the central directory extends past the end of the file')
    expect(z.members.map((m) => [m.label, m.views])).toEqual([
      ['archive/data.pkl', ['walk']],
      ['archive/version', ['walk']],
      ['archive/byteorder', ['walk']]
    ])
  })

  test('NUL in a name: Python cuts it, miniz keeps the raw bytes', async () => {
    const z = await read('nul_name.zip')
    expect(brief(z.findings)).toEqual([A('archive/data.pkl', 85)])
    expect(pythonLookup(z, 'archive/data.pkl')).toBe(z.members[0])
    expect(minizLookup(z, 'archive/data.pkl')).toEqual([])
  })

  test('flag bit 13: miniz refuses the archive, Python reads it', async () => {
    const z = await read('flag13.zip')
    expect(brief(z.findings)).toEqual([A(undefined, 142)])
    expect(z.views.miniz.rejected).toContain('flag bit 13')
    expect(pythonLookup(z, 'archive/data.pkl')?.localOffset).toBe(0)
  })

  test('two directory entries sharing one local header', async () => {
    const z = await read('shared_local.zip')
    expect(brief(z.findings)).toEqual([A('archive/other.pkl', 0), A('archive/data.pkl', 0)])
    expect(z.members).toHaveLength(1)
    expect(z.members[0].names).toEqual(['archive/data.pkl', 'archive/other.pkl'])
  })

  test('end record counting fewer entries than the directory holds', async () => {
    const z = await read('eocd_count.zip')
    expect(brief(z.findings)).toEqual([A('archive/data/0', 130)])
    expect(member(z.members, 'archive/data/0').views.sort()).toEqual(['python', 'walk'])
  })

  test('nested archive path prefixes every location', async () => {
    const z = await read('hidden_entry.zip', 'outer.zip/inner.zip')
    expect(brief(z.findings)).toEqual([A('outer.zip/inner.zip/archive/extra.pkl', 52)])
    const p = await read('prepended.zip', 'outer.zip')
    expect(p.findings.map((f) => f.location?.entry)).toEqual(['outer.zip', 'outer.zip'])
  })
})

/** Minimal writer for cases that need no fixture file. */
function zipOf(entries: { name: Buffer; data: Buffer; method?: number; uncomp?: number; offset?: number }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let pos = 0
  const offsets: number[] = []
  for (const e of entries) {
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(e.method ?? 0, 8)
    h.writeUInt32LE(e.data.length, 18)
    h.writeUInt32LE(e.uncomp ?? e.data.length, 22)
    h.writeUInt16LE(e.name.length, 26)
    offsets.push(pos)
    locals.push(h, e.name, e.data)
    pos += 30 + e.name.length + e.data.length
  }
  for (const [i, e] of entries.entries()) {
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(20, 6)
    c.writeUInt16LE(e.method ?? 0, 10)
    c.writeUInt32LE(e.data.length, 20)
    c.writeUInt32LE(e.uncomp ?? e.data.length, 24)
    c.writeUInt16LE(e.name.length, 28)
    c.writeUInt32LE(e.offset ?? offsets[i], 42)
    centrals.push(c, e.name)
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8)
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(pos, 16)
  return Buffer.concat([...locals, cd, end])
}

/** Bytes [offset, offset + n) of head + `gap` zero bytes + tail. */
function synthesize(offset: number, n: number, head: Uint8Array, gap: number, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; ) {
    const at = offset + i
    if (at < head.length) {
      out[i] = head[at]
      i++
    } else if (at < head.length + gap) {
      i += Math.min(n - i, head.length + gap - at) // already zero
    } else {
      out[i] = tail[at - head.length - gap]
      i++
    }
  }
  return out
}

describe('bounds and hostile input', () => {
  test('hostile names stay quoted data, truncated in messages', async () => {
    const name = Buffer.from(`${'A'.repeat(300)}"\n$(rm -rf /)`)
    const z = await readZip(bufferSource(zipOf([{ name, data: EVIL }, { name, data: BENIGN }])), { limits: DEFAULT_LIMITS })
    expect(z.findings).toHaveLength(1)
    const message = z.findings[0].message
    expect(message).toContain(`"${'A'.repeat(200)}…"`)
    expect(message).not.toContain('\n')
    expect(message).not.toContain('rm -rf')
    expect(z.findings[0].location?.entry).toBe(name.toString())
  })

  test('corrupt deflate data: scan/incomplete after the bytes already produced', async () => {
    const good = deflateRawSync(Buffer.alloc(4096, 7))
    const data = Buffer.concat([good.subarray(0, 4), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])])
    const source = bufferSource(zipOf([{ name: Buffer.from('x.pkl'), data, method: 8, uncomp: 4096 }]))
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    const reader = openMember(source, z.members[0], DEFAULT_LIMITS)
    await drain(reader.stream)
    expect(reader.result().status).toBe('corrupt')
    expect(brief(memberReadFindings(z.members[0], reader.result()))).toEqual([I('x.pkl', 0)])
  })

  test('entry count cap', async () => {
    const name = Buffer.from('a')
    const entries = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, () => ({ name, data: BENIGN, offset: 0 }))
    const bytes = zipOf(entries)
    const z = await readZip(bufferSource(bytes), { limits: DEFAULT_LIMITS })
    const cdStart = bytes.length - 22 - (MAX_ZIP_ENTRIES + 1) * 47
    expect(brief(z.findings.filter((f) => f.rule === 'scan/incomplete'))).toEqual([I(undefined, cdStart), I(undefined, cdStart - 37)])
    expect(z.findings.filter((f) => f.rule === 'scan/incomplete').map((f) => f.message)).toEqual([
      `the central directory has more than ${MAX_ZIP_ENTRIES} entries: the rest were not analysed`,
      `more than ${MAX_ZIP_ENTRIES} local headers: the rest were not analysed`
    ])
    expect(z.views.python.entries).toHaveLength(MAX_ZIP_ENTRIES)
  }, 30_000)

  test('a 1 GiB stored member costs only the tail, directory and local header reads', async () => {
    const GiB = 1024 ** 3
    const name = Buffer.from('archive/data/0')
    const real = zipOf([
      { name: Buffer.from('archive/data.pkl'), data: BENIGN },
      { name, data: Buffer.alloc(0) }
    ])
    // Grow the second member to 1 GiB: the source synthesises its (zero) data without storing it.
    const head = Buffer.from(real.subarray(0, 52 + 30 + name.length))
    head.writeUInt32LE(GiB, 52 + 18)
    head.writeUInt32LE(GiB, 52 + 22)
    const tail = Buffer.from(real.subarray(head.length))
    const cd = tail.subarray(0, tail.length - 22)
    cd.writeUInt32LE(GiB, 46 + 16 + 20)
    cd.writeUInt32LE(GiB, 46 + 16 + 24)
    tail.writeUInt32LE(head.length + GiB, tail.length - 6)
    const size = head.length + GiB + tail.length
    let bytesRead = 0
    const source: Source = {
      size,
      async read(offset, length) {
        const n = Math.max(0, Math.min(length, size - offset))
        bytesRead += n
        return synthesize(offset, n, head, GiB, tail)
      }
    }
    const started = Date.now()
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(z.findings).toEqual([])
    expect(member(z.members, 'archive/data/0').compSize).toBe(GiB)
    expect(bytesRead).toBeLessThan(100_000)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  test('junk where a header should be: the signature search is bounded', async () => {
    const gap = MAX_SEARCH_BYTES + (1 << 20)
    const real = zipOf([{ name: Buffer.from('a.pkl'), data: BENIGN }])
    const head = real.subarray(0, 41)
    const tail = Buffer.from(real.subarray(41))
    // The directory and end record move behind the junk; the local header still says 6 bytes.
    tail.writeUInt32LE(41 + gap, tail.length - 6)
    const size = head.length + gap + tail.length
    const source: Source = { size, read: async (o, l) => synthesize(o, Math.max(0, Math.min(l, size - o)), head, gap, tail) }
    const z = await readZip(source, { limits: DEFAULT_LIMITS })
    expect(z.views.walk.capped).toBe('search')
    expect(brief(z.findings)).toEqual([I(undefined, 41 + MAX_SEARCH_BYTES)])
  }, 30_000)

  test('not a zip', async () => {
    const z = await readZip(bufferSource(Buffer.from('just some text, no archive here')), { limits: DEFAULT_LIMITS })
    expect(z).toMatchObject({ isZip: false, members: [], findings: [] })
  })
})
