// The safetensors scanner over the committed fixtures (fixtures/gen_safetensors.py):
// every fixture's exact rule ids, the tensor and numbers in messages, the summary,
// and what the scanner reads.
import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ScanContext } from '../src/scan/context.js'
import type { Finding } from '../src/scan/findings.js'
import { scanSafetensors } from '../src/scan/formats/safetensors.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource, openFileSource, type Source } from '../src/scan/source.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'safetensors')
const ctx: ScanContext = { options: defaultScanOptions(), depth: 0 }

interface Expected {
  /** Rule ids of all findings, in order. */
  rules: string[]
  /** `kind` of each non-canonical finding, in order. */
  kinds?: string[]
  /** The first finding's `tensor`. */
  tensor?: string
  /** Substrings of the first finding's message. */
  says?: string[]
}

const NC = 'safetensors/non-canonical'

const EXPECTED: Record<string, Expected> = {
  'valid.safetensors': { rules: [] },
  'valid-empty.safetensors': { rules: [] },
  'valid-metadata-only.safetensors': { rules: [] },
  'valid-all-dtypes.safetensors': { rules: ['safetensors/new-dtype'], says: ['F4 (safetensors ≥ 0.6.0)', 'F8_E4M3FNUZ (safetensors ≥ 0.8.0)', 'C64'] },
  'valid-zero-size.safetensors': { rules: [] },
  'valid-zero-first-dim.safetensors': { rules: [] },
  'valid-unsorted.safetensors': { rules: [] },
  'valid-pickle-prefix.safetensors': { rules: [] },
  'valid-proto2-prefix.safetensors': { rules: [] },
  'valid-depth-127.safetensors': { rules: [NC], kinds: ['unknown-field'] },

  'odd-leading-whitespace.safetensors': { rules: [NC], kinds: ['leading-whitespace'] },
  'odd-array-entry.safetensors': { rules: [NC], kinds: ['array-entry'], says: ['tensor "w"'] },
  'odd-map-dtype.safetensors': { rules: [NC], kinds: ['map-dtype'], says: ['tensor "w"'] },
  'odd-unknown-field.safetensors': { rules: [NC], kinds: ['unknown-field'], says: ['2×', 'tensor "w" field "Dtype"', 'tensor "w" field "evil"'] },
  'odd-duplicate-tensor.safetensors': { rules: [NC], kinds: ['duplicate-tensor'], says: ['keeps the last', 'tensor "w"'] },
  'odd-duplicate-metadata-key.safetensors': { rules: [NC], kinds: ['duplicate-key'], says: ['`__metadata__` key "k"'] },
  'odd-duplicate-nested-key.safetensors': { rules: [NC, NC], kinds: ['duplicate-key', 'unknown-field'], says: ['tensor "w" field "x" › "b" › "0" › "c"'] },
  'odd-null-metadata.safetensors': { rules: [NC], kinds: ['null-metadata'] },
  'odd-escaped-metadata-key.safetensors': { rules: [NC], kinds: ['escaped-metadata-key'] },
  'suspicious-metadata.safetensors': {
    rules: ['safetensors/suspicious-metadata', 'safetensors/suspicious-metadata'],
    says: ['look like code', '"hook"']
  },

  'header-too-small.safetensors': { rules: ['safetensors/header-too-small'], says: ['5 bytes'] },
  'header-too-large.safetensors': { rules: ['safetensors/header-too-large'], says: ['100000001', '100000000'] },
  'invalid-header-length.safetensors': { rules: ['safetensors/invalid-header-length'], says: ['1000 bytes', 'only 2 bytes'] },
  'invalid-utf8-overlong.safetensors': { rules: ['safetensors/invalid-utf8'], says: ['header byte 22', '0xc0'] },
  'invalid-utf8-surrogate.safetensors': { rules: ['safetensors/invalid-utf8'], says: ['header byte 22', '0xed'] },
  'invalid-json-bom.safetensors': { rules: ['safetensors/invalid-json'], says: ['expected value, found byte 0xef'] },
  'invalid-json-nul-padding.safetensors': { rules: ['safetensors/invalid-json'], says: ['trailing characters', 'header byte 2'] },
  'invalid-json-trailing.safetensors': { rules: ['safetensors/invalid-json'], says: ['trailing characters'] },
  'invalid-json-float.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['data_offsets[1] of tensor "w" is 8.0'] },
  'invalid-json-negative.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['shape[0] of tensor "w" is -2'] },
  'invalid-json-u64-overflow.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['18446744073709551616'] },
  'invalid-json-number-range.safetensors': { rules: ['safetensors/invalid-json'], says: ['number out of range'] },
  'invalid-json-depth-128.safetensors': { rules: ['safetensors/invalid-json'], says: ['recursion limit exceeded'] },
  'invalid-json-lone-surrogate.safetensors': { rules: ['safetensors/invalid-json'], says: ['surrogate'] },
  'invalid-json-control-char.safetensors': { rules: ['safetensors/invalid-json'], says: ['control character'] },
  'invalid-json-duplicate-field.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['duplicate field `dtype` in tensor "w"'] },
  'invalid-json-duplicate-metadata.safetensors': { rules: ['safetensors/invalid-json'], says: ['duplicate field `__metadata__`'] },
  'invalid-json-metadata-value.safetensors': { rules: ['safetensors/invalid-json'], says: ['value of "k" is a number'] },
  'invalid-json-metadata-array.safetensors': { rules: ['safetensors/invalid-json'], says: ['`__metadata__` is a list'] },
  'invalid-json-missing-field.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['missing field `data_offsets` in tensor "w"'] },
  'invalid-json-map-dtype-value.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['maps "F32" to an object'] },
  // Rejected JSON gives the error alone: oddities are only reported for a header that parses.
  'invalid-json-array-length.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['list of 4 elements'] },
  'invalid-json-offsets-length.safetensors': { rules: ['safetensors/invalid-json'], tensor: 'w', says: ['has 3 elements'] },
  'invalid-json-not-object.safetensors': { rules: ['safetensors/invalid-json'], says: ['the header is a list'] },
  'invalid-json-syntax-before-dtype.safetensors': { rules: ['safetensors/invalid-json'], says: ['invalid number'] },
  'unknown-dtype.safetensors': { rules: ['safetensors/unknown-dtype'], tensor: 'w', says: ['unknown dtype "f32" for tensor "w"'] },
  'unknown-dtype-map.safetensors': { rules: ['safetensors/unknown-dtype'], tensor: 'w', says: ['unknown dtype "F33"'] },
  'unknown-dtype-then-trailing.safetensors': { rules: ['safetensors/unknown-dtype'], tensor: 'w' },

  'invalid-offset-start.safetensors': { rules: ['safetensors/invalid-offset'], tensor: 'w', says: ['data_offsets [4, 12]', 'must start at 0'] },
  'invalid-offset-hole.safetensors': { rules: ['safetensors/invalid-offset'], tensor: 'b', says: ['[16, 24]', '("a") ends at 8', '8 bytes no tensor covers'] },
  'invalid-offset-overlap.safetensors': { rules: ['safetensors/invalid-offset'], tensor: 'b', says: ['[4, 12]', 'overlaps', 'ends at 8'] },
  'invalid-offset-reversed.safetensors': { rules: ['safetensors/invalid-offset'], tensor: 'w', says: ['[8, 0]', 'end is before the begin'] },
  'invalid-offset-duplicate.safetensors': {
    rules: ['safetensors/invalid-offset', NC],
    kinds: ['duplicate-tensor'],
    tensor: 'v',
    says: ['[8, 16]', 'must start at 0']
  },
  'overflow-shape.safetensors': { rules: ['safetensors/overflow'], tensor: 'w', says: ['shape [4294967296, 4294967296, 0]', 'element count overflows'] },
  'overflow-bits.safetensors': { rules: ['safetensors/overflow'], tensor: 'w', says: ['4611686018427387904 elements × 32 bits'] },
  'misaligned.safetensors': { rules: ['safetensors/misaligned'], tensor: 'w', says: ['F4, shape [3]', '12 bits'] },
  'size-mismatch.safetensors': { rules: ['safetensors/size-mismatch'], tensor: 'w', says: ['needs 8 bytes', '[0, 4] span 4'] },
  'incomplete-buffer-trailing.safetensors': { rules: ['safetensors/incomplete-buffer'], says: ['should be 8 + 56 + 8 = 72 bytes, but it is 76', '4 bytes after the last tensor'] },
  'incomplete-buffer-truncated.safetensors': { rules: ['safetensors/incomplete-buffer'], says: ['= 72 bytes, but it is 68', '4 bytes short'] }
}

