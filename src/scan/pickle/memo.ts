// The unpickler memo, sized for pickles that memoize millions of values. Python's
// pickler memoizes every str it writes; kept as JS strings they would dominate the
// heap (tens of bytes each), so short strings live as their raw argument bytes in an
// arena of fixed-size blocks and are decoded only when a GET reads them (the machine's
// data fast path even pushes them undecoded). Slots live in
// fixed-size pages of typed arrays (nothing is copied as the memo grows, and the JS
// heap holds only the non-string values). Writers memoize millions of values in slot
// order, so the page last written is cached and argument bytes are copied four at a
// time (DataView): this is the hottest code of a large pickle. Memory stays bounded:
// past `ARENA_MAX` bytes, newly memoized strings are kept as a placeholder (a later
// STACK_GLOBAL on one is a computed operand: fail closed); past `MAX_PAGES` pages, slots
// go to a map.
//
// When the stream is a local file (a synchronous positioned read, `ReadAt`), a short str is not
// copied at all: its slot records where its argument bytes lie in the stream (a FILE kind) and
// a GET that decodes it reads them back (one pread). Copying millions of strs costs mostly the
// page faults of the fresh arena; the positions cost none.
import { ascii, latin1, utf8, validatedUtf8 } from './text.js'
import { FLOAT, PyContainer, PyOpaque, type Value } from './values.js'

/** Strings up to this many bytes go to the arena. */
export const ARENA_STRING_MAX = 255
const BLOCK_BITS = 20
/** Arena blocks grow from 4 KiB to this size (a memo per pickle: small pickles stay small). */
const BLOCK = 1 << BLOCK_BITS
const FIRST_BLOCK = 4096
/** Arena bytes per memo (memoized short strings). */
export const ARENA_MAX = 256 << 20
/** 1,024 slots (4 KiB) a page: small pickles stay cheap (a memo per pickle). */
const PAGE_BITS = 10
const PAGE = 1 << PAGE_BITS
/** Slot pages per memo (4 bytes a slot: 16.7 M slots in 64 MiB); further slots go to a map. */
const MAX_PAGES = 16384
/**
 * Pages are views of slabs of up to this many pages: one allocation (and one zeroing) per slab,
 * not two per page. Slabs double from one page, so a small pickle still allocates one page.
 */
const SLAB_PAGES_MAX = 64

/**
 * A slot is one int32, kind << KIND_SHIFT | start (an arena position, or an index in `objects`
 * or `tuples`): 4 bytes a slot, where a separate length would take 6 (a large pickle memoizes
 * millions of values, and fresh memory is a large part of its scan time). An arena string's
 * byte length is the arena byte before it.
 */
const KIND_SHIFT = 28
/** Starts at or past this bound (only a pickle of hundreds of millions of PUTs gets there) go to the map. */
const START_LIMIT = 1 << KIND_SHIFT

/** How a slot holds its value (`meta` = kind << 8 | byte length, as `text` takes it). */
const EMPTY = 0
/** Arena bytes, one code point per byte (strings whose code units are all < 256). */
export const LATIN1 = 1
/** Arena bytes, UTF-8 already validated with `surrogatepass` (BINUNICODE arguments). */
export const UTF8 = 2
/** Arena bytes, STRING/BINSTRING text: UTF-8 when valid, else Latin-1 (see decoder `codecString`). */
export const CODEC = 3
/** `objects[start]`. */
const OBJECT = 4
/** A tuple of plain items stored as numbers at tuple position `start` (see `setTuple`). */
const TUPLE = 5
/**
 * Added to LATIN1, UTF8 or CODEC: the bytes are not in the arena but in the stream, at position
 * `start` (the slot's length is in `lens`). Such LATIN1 bytes are ASCII (the data fast path's kind).
 */
export const FILE = 8

/** Reads up to `length` stream bytes at `offset` into `into[0..]`; returns the count (`ChunkStream.readSync`). */
export type ReadAt = (into: Uint8Array, offset: number, length: number) => number

