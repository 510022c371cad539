// JSON as Python's `json.loads` reads it: Keras writes configs with `json.dumps` (allow_nan=True),
// so `NaN`, `Infinity` and `-Infinity` may appear as bare tokens. They carry no object, so they
// become null here; strings are left exactly as they are.

const TOKENS = /"(?:[^"\\]|\\[\s\S])*"|-?Infinity|NaN/g

export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err
    return JSON.parse(text.replace(TOKENS, (token) => (token.startsWith('"') ? token : 'null')))
  }
}

/** Bytes → text as `json.loads(bytes)` decodes them (json.detect_encoding), or null if it would fail. */
export function decodeJsonBytes(b: Uint8Array): string | null {
  const utf = (label: string, bytes: Uint8Array): string | null => {
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes)
    } catch {
      return null
    }
  }
  const at = (i: number): number => b[i] ?? 0
  if ((at(0) === 0 && at(1) === 0 && at(2) === 0xfe && at(3) === 0xff) || (at(0) === 0xff && at(1) === 0xfe && at(2) === 0 && at(3) === 0)) return utf32(b)
  if ((at(0) === 0xfe && at(1) === 0xff) || (at(0) === 0xff && at(1) === 0xfe)) return utf(at(0) === 0xfe ? 'utf-16be' : 'utf-16le', b)
  if (b.length >= 4) {
    if (at(0) === 0) return at(1) !== 0 ? utf('utf-16be', b) : utf32(b)
    if (at(1) === 0) return at(2) !== 0 || at(3) !== 0 ? utf('utf-16le', b) : utf32(b)
  } else if (b.length === 2) {
    if (at(0) === 0) return utf('utf-16be', b)
    if (at(1) === 0) return utf('utf-16le', b)
  }
  return utf('utf-8', b) // TextDecoder drops a UTF-8 BOM, as Python's utf-8-sig does
}

/** UTF-32 with or without BOM (big-endian when the first byte is 0, as Python picks). */
function utf32(b: Uint8Array): string | null {
  if (b.length % 4 !== 0) return null
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let little = b[0] !== 0
  let start = 0
  const bom = view.getUint32(0, false)
  if (bom === 0x0000feff || bom === 0xfffe0000) {
    little = bom === 0xfffe0000
    start = 4
  }
  const parts: string[] = []
  for (let i = start; i < b.length; i += 4) {
    const cp = view.getUint32(i, little)
    if (cp > 0x10ffff) return null
    parts.push(String.fromCodePoint(cp))
  }
  return parts.join('')
}
