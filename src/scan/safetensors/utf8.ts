// Strict UTF-8 validation with the acceptance of Rust's `core::str::from_utf8`
// (the safetensors header check): the well-formed sequences of Unicode table 3-7,
// so overlong forms, encoded surrogates (ED A0..BF) and code points above U+10FFFF
// are all rejected. A BOM is valid UTF-8 here; the JSON layer rejects it.
//
// Hand-written rather than `TextDecoder({fatal: true})` because the finding names
// the byte offset (Rust's `valid_up_to`) and a 100 MB header must not be turned into
// a 200 MB UTF-16 string just to be checked.

/** A lead byte's sequence length and the allowed range of the byte after it (later ones are 80..BF). */
interface Lead {
  length: number
  low: number
  high: number
}

function leadOf(b: number): Lead | null {
  if (b >= 0xc2 && b <= 0xdf) return { length: 2, low: 0x80, high: 0xbf }
  if (b === 0xe0) return { length: 3, low: 0xa0, high: 0xbf } // no overlongs
  if (b === 0xed) return { length: 3, low: 0x80, high: 0x9f } // no surrogates
  if (b >= 0xe1 && b <= 0xef) return { length: 3, low: 0x80, high: 0xbf }
  if (b === 0xf0) return { length: 4, low: 0x90, high: 0xbf } // no overlongs
  if (b >= 0xf1 && b <= 0xf3) return { length: 4, low: 0x80, high: 0xbf }
  if (b === 0xf4) return { length: 4, low: 0x80, high: 0x8f } // nothing above U+10FFFF
  return null // 80..C1 (continuation or overlong lead) and F5..FF
}

/** Index of the first byte of the first ill-formed sequence, or -1 when `bytes` is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    if (bytes[i] < 0x80) {
      i++
      continue
    }
    const lead = leadOf(bytes[i])
    if (lead === null || i + lead.length > n) return i
    if (bytes[i + 1] < lead.low || bytes[i + 1] > lead.high) return i
    for (let k = 2; k < lead.length; k++) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i
    }
    i += lead.length
  }
  return -1
}