/** How `setTuple` encodes an item: three numbers, the tag then two operands. */
export const ITEM_INT = 0 // an int32 (operand 1)
export const ITEM_TEXT = 1 // an arena str: arena position, meta (as `text` takes them)
export const ITEM_FLOAT = 2
export const ITEM_NONE = 3
export const ITEM_TRUE = 4
export const ITEM_FALSE = 5

const PAST_BUDGET = new PyOpaque('a memoized string past the memo budget')
/** A FILE str whose bytes read back differently (the file changed or shrank during the scan): fail closed. */
const CHANGED = new PyOpaque('a memoized string whose bytes changed in the file during the scan')
/** `get`'s marker for "the value is an arena string, at hitAt". */
const ARENA_HIT = new PyOpaque('an arena string')

/** Numbers a block of memoized tuples holds at most (see `Memo.tupleBlocks`). */
const TUPLE_BITS = 16
const TUPLE_BLOCK = 1 << TUPLE_BITS

/** See `setUndefined`. */
const LEGACY_DENSE_SLOTS = 1 << 26

/** Decodes argument bytes of kind LATIN1, UTF8 or CODEC. */
export function decodeText(buf: Buffer, start: number, end: number, kind: number): string {
  if (kind === LATIN1) return latin1(buf, start, end)
  if (kind === UTF8) return validatedUtf8(buf, start, end)
  return utf8(buf, start, end, false) ?? latin1(buf, start, end)
}

/**
 * Shared empty buffers for a new memo's fields: a stream can hold hundreds of thousands of
 * tiny pickles (a memo each), and nothing is ever written to a zero-length buffer (each is
 * replaced before its first write).
 */
const NO_I32 = new Int32Array(0)
const NO_U8 = new Uint8Array(0)
const NO_BUFFER = Buffer.alloc(0)
const NO_VIEW = new DataView(new ArrayBuffer(0))

export class Memo {
  /** Per page, its slots (see KIND_SHIFT). */
  private readonly slots: Int32Array[] = []
  /** With a `file`: per page, the byte lengths of its FILE slots (a slot holds no length). */
  private readonly lens: Uint8Array[] = []
  private pages = 0
  /** The current slab (the slots of `slabPages` pages) and how many of its pages are in use. */
  private slab: Int32Array = NO_I32
  private lensSlab: Uint8Array = NO_U8
  private slabPages = 0
  private slabUsed = 0
  /** The page of the last write (writers fill slots in order): number and slots. */
  private pageNo = -1
  private pageSlots: Int32Array = NO_I32
  private pageLens: Uint8Array = NO_U8
  private readonly objects: Value[] = []
  private readonly sparse = new Map<number, Value>()
  private readonly blocks: Buffer[] = []
  private block: Buffer = NO_BUFFER
  private blockView: DataView = NO_VIEW
  /** Arena position of `block[0]` (block number << BLOCK_BITS). */
  private blockBase = -BLOCK
  private blockUsed = 0
  private arenaBytes = 0
  /** The buffer `setBytes` copied from last, and a view of it (a pickle is copied from one input buffer at a time). */
  private source: Buffer = this.block
  private sourceView: DataView = this.blockView
  /**
   * Tuples memoized as numbers: per tuple its size, its kept item count, then three numbers an
   * item, in blocks that double from 1,024 numbers to TUPLE_BLOCK (never copied as they grow;
   * a tuple's position is block number << TUPLE_BITS | offset).
   */
  private readonly tupleBlocks: Int32Array[] = []
  private tupleBlock: Int32Array = NO_I32
  private tupleUsed = 0
  /** Occupied slots: `memo_len`, where MEMOIZE writes next. */
  size = 0
  /** Meta (kind << 8 | length) of the str the last `setBytes` stored (FILE or arena). */
  storedMeta = 0
  /** Where a FILE str is read back into (decoding copies it out). */
  private scratch: Buffer | undefined

  /** `file`: reads the stream's bytes back, so `setBytes` may keep positions instead of copies. */
  constructor(private readonly file?: ReadAt) {}

  get(index: number): Value | undefined {
    const value = this.getBytes(index, ARENA_HIT)
    return value === ARENA_HIT ? this.text(this.hitAt, this.hitMeta) : value
  }

