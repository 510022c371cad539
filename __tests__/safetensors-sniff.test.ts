// looksLikeSafetensors: route by the header rules before any magic-number check.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { looksLikeSafetensors } from '../src/scan/formats/safetensors.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'safetensors')

function head(n: number | bigint, rest: string | number[] = []): Uint8Array {
  const tail = typeof rest === 'string' ? new TextEncoder().encode(rest) : new Uint8Array(rest)
  const out = new Uint8Array(8 + tail.length)
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true)
  out.set(tail, 8)
  return out
}

const sniffFile = (name: string) => {
  const bytes = readFileSync(join(DIR, name))
  return looksLikeSafetensors(bytes.subarray(0, 64 * 1024), bytes.length)
}

describe('looksLikeSafetensors', () => {
  it('recognises valid files, including those whose length spells a pickle opcode', () => {
    for (const name of ['valid.safetensors', 'valid-empty.safetensors', 'valid-pickle-prefix.safetensors', 'valid-proto2-prefix.safetensors']) {
      expect(sniffFile(name)).toBe(true)
    }
    expect(Array.from(readFileSync(join(DIR, 'valid-pickle-prefix.safetensors')).subarray(0, 2))).toEqual([0x93, 0x2e])
    expect(Array.from(readFileSync(join(DIR, 'valid-proto2-prefix.safetensors')).subarray(0, 2))).toEqual([0x80, 0x02])
  })

  it('recognises a length that spells the zip local-header magic', () => {
    const n = 0x04034b50 // "PK\x03\x04" then four zero bytes: 67,324,752 ≤ 1e8
    const bytes = head(n, '{"w":')
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04])
    expect(looksLikeSafetensors(bytes, 8 + n)).toBe(true)
  })

  it('routes damaged safetensors to the scanner so they get a safetensors finding', () => {
    expect(sniffFile('invalid-header-length.safetensors')).toBe(true) // header runs past the end
    expect(sniffFile('invalid-json-trailing.safetensors')).toBe(true)
    expect(sniffFile('unknown-dtype.safetensors')).toBe(true)
    expect(sniffFile('incomplete-buffer-truncated.safetensors')).toBe(true)
    expect(looksLikeSafetensors(head(1, '{'), 9)).toBe(true) // N = 1: the reference still parses JSON
  })

  it('skips JSON whitespace before `{`', () => {
    expect(sniffFile('odd-leading-whitespace.safetensors')).toBe(true)
    expect(looksLikeSafetensors(head(70_000, ' '.repeat(65_528)), 70_008)).toBe(true) // blank up to the end of head, file goes on
    expect(looksLikeSafetensors(head(100, ' '.repeat(20)), 28)).toBe(false) // blank up to the end of a truncated file
    expect(looksLikeSafetensors(head(4, '    {'), 13)).toBe(false) // the `{` lies past the header
  })

  it('rejects files the reference would stop before JSON, and other formats', () => {
    expect(sniffFile('header-too-small.safetensors')).toBe(false)
    expect(sniffFile('header-too-large.safetensors')).toBe(false)
    expect(looksLikeSafetensors(head(0, '{}'), 10)).toBe(false) // N = 0: no header byte
    expect(looksLikeSafetensors(head(100_000_001, '{}'), 100_000_009)).toBe(false)
    expect(looksLikeSafetensors(head(100_000_000, '{}'), 100_000_008)).toBe(true)
    expect(looksLikeSafetensors(head(2n ** 64n - 1n, '{}'), 10)).toBe(false)
    expect(looksLikeSafetensors(new Uint8Array([0x7b, 0x7d]), 2)).toBe(false)
  })

  it.each([
    ['pickle protocol 2', [0x80, 0x02, 0x7d, 0x71, 0x00, 0x28, 0x58, 0x01, 0x00, 0x00, 0x00, 0x61, 0x71]],
    ['pickle protocol 4', [0x80, 0x04, 0x95, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7d, 0x94]],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x7b, 0x7b, 0x7b]],
    ['zip with zero version and flags', [0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x7b, 0x7b, 0x7b]],
    ['numpy', [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00, 0x7b, 0x27, 0x64]],
    ['gguf', [0x47, 0x47, 0x55, 0x46, 0x03, 0x00, 0x00, 0x00, 0x7b, 0x00, 0x00, 0x00, 0x00]],
    ['LFS pointer', Array.from(new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\n'))],
    ['JSON text', Array.from(new TextEncoder().encode('{"weight_map": {}}'))]
  ])('is false for %s', (_, bytes) => {
    const input = new Uint8Array(bytes)
    expect(looksLikeSafetensors(input, 1 << 20)).toBe(false)
  })
})
