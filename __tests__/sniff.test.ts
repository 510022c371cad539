import { readFileSync } from 'node:fs'
import { bufferSource } from '../src/scan/source.js'
import { sniff, sniffCompression } from '../src/scan/sniff.js'

const sniffFile = (path: string) => sniff(bufferSource(readFileSync(path)))

describe('content decides, whatever the name', () => {
  test.each([
    ['sniff/pickle-named.txt', { kind: 'pickle' }],
    ['sniff/notes.pkl', { kind: 'other', notPickle: { offset: 0, reason: 'pickle data was truncated inside BINSTRING' } }],
    ['sniff/readme.md', { kind: 'other', notPickle: { offset: 0, reason: 'invalid load key 0x23' } }],
    ['sniff/data.json', { kind: 'other', notPickle: { offset: 0, reason: 'invalid load key 0x7b' } }],
    ['sniff/archive.bin', { kind: 'zip' }],
    ['sniff/stored.pkl.zip', { kind: 'zip' }],
    ['sniff/array.dat', { kind: 'numpy' }],
    ['sniff/weights.gguf.bin', { kind: 'gguf' }],
    ['sniff/userblock.h5data', { kind: 'hdf5', hdf5Offset: 512 }],
    ['sniff/model.pkl.gz', { kind: 'compressed', compression: 'gzip' }],
    ['sniff/table.csv.gz', { kind: 'compressed', compression: 'gzip' }],
    ['sniff/data.bz2', { kind: 'compressed', compression: 'bz2' }],
    ['sniff/data.xz', { kind: 'compressed', compression: 'xz' }],
    ['sniff/data.zlib', { kind: 'compressed', compression: 'zlib' }],
    ['sniff/empty.pt', { kind: 'empty' }],
    ['lfs/model.safetensors', { kind: 'lfs-pointer' }],
    ['lfs/crlf.bin', { kind: 'lfs-pointer' }],
    ['lfs/bad-oid.pt', { kind: 'other', notPickle: { offset: 0, reason: 'invalid load key 0x76' } }]
  ])('%s', async (name, expected) => {
    expect(await sniffFile(`fixtures/${name}`)).toEqual(expected)
  })
})

describe('magic numbers', () => {
  const b = (...bytes: number[]) => new Uint8Array(bytes)
  test.each([
    [b(0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e), 'pickle'], // protocol 2 `{}`
    [b(0x80, 0x05, 0x95, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x2e), 'pickle'], // protocol 5 with FRAME
    [new TextEncoder().encode('cos\nsystem\n(S"echo"\ntR.'), 'pickle'], // protocol 0, no PROTO
    [new TextEncoder().encode('(dp0\n.'), 'pickle'],
    [b(0x50, 0x4b, 0x03, 0x04, 0, 0), 'zip'],
    [b(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0), 'numpy'],
    [b(0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0), 'gguf'],
    [b(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a), 'hdf5'],
    // Polyglots: a pickle whose first bytes also spell a weaker signature is a pickle.
    [new TextEncoder().encode("(S'echo hi'\nios\nsystem\n."), 'pickle'], // `(S` is a valid zlib header
    [new Uint8Array([...new TextEncoder().encode('GGUF'), 3, 0, 0, 0, 0x30, ...new TextEncoder().encode('cos\nsystem\n.')]), 'pickle'], // BINFLOAT "GGUF\x03\0\0\0", POP
    [new TextEncoder().encode('The quick brown fox'), 'other'],
    [new TextEncoder().encode('name,value\n1,2\n'), 'other']
  ])('%#: %s', async (bytes, kind) => {
    expect((await sniff(bufferSource(bytes))).kind).toBe(kind)
  })

  test.each([
    [[0x1f, 0x8b, 8, 0], 'gzip'],
    [[0x78, 0x9c, 0, 0], 'zlib'],
    [[0x78, 0x01, 0, 0], 'zlib'],
    [[0x42, 0x5a, 0x68, 0x39], 'bz2'],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
    [[0x5d, 0x00, 0x00, 0x80], 'lzma'],
    [[0x04, 0x22, 0x4d, 0x18], 'lz4'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z'],
    [[0x5a, 0x46, 0x30, 0x78], 'joblib-zf'],
    [[0x78, 0x9d, 0, 0], undefined], // 'x' without a valid zlib header checksum
    [[0x41, 0x42], undefined]
  ])('compression %j -> %s', (bytes, expected) => {
    expect(sniffCompression(new Uint8Array(bytes))).toBe(expected)
  })

  test('a first text argument longer than the head is followed to its newline', async () => {
    const payload = new TextEncoder().encode('\n0cos\nsystem\n.')
    const line = new Uint8Array(100_000).fill(0x61) // 'a'
    const pickle = new Uint8Array([0x56, ...line, ...payload]) // UNICODE 'aaa…', POP, GLOBAL os.system
    expect(await sniff(bufferSource(pickle))).toEqual({ kind: 'pickle' })
    const text = new Uint8Array([0x56, ...line]) // no newline at all: a loader fails, nothing runs
    expect(await sniff(bufferSource(text))).toEqual({ kind: 'other', notPickle: { offset: 0, reason: 'the text argument of UNICODE has no newline before the end of the file' } })
    const prose = new TextEncoder().encode(`Very long line ${'x'.repeat(100_000)}\nand more\n`)
    expect(await sniff(bufferSource(prose))).toEqual({ kind: 'other', notPickle: { offset: 100_016, reason: 'APPEND needs more stack items than the data before it pushed' } })
  })

  test('HDF5 signature past the head is found with a positioned read', async () => {
    const bytes = new Uint8Array(128 * 1024 + 16)
    bytes.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 128 * 1024)
    expect(await sniff(bufferSource(bytes))).toEqual({ kind: 'hdf5', hdf5Offset: 128 * 1024 })
  })
})
