// GGUF strings (u64 length + bytes): the length checks of gguf.cpp's `read(std::string &)`,
// and the C-string view llama.cpp's lookups use (`gguf_find_key`, `ggml_set_name` stop at NUL).
import { GGUF_MAX_STRING_LENGTH } from './constants.js'
import type { HeaderReader } from './reader.js'
import { GgufRejected } from './rejection.js'

/** Reads a string's length and checks it as gguf.cpp does; the bytes are next. `what` names it in messages. */
export async function stringLength(r: HeaderReader, what: string | (() => string)): Promise<number> {
  const offset = r.pos
  return checked(r, await r.u64(`the length of ${named(what)}`), offset, what)
}

/** `stringLength` without an await when the length is in the window (a vocabulary's strings), else undefined. */
export function stringLengthNow(r: HeaderReader, what: () => string): number | undefined {
  const offset = r.pos
  const n = r.u64Now()
  return n === undefined ? undefined : checked(r, n, offset, what)
}

function checked(r: HeaderReader, n: bigint, offset: number, what: string | (() => string)): number {
  if (n > BigInt(GGUF_MAX_STRING_LENGTH)) {
    throw new GgufRejected('string-length', `${named(what)}: string length ${n} exceeds the maximum ${GGUF_MAX_STRING_LENGTH}`, offset)
  }
  if (n > BigInt(r.remain)) {
    throw new GgufRejected('string-length', `${named(what)}: string length ${n} exceeds the ${r.remain} bytes left in the file`, offset)
  }
  return Number(n)
}

const named = (what: string | (() => string)): string => (typeof what === 'string' ? what : what())

/** The bytes up to the first NUL, one char per byte: what strcmp compares. */
export function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0)
  return Buffer.from(nul < 0 ? bytes : bytes.subarray(0, nul)).toString('latin1')
}

/** For messages: UTF-8, JSON-quoted, cut at 120 characters. */
export function shown(bytes: Uint8Array, more = false): string {
  const text = new TextDecoder().decode(bytes)
  const cut = text.length > 120
  return JSON.stringify(cut ? text.slice(0, 120) : text) + (cut || more ? '…' : '')
}