async function scanFile(name: string, scanCtx: ScanContext = ctx) {
  const source = await openFileSource(join(DIR, name))
  try {
    return await scanSafetensors(source, scanCtx)
  } finally {
    await source.close()
  }
}

const HIGH_RULE = /^safetensors\/(header-too-small|header-too-large|invalid-header-length|invalid-utf8|invalid-json|unknown-dtype|invalid-offset|overflow|misaligned|size-mismatch|incomplete-buffer)$/

describe('safetensors fixtures', () => {
  it('has an expectation for every generated fixture', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.safetensors'))
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const result = await scanFile(name)
    expect(result.format).toBe('safetensors')
    expect(result.findings.map((f) => f.rule)).toEqual(expected.rules)
    expect(result.findings.filter((f) => f.rule === NC).map((f) => f.kind)).toEqual(expected.kinds ?? [])
    for (const f of result.findings) {
      expect(f.severity).toBe(HIGH_RULE.test(f.rule) ? 'high' : f.rule === NC || f.rule === 'safetensors/suspicious-metadata' ? 'low' : 'info')
      expect(typeof f.location?.offset).toBe('number')
    }
    const first: Finding | undefined = result.findings[0]
    if (expected.tensor !== undefined) expect(first?.tensor).toBe(expected.tensor)
    for (const text of expected.says ?? []) expect(first?.message).toContain(text)
    // Details exactly when the reference accepts the header.
    expect(result.details === undefined).toBe(expected.rules.some((r) => HIGH_RULE.test(r)))
  })
})