  /** Arena position and meta (kind << 8 | length) of the last `getBytes` hit. */
  hitAt = 0
  hitMeta = 0

  /**
   * Decodes the memo string at `at` of meta `meta` (a `getBytes` hit): arena bytes, or FILE bytes
   * read back (a placeholder when they no longer are what was validated).
   */
  text(at: number, meta: number): string | PyOpaque {
    const kind = meta >> 8
    if (kind > TUPLE) return this.fileText(at, meta & 0xff, kind - FILE)
    const start = at & (BLOCK - 1)
    return decodeText(this.blocks[at >>> BLOCK_BITS], start, start + (meta & 0xff), kind)
  }

  /** The FILE str of `n` bytes at stream position `at`, re-validated as its kind (the file may have changed since). */
  private fileText(at: number, n: number, kind: number): string | PyOpaque {
    const into = (this.scratch ??= Buffer.allocUnsafe(ARENA_STRING_MAX))
    let read: number
    try {
      read = this.file!(into, at, n)
    } catch {
      return CHANGED // the descriptor is gone: nothing to read back
    }
    if (read !== n) return CHANGED
    if (kind === LATIN1) return ascii(into, 0, n) ?? CHANGED
    if (kind === UTF8) return utf8(into, 0, n, true) ?? CHANGED
    return decodeText(into, 0, n, kind)
  }

  /**
   * Like `get`, but for an arena string returns `bytes` (the caller's marker) and leaves
   * its arena position and meta, undecoded, in `hitAt` and `hitMeta`.
   */
  getBytes(index: number, bytes: Value): Value | undefined {
    const page = index >>> PAGE_BITS
    const slots = index >= 0 && index < 2 ** 32 && page < this.slots.length ? this.slots[page] : undefined
    if (slots === undefined) return this.sparse.get(index)
    const i = index & (PAGE - 1)
    const slot = slots[i]
    const kind = slot >>> KIND_SHIFT
    if (kind === EMPTY) return this.sparse.size > 0 ? this.sparse.get(index) : undefined
    const at = slot & (START_LIMIT - 1)
    if (kind === OBJECT) return this.objects[at]
    if (kind === TUPLE) return this.tupleAt(slots, i, at)
    this.hitAt = at
    this.hitMeta = (kind << 8) | (kind > TUPLE ? this.lens[page][i] : this.blocks[at >>> BLOCK_BITS][(at & (BLOCK - 1)) - 1])
    return bytes
  }

  set(index: number, value: Value): void {
    if (value === undefined) return this.setUndefined(index)
    if (typeof value === 'string' && value.length <= ARENA_STRING_MAX && isLatin1(value)) {
      if (!this.page(index)) return this.setSparse(index, value)
      const at = this.reserve(value.length)
      if (at < 0) return this.setObject(index, PAST_BUDGET)
      const dst = this.block
      const base = at & (BLOCK - 1)
      for (let i = 0; i < value.length; i++) dst[base + i] = value.charCodeAt(i)
      this.fill(index, (LATIN1 << KIND_SHIFT) | at)
      return
    }
    this.setObject(index, value)
  }

  /**
   * Memoizes a str from its argument bytes `buf[start..end)` of text kind `kind` (LATIN1 for
   * ASCII, UTF8, CODEC), `buf[0]` at stream position `base` (-1: unknown). Returns where its
   * bytes are kept, of meta `storedMeta` (see `text`): the stream position when the memo reads
   * the file back, else the arena position they were copied to; or -1 if they were not kept.
   */
  setBytes(index: number, buf: Buffer, start: number, end: number, kind: number, base = -1): number {
    const n = end - start
    if (n > ARENA_STRING_MAX || !this.page(index)) {
      this.set(index, decodeText(buf, start, end, kind))
      return -1
    }
    const pos = base + start
    if (base >= 0 && this.file !== undefined && pos + n <= START_LIMIT) {
      this.pageLens[index & (PAGE - 1)] = n
      this.fill(index, ((kind + FILE) << KIND_SHIFT) | pos)
      this.storedMeta = ((kind + FILE) << 8) | n
      return pos
    }
    this.storedMeta = (kind << 8) | n
    const at = this.reserve(n)
    if (at < 0) {
      this.setObject(index, PAST_BUDGET)
      return -1
    }
    if (buf !== this.source) {
      this.source = buf
      this.sourceView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    }
    const from = this.sourceView
    const to = this.blockView
    let d = at - this.blockBase
    let i = start
    for (; i + 4 <= end; i += 4, d += 4) to.setInt32(d, from.getInt32(i))
    for (; i < end; i++, d++) to.setUint8(d, from.getUint8(i))
    this.fill(index, (kind << KIND_SHIFT) | at)
    return at
  }

