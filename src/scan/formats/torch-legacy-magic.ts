// Recognises the legacy `torch.save` stream (formats.md §2.4) from its first bytes: pickle 1
// is the literal magic number 0x1950a86a20f9469cfc6c and pickle 2 the literal 1001. Both are
// matched as the bytes any protocol writes for a plain int (optional PROTO and FRAME, one
// int opcode, optional memo store, STOP), without running the pickle machine.

export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn
export const LEGACY_PROTOCOL_VERSION = 1001n

const PROTO = 0x80
const FRAME = 0x95
const STOP = 0x2e

/** Little-endian two's complement, as LONG1/LONG4 encode it. */
function signedLE(bytes: Uint8Array): bigint {
  let value = 0n
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i])
  const bits = BigInt(bytes.length * 8)
  return bytes.length > 0 && (bytes[bytes.length - 1] & 0x80) !== 0 ? value - (1n << bits) : value
}

function line(head: Uint8Array, from: number): { text: string; next: number } | undefined {
  const nl = head.indexOf(0x0a, from)
  if (nl < 0 || nl - from > 64) return undefined
  return { text: String.fromCharCode(...head.subarray(from, nl)), next: nl + 1 }
}

/** The int literal at `pos` (one opcode) and the position after it. */
function intOpcode(head: Uint8Array, pos: number): { value: bigint; next: number } | undefined {
  const op = head[pos]
  if (op === 0x8a /* LONG1 */ && pos + 1 < head.length) {
    const n = head[pos + 1]
    if (pos + 2 + n > head.length) return undefined
    return { value: signedLE(head.subarray(pos + 2, pos + 2 + n)), next: pos + 2 + n }
  }
  if (op === 0x4b /* BININT1 */ && pos + 1 < head.length) return { value: BigInt(head[pos + 1]), next: pos + 2 }
  if (op === 0x4d /* BININT2 */ && pos + 2 < head.length) return { value: BigInt(head[pos + 1] | (head[pos + 2] << 8)), next: pos + 3 }
  if (op === 0x4a /* BININT */ && pos + 4 < head.length) return { value: signedLE(head.subarray(pos + 1, pos + 5)), next: pos + 5 }
  if (op === 0x49 /* INT */ || op === 0x4c /* LONG */) {
    const l = line(head, pos + 1)
    const digits = l && (op === 0x4c ? l.text.replace(/L$/, '') : l.text)
    if (l === undefined || digits === undefined || !/^[+-]?\d+$/.test(digits)) return undefined
    return { value: BigInt(digits), next: l.next }
  }
  return undefined
}

/** Memo stores a writer may put after the int: BINPUT, LONG_BINPUT, MEMOIZE, PUT. */
function skipMemo(head: Uint8Array, pos: number): number {
  switch (head[pos]) {
    case 0x71:
      return pos + 2
    case 0x72:
      return pos + 5
    case 0x94:
      return pos + 1
    case 0x70: {
      const l = line(head, pos + 1)
      return l !== undefined && /^\d+$/.test(l.text) ? l.next : pos
    }
    default:
      return pos
  }
}

/** A pickle at `pos` that is just an int literal: its value and end offset. */
export function intPickle(head: Uint8Array, pos: number): { value: bigint; end: number } | undefined {
  let p = pos
  if (head[p] === PROTO) p += 2
  if (head[p] === FRAME) p += 9
  const int = intOpcode(head, p)
  if (int === undefined) return undefined
  p = skipMemo(head, int.next)
  return p < head.length && head[p] === STOP ? { value: int.value, end: p + 1 } : undefined
}

function literalIntPickle(head: Uint8Array, pos: number, value: bigint): boolean {
  return intPickle(head, pos)?.value === value
}

/**
 * `literal`: pickle 1 is the literal magic (a legacy stream as torch writes it). `computed`:
 * pickle 1 is something else but a literal 1001 pickle follows a STOP in the head, the shape
 * of GHSA-97f8-7cmv-76j2 (the magic built by a call). null: not a legacy stream.
 */
export function legacyMagic(head: Uint8Array): 'literal' | 'computed' | null {
  if (literalIntPickle(head, 0, LEGACY_MAGIC)) return 'literal'
  for (let i = head.indexOf(STOP); i >= 0; i = head.indexOf(STOP, i + 1)) {
    if (literalIntPickle(head, i + 1, LEGACY_PROTOCOL_VERSION)) return 'computed'
  }
  return null
}