describe('summary', () => {
  it('counts tensors, dtypes, parameters and metadata keys', async () => {
    expect((await scanFile('valid.safetensors')).details).toEqual({
      tensors: 2,
      dtypes: { F32: 1, I64: 1 },
      parameters: '7',
      metadataKeys: ['format']
    })
    expect((await scanFile('valid-empty.safetensors')).details).toEqual({ tensors: 0, dtypes: {}, parameters: '0', metadataKeys: [] })
  })

  it('counts a scalar as one element and duplicates once (last wins)', async () => {
    expect((await scanFile('valid-zero-size.safetensors')).details).toEqual({
      tensors: 4,
      dtypes: { F32: 1, F16: 1, U8: 2 },
      parameters: '3',
      metadataKeys: []
    })
    expect((await scanFile('odd-duplicate-tensor.safetensors')).details).toMatchObject({ tensors: 1, dtypes: { F32: 1 } })
    expect((await scanFile('odd-duplicate-metadata-key.safetensors')).details).toMatchObject({ metadataKeys: ['k'] })
    expect((await scanFile('odd-escaped-metadata-key.safetensors')).details).toMatchObject({ tensors: 1, metadataKeys: ['format'] })
  })

  it('keeps parameter counts above 2^53 exact', async () => {
    const header = '{"w":{"dtype":"U8","shape":[0,4294967296,4294967297],"data_offsets":[0,0]},"v":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}}'
    const result = await scanSafetensors(bufferSource(file(header, 3)), ctx)
    expect(result.findings).toEqual([])
    expect(result.details).toMatchObject({ parameters: '3' })
    const big = '{"w":{"dtype":"U8","shape":[9007199254740993],"data_offsets":[0,0]}}'
    // Size mismatch, but the message carries the exact count, not 9007199254740992.
    const rejected = await scanSafetensors(bufferSource(file(big, 0)), ctx)
    expect(rejected.findings[0].message).toContain('needs 9007199254740993 bytes')
  })

  it('lists every dtype found', async () => {
    const result = await scanFile('valid-all-dtypes.safetensors')
    expect(result.details).toMatchObject({ tensors: 22, parameters: String(22 * 4) })
    expect(Object.keys((result.details as { dtypes: object }).dtypes)).toHaveLength(22)
  })
})