  /**
   * Memoizes a tuple of plain items without keeping its object: `size` (its elements ever)
   * and its kept items as `count` numbers of `items` (ITEM_* triples). Writers memoize every
   * tuple, and millions of small objects held by the memo cost the garbage collector more than
   * the rest of the scan; a GET builds an equal tuple (kept from then on, so later GETs see the same one).
   */
  setTuple(index: number, size: number, items: Int32Array, count: number): void {
    if (this.tupleUsed + 2 + count > this.tupleBlock.length && this.tupleBlocks.length < START_LIMIT >> TUPLE_BITS) {
      this.tupleBlock = new Int32Array(Math.min(TUPLE_BLOCK, 2 * Math.max(512, this.tupleBlock.length)))
      this.tupleBlocks.push(this.tupleBlock)
      this.tupleUsed = 0
    }
    const block = this.tupleBlock
    const at = this.tupleUsed
    if (at + 2 + count > block.length || !this.page(index)) return this.setSparse(index, tupleOf(size, items, 0, count, this))
    block[at] = size
    block[at + 1] = count
    for (let i = 0; i < count; i++) block[at + 2 + i] = items[i] // (a subarray per tuple would be an allocation)
    this.tupleUsed = at + 2 + count
    this.fill(index, (TUPLE << KIND_SHIFT) | ((this.tupleBlocks.length - 1) << TUPLE_BITS) | at)
  }

  /** The tuple of `slots[i]` stored at tuple position `at`: built, and kept in the slot as an object (or in the map). */
  private tupleAt(slots: Int32Array, i: number, at: number): PyContainer {
    const block = this.tupleBlocks[at >>> TUPLE_BITS]
    const from = at & (TUPLE_BLOCK - 1)
    const tuple = tupleOf(block[from], block, from + 2, block[from + 1], this)
    if (this.objects.length < START_LIMIT) {
      this.objects.push(tuple)
      slots[i] = (OBJECT << KIND_SHIFT) | (this.objects.length - 1)
    }
    return tuple
  }

  /** Memoizes a str already in this memo (a `getBytes` hit, arena or FILE): the slot shares its bytes. */
  setArena(index: number, at: number, meta: number): void {
    if (!this.page(index)) return this.setSparse(index, this.text(at, meta))
    if (meta >> 8 > TUPLE) this.pageLens[index & (PAGE - 1)] = meta & 0xff
    this.fill(index, ((meta >> 8) << KIND_SHIFT) | at)
  }

  /**
   * Only a malformed stream puts `undefined` on the stack (holes left by a mark above the
   * stack top). The memo this one replaces counted such a slot as empty below 2^26 and as
   * occupied above (a map there): `memo_len`, and so later MEMOIZE indices, stay as they were.
   */
  private setUndefined(index: number): void {
    const page = index >>> PAGE_BITS
    const slots = index >= 0 && index < 2 ** 32 && page < this.slots.length ? this.slots[page] : undefined
    const i = index & (PAGE - 1)
    const inPage = slots !== undefined && slots[i] !== EMPTY
    const dense = index < LEGACY_DENSE_SLOTS
    const occupied = inPage || (this.sparse.has(index) && (!dense || this.sparse.get(index) !== undefined))
    if (!occupied) this.size++
    if (inPage) slots[i] = EMPTY
    if (dense) this.sparse.delete(index)
    else this.sparse.set(index, undefined as unknown as Value)
  }

