// The key-value section, walked as gguf.cpp's `gguf_init_from_reader` reads it: key (non-empty,
// unique), type (ARRAY: element type, count), value. Only lengths are needed to move on, so
// values are skipped; kept are the key names (duplicates), `general.alignment`, the
// architecture and name (details) and the chat templates (for template analysis).
import type { Finding } from '../findings.js'
import { tooLarge, unusualTemplate } from '../templates/chat-template.js'
import { GGUF_ARRAY, GGUF_MAX_ARRAY_ELEMENTS, GGUF_STRING, GGUF_TYPE_NAME, GGUF_TYPE_SIZE, GGUF_UINT32, TEMPLATE_KEY } from './constants.js'
import type { HeaderReader } from './reader.js'
import { GgufRejected, GgufTooLarge } from './rejection.js'
import { cString, shown, stringLength, stringLengthNow } from './strings.js'

export interface GgufTemplate {
  key: string
  text: string
  /** File offset of the template's first byte (after its u64 length). */
  offset: number
}

/** Keys up to this length are kept whole; longer ones as their first bytes and a SHA-256. */
const KEY_KEPT = 256
/** Distinct keys remembered for the duplicate check (real files have under a few hundred). */
export const MAX_KEYS = 65536
/** A template over this size is not analysed (gguf/template-unusual). */
export const TEMPLATE_MAX = 1024 * 1024
/** All templates together are kept up to this size. */
const TEMPLATES_TOTAL = 8 * 1024 * 1024
/** Architecture and name are kept up to this length (details only). */
const DETAIL_MAX = 256

export interface AlignmentKv {
  /** gguf_get_kv_type: ARRAY for an array, else the value type. */
  type: number
  value?: number
  typeOffset: number
  valueOffset: number
}

export interface KvState {
  keys: Set<string>
  alignment?: AlignmentKv
  details: { architecture?: string; name?: string }
  templates: GgufTemplate[]
  templateBytes: number
  findings: Finding[]
}

export type Tick = (offset: number) => void

interface Key {
  /** The whole key (duplicates are compared as std::string ==). */
  id: string
  /** Up to the first NUL (lookups are strcmp); `long` when no NUL in the kept head. */
  cname: string
  long: boolean
  /** UTF-8 text of the kept bytes (the whole key unless longer than KEY_KEPT). */
  text: string
  /** Quoted and cut, for messages. */
  shown: string
}

async function readKey(r: HeaderReader, i: number, tick: Tick): Promise<Key> {
  const offset = r.pos
  const n = await stringLength(r, `key ${i}`)
  if (n === 0) throw new GgufRejected('empty-key', `key ${i} is empty`, offset)
  const head = await r.bytes(Math.min(n, KEY_KEPT), `key ${i}`)
  const headText = Buffer.from(head).toString('latin1')
  const id = n <= KEY_KEPT ? `s${headText}` : `l${n}:${headText}:${await r.digest(n - KEY_KEPT, `key ${i}`, tick)}`
  return { id, cname: cString(head), long: n > KEY_KEPT && !head.includes(0), text: new TextDecoder().decode(head), shown: shown(head, n > KEY_KEPT) }
}