/** A safetensors file: the header text as is (no padding) and `dataLength` zero bytes. */
function file(header: string, dataLength: number, n?: number): Uint8Array {
  const text = new TextEncoder().encode(header)
  const out = new Uint8Array(8 + text.length + dataLength)
  new DataView(out.buffer).setBigUint64(0, BigInt(n ?? text.length), true)
  out.set(text, 8)
  return out
}

/** A source that records its reads and synthesizes `size` bytes: `prefix` then zeros. */
function recordingSource(prefix: Uint8Array, size: number): Source & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = []
  return {
    size,
    reads,
    read: async (offset, length) => {
      reads.push([offset, length])
      const n = Math.max(0, Math.min(length, size - offset))
      const out = new Uint8Array(n)
      out.set(prefix.subarray(Math.min(offset, prefix.length), Math.min(offset + n, prefix.length)))
      return out
    }
  }
}

describe('reading', () => {
  it('reads the length and the header only, once each, whatever the file size', async () => {
    const header = '{"w":{"dtype":"F32","shape":[1073741824],"data_offsets":[0,4294967296]}}'
    const bytes = file(header, 0)
    const source = recordingSource(bytes, bytes.length + 4 * 1024 ** 3)
    const result = await scanSafetensors(source, ctx)
    expect(result.findings).toEqual([])
    expect(result.details).toMatchObject({ parameters: '1073741824' })
    expect(source.reads).toEqual([
      [0, 8],
      [8, header.length]
    ])
  })

  it('gives a finding for any input, including empty and short files', async () => {
    for (const size of [0, 1, 7]) {
      const result = await scanSafetensors(bufferSource(new Uint8Array(size).fill(0x7b)), ctx)
      expect(result.findings.map((f) => f.rule)).toEqual(['safetensors/header-too-small'])
      expect(result.findings[0].message).toContain(`${size} bytes`)
    }
  })

  it('accepts N = 100,000,000 as a length (the test is N > MAX) and refuses one more', async () => {
    const at = (n: number) => scanSafetensors(bufferSource(file('{}', 0, n)), ctx)
    expect((await at(100_000_000)).findings.map((f) => f.rule)).toEqual(['safetensors/invalid-header-length'])
    expect((await at(100_000_001)).findings.map((f) => f.rule)).toEqual(['safetensors/header-too-large'])
  })

  it('rejects N = 0 and N = 1 as JSON, as the reference does', async () => {
    for (const [text, n] of [['', 0], ['{', 1]] as const) {
      const result = await scanSafetensors(bufferSource(file(text, 0, n)), ctx)
      expect(result.findings.map((f) => f.rule)).toEqual(['safetensors/invalid-json'])
    }
  })

  it('notes headers over the Hugging Face JS limit', async () => {
    const header = '{}' + ' '.repeat(25_000_000)
    const result = await scanSafetensors(bufferSource(file(header, 0)), ctx)
    expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([['safetensors/large-header', 'info']])
    expect(result.details).toMatchObject({ tensors: 0 })
  })

  it('puts the archive member in location.entry', async () => {
    const result = await scanFile('size-mismatch.safetensors', { ...ctx, depth: 1, entry: 'bundle/model.safetensors' })
    // Offset 9: the tensor's key, just after `{` at 8.
    expect(result.findings[0].location).toEqual({ entry: 'bundle/model.safetensors', offset: 9 })
    const plain = await scanFile('size-mismatch.safetensors')
    expect(plain.findings[0].location).toEqual({ offset: 9 })
  })

  it('locates errors at their file offset', async () => {
    const result = await scanFile('invalid-utf8-overlong.safetensors')
    expect(result.findings[0].location).toEqual({ offset: 30 })
    const json = await scanFile('invalid-json-trailing.safetensors')
    expect(json.findings[0].location).toEqual({ offset: 11 })
  })

  it('keeps messages short when names are huge or hold control characters', async () => {
    const name = 'a\n'.repeat(10_000)
    const header = JSON.stringify({ [name]: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } })
    const result = await scanSafetensors(bufferSource(file(header, 4)), ctx)
    expect(result.findings[0].rule).toBe('safetensors/size-mismatch')
    expect(result.findings[0].tensor).toBe(name)
    expect(result.findings[0].message.length).toBeLessThan(600)
    expect(result.findings[0].message).not.toContain('\n')
  })
})