  private setObject(index: number, value: Value): void {
    const objects = this.objects
    // Consecutive slots often hold the same object (the machine's shared placeholders): stored once.
    let at = objects.length - 1
    const fresh = at < 0 || objects[at] !== value
    if ((fresh && at + 1 >= START_LIMIT) || !this.page(index)) return this.setSparse(index, value)
    if (fresh) {
      objects.push(value)
      at++
    }
    this.fill(index, (OBJECT << KIND_SHIFT) | at)
  }

  /** Writes `slot` (see KIND_SHIFT) to slot `index` of the page `page(index)` just selected. */
  private fill(index: number, slot: number): void {
    const i = index & (PAGE - 1)
    // A slot first written while its page did not exist lives in the map until now.
    if (this.pageSlots[i] === EMPTY && !(this.sparse.size > 0 && this.sparse.delete(index))) this.size++
    this.pageSlots[i] = slot
  }

  private setSparse(index: number, value: Value): void {
    if (!this.sparse.has(index)) this.size++
    this.sparse.set(index, value)
  }

  /** Selects the page holding `index` for `fill`; false past the page budget. Small: inlined in the hot paths. */
  private page(index: number): boolean {
    return index >= 0 && index < 2 ** 32 && (index >>> PAGE_BITS === this.pageNo || this.selectPage(index))
  }

  /** `page` for another page than the last one: allocated on first use. */
  private selectPage(index: number): boolean {
    const page = index >>> PAGE_BITS
    let slots = page < this.slots.length ? this.slots[page] : undefined
    if (slots === undefined) {
      if (this.pages >= MAX_PAGES) return false
      this.pages++
      if (this.slabUsed === this.slabPages) this.newSlab()
      const from = this.slabUsed++ * PAGE
      slots = this.slab.subarray(from, from + PAGE)
      this.slots[page] = slots
      if (this.file !== undefined) this.lens[page] = this.lensSlab.subarray(from, from + PAGE)
    }
    this.pageNo = page
    this.pageSlots = slots
    if (this.file !== undefined) this.pageLens = this.lens[page]
    return true
  }

  private newSlab(): void {
    this.slabPages = Math.min(SLAB_PAGES_MAX, Math.max(1, this.slabPages * 2))
    this.slab = new Int32Array(this.slabPages * PAGE)
    if (this.file !== undefined) this.lensSlab = new Uint8Array(this.slabPages * PAGE)
    this.slabUsed = 0
  }

  private newBlock(): boolean {
    const size = Math.min(BLOCK, Math.max(FIRST_BLOCK, this.block.length * 2))
    if (this.arenaBytes + size > ARENA_MAX) return false
    this.arenaBytes += size
    this.block = Buffer.allocUnsafeSlow(size)
    this.blockView = new DataView(this.block.buffer, this.block.byteOffset, size)
    this.blocks.push(this.block)
    this.blockBase += BLOCK
    this.blockUsed = 0
    return true
  }

  /**
   * Arena position (block << 20 | offset) for `n` bytes in the current block, or -1 past the
   * budget. The byte before it holds `n` (the slot keeps no length).
   */
  private reserve(n: number): number {
    if ((this.blockBase < 0 || this.blockUsed + n + 1 > this.block.length) && !this.newBlock()) return -1
    this.block[this.blockUsed] = n
    const at = this.blockBase | (this.blockUsed + 1)
    this.blockUsed += n + 1
    return at
  }
}

/** The tuple of `size` elements whose kept items are the `count` numbers `codes[from..]` (ITEM_* triples). */
function tupleOf(size: number, codes: Int32Array, from: number, count: number, memo: Memo): PyContainer {
  const items: Value[] = new Array(count / 3)
  for (let k = 0; k < items.length; k++) items[k] = itemOf(codes, from + 3 * k, memo)
  return new PyContainer('tuple', items, size)
}

/** The item encoded at `codes[at..at + 3)`. */
function itemOf(codes: Int32Array, at: number, memo: Memo): Value {
  switch (codes[at]) {
    case ITEM_INT:
      return codes[at + 1]
    case ITEM_TEXT:
      return memo.text(codes[at + 1], codes[at + 2])
    case ITEM_FLOAT:
      return FLOAT
    case ITEM_NONE:
      return null
    default:
      return codes[at] === ITEM_TRUE
  }
}

function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false
  return true
}
