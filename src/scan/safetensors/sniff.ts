// Content sniffing for safetensors, run before the pickle and zip checks: N is
// attacker-chosen, so a real safetensors file can start with `\x80\x02` (pickle
// protocol 2), `\x93` (STACK_GLOBAL) or `PK\x03\x04` (formats.md §0, §1.5 appendix F).
import { headerLength, LENGTH_BYTES, MAX_HEADER_SIZE } from './layout.js'

function isJsonWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d
}

/**
 * True when the reference parser would get as far as parsing JSON (N ≤ 100,000,000)
 * and the header's first non-whitespace byte is `{`. Files whose header runs past
 * the end still qualify (the scanner reports `invalid-header-length`), so truncated
 * uploads are reported as safetensors rather than "other".
 *
 * `head` is the start of the file (at most a few KiB are needed), `size` the file size.
 */
export function looksLikeSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < LENGTH_BYTES) return false
  const n = headerLength(head)
  if (n > BigInt(MAX_HEADER_SIZE)) return false
  const headerEnd = LENGTH_BYTES + Number(n)
  const visibleEnd = Math.min(head.length, headerEnd)
  let i = LENGTH_BYTES
  while (i < visibleEnd && isJsonWhitespace(head[i])) i++
  if (i < visibleEnd) return head[i] === 0x7b
  // Only whitespace so far: still a safetensors header if it goes on past `head`
  // into bytes the file really has (N = 0 or an all-blank header is not).
  return visibleEnd < headerEnd && head.length < size
}