/** Reads key-value pair `i`; throws GgufRejected as gguf.cpp fails. */
export async function readKv(r: HeaderReader, i: number, state: KvState, tick: Tick): Promise<void> {
  const keyOffset = r.pos
  const key = await readKey(r, i, tick)
  if (state.keys.has(key.id)) throw new GgufRejected('duplicate-key', `duplicate key ${key.shown} (key ${i})`, keyOffset)
  if (state.keys.size >= MAX_KEYS) throw new GgufTooLarge(`more than ${MAX_KEYS} metadata keys`, keyOffset)
  state.keys.add(key.id)

  const typeOffset = r.pos
  let type = await r.i32(`the type of key ${key.shown}`)
  let n = 1n
  const isArray = type === GGUF_ARRAY
  let countOffset = typeOffset
  if (isArray) {
    type = await r.i32(`the element type of key ${key.shown}`)
    countOffset = r.pos
    n = await r.u64(`the element count of key ${key.shown}`)
  }
  if (type !== GGUF_STRING && GGUF_TYPE_SIZE[type] === undefined) {
    const why = type === GGUF_ARRAY ? 'an array of arrays (nested arrays are not allowed)' : `invalid GGUF type ${type}`
    throw new GgufRejected('value-type', `key ${key.shown} has ${why}`, isArray ? typeOffset + 4 : typeOffset)
  }
  const valueOffset = r.pos
  if (key.cname === 'general.alignment' && state.alignment === undefined) {
    state.alignment = { type: isArray ? GGUF_ARRAY : type, typeOffset, valueOffset }
    if (!isArray && type === GGUF_UINT32) {
      state.alignment.value = await r.u32(`the value of key ${key.shown}`)
      return
    }
  }
  if (isArray) return skipArray(r, key, type, n, countOffset, tick)
  if (type !== GGUF_STRING) return r.skip(GGUF_TYPE_SIZE[type], `the value of key ${key.shown}`)
  await readStringValue(r, key, state)
}

async function skipArray(r: HeaderReader, key: Key, type: number, n: bigint, countOffset: number, tick: Tick): Promise<void> {
  if (n > BigInt(GGUF_MAX_ARRAY_ELEMENTS)) {
    throw new GgufRejected('array-length', `key ${key.shown} has ${n} elements; the maximum is ${GGUF_MAX_ARRAY_ELEMENTS}`, countOffset)
  }
  const count = Number(n)
  // Strings need at least their 8-byte lengths; fixed-size elements their whole size.
  const least = count * (type === GGUF_STRING ? 8 : GGUF_TYPE_SIZE[type])
  if (least > r.remain) {
    const what = type === GGUF_STRING ? 'string lengths' : `${GGUF_TYPE_NAME[type]} values`
    throw new GgufRejected('array-length', `key ${key.shown} has ${count} elements: their ${what} need ${least} bytes but ${r.remain} are left in the file`, countOffset)
  }
  if (type !== GGUF_STRING) return r.skip(least, `the elements of key ${key.shown}`)
  for (let j = 0; j < count; j++) {
    tick(r.pos)
    const what = (): string => `element ${j} of key ${key.shown}`
    r.skip(stringLengthNow(r, what) ?? (await stringLength(r, what)), '')
  }
}

async function readStringValue(r: HeaderReader, key: Key, state: KvState): Promise<void> {
  const n = await stringLength(r, `the value of key ${key.shown}`)
  const at = r.pos
  const isTemplate = key.long ? key.cname.startsWith(`${TEMPLATE_KEY}.`) : key.cname === TEMPLATE_KEY || key.cname.startsWith(`${TEMPLATE_KEY}.`)
  if (isTemplate) {
    if (n > TEMPLATE_MAX || state.templateBytes + n > TEMPLATES_TOTAL) {
      state.findings.push(templateTooLarge(key, n, at, n <= TEMPLATE_MAX))
      return r.skip(n, '')
    }
    const text = new TextDecoder().decode(await r.bytes(n, `the value of key ${key.shown}`))
    state.templateBytes += n
    state.templates.push({ key: key.text, text, offset: at })
    return
  }
  const detail = key.cname === 'general.architecture' ? 'architecture' : key.cname === 'general.name' ? 'name' : undefined
  if (detail === undefined || state.details[detail] !== undefined) return r.skip(n, '')
  const kept = await r.bytes(Math.min(n, DETAIL_MAX), '')
  r.skip(n - kept.length, '')
  state.details[detail] = new TextDecoder().decode(kept)
}

function templateTooLarge(key: Key, n: number, offset: number, total: boolean): Finding {
  const size = total ? `a size that takes the templates of this file together past ${TEMPLATES_TOTAL} bytes` : `a size of ${tooLarge(n, TEMPLATE_MAX)}`
  return unusualTemplate(size, { key: key.text, offset })
}
