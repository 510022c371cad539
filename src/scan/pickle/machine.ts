// The symbolic unpickler: a real stack, mark stack and memo run over decoded opcodes
// the way `_pickle.c` runs them, with symbolic values instead of Python objects. It
// resolves every import and call target like `find_class`, reports what the policy
// says about each, and keeps going after loader errors (reporting them) so that
// nothing later in the stream goes unseen.
import { RULES } from '../findings.js'
import type { Decoder } from './decoder.js'
import { fixImports } from './compat-pickle.js'
import { GlobalPolicy, isNestedDeserializer, type Verdict } from './globals-policy.js'
import { evaluateCall } from './literals.js'
import { CODEC, decodeText, ITEM_FALSE, ITEM_FLOAT, ITEM_INT, ITEM_NONE, ITEM_TEXT, ITEM_TRUE, LATIN1, Memo, UTF8, type ReadAt } from './memo.js'
import { HIGHEST_PROTOCOL, Op, opName } from './opcodes.js'
import { DO_NOT_LOAD, FindingSink, where } from './report.js'
import { CONTAINER_ITEMS, describe, FLOAT, PyBytes, PyContainer, PyGlobal, PyInstance, PyOpaque, type ContainerKind, type DeferredTexts, type Value } from './values.js'

const ITEM_BUDGET = 1 << 18

/**
 * Stack slot of a str the data fast path has not decoded: where its bytes are is in the
 * machine's `lazy*` arrays at the same index. Never seen outside the machine (decoded
 * first); were it to leak, it reads as an unknown value, which fails closed.
 */
const LAZY = new PyOpaque('a str')

/** No stack slot holds LAZY (a small integer, so the index arithmetic stays in small-integer code). */
const NO_LAZY = 0x3fffffff

/** Longest string argument the data fast path takes (the memo arena's limit); longer ones go through the decoder. */
const DATA_STRING_MAX = 255

/**
 * Opcodes of the data fast path (`runData`) and their fixed size; 0 for the variable-size
 * string and LONG1 arguments it takes, and for everything it leaves to `exec`.
 */
const DATA_SIZE: Uint8Array = (() => {
  const size = new Uint8Array(256)
  const one = [
    Op.MARK, Op.POP, Op.DUP, Op.NONE, Op.NEWTRUE, Op.NEWFALSE, Op.EMPTY_DICT, Op.EMPTY_LIST, Op.EMPTY_TUPLE, Op.EMPTY_SET,
    Op.TUPLE1, Op.TUPLE2, Op.TUPLE3, Op.TUPLE, Op.LIST, Op.FROZENSET, Op.DICT, Op.MEMOIZE,
    Op.APPEND, Op.APPENDS, Op.SETITEM, Op.SETITEMS, Op.ADDITEMS
  ]
  for (const code of one) size[code] = 1
  for (const code of [Op.BININT1, Op.BINGET, Op.BINPUT]) size[code] = 2
  size[Op.BININT2] = 3
  for (const code of [Op.BININT, Op.LONG_BINGET, Op.LONG_BINPUT]) size[code] = 5
  size[Op.BINFLOAT] = 9
  return size
})()

/** Every opcode the data fast path runs: the fixed-size ones, its strings, LONG1 and FRAME. */
export const DATA_OPCODES: readonly number[] = [
  ...Array.from(DATA_SIZE).flatMap((size, code) => (size > 0 ? [code] : [])),
  Op.SHORT_BINUNICODE,
  Op.BINUNICODE,
  Op.SHORT_BINSTRING,
  Op.BINSTRING,
  Op.LONG1,
  Op.FRAME
]

/**
 * 1 for pure ASCII, 2 for other valid UTF-8 with `surrogatepass` (as `text.utf8(..., true)` accepts), 0 for invalid.
 * `view` is a DataView of `buf`: ASCII is checked four bytes at a time.
 */
function utf8Kind(buf: Buffer, view: DataView, start: number, end: number): number {
  let i = start
  while (i + 4 <= end && (view.getInt32(i) & 0x80808080) === 0) i += 4
  while (i < end && buf[i] < 0x80) i++
  if (i === end) return 1
  while (i < end) {
    const b = buf[i]
    if (b < 0x80) {
      i++
    } else if (b < 0xe0) {
      if (b < 0xc2 || i + 1 >= end || (buf[i + 1] & 0xc0) !== 0x80) return 0
      i += 2
    } else if (b < 0xf0) {
      if (i + 2 >= end) return 0
      const c1 = buf[i + 1]
      // Continuation bytes; E0 needs A0–BF (shorter forms are overlong). ED A0–BF (surrogates) pass.
      if ((c1 & 0xc0) !== 0x80 || (buf[i + 2] & 0xc0) !== 0x80 || (b === 0xe0 && c1 < 0xa0)) return 0
      i += 3
    } else {
      if (b > 0xf4 || i + 3 >= end) return 0
      const c1 = buf[i + 1]
      // F0 needs 90–BF (overlong below), F4 80–8F (past U+10FFFF above).
      if ((c1 & 0xc0) !== 0x80 || (buf[i + 2] & 0xc0) !== 0x80 || (buf[i + 3] & 0xc0) !== 0x80) return 0
      if ((b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return 0
      i += 4
    }
  }
  return 2
}

/**
 * Every opcode the data fast path runs, each way it can run (a str fused with its PUT or
 * not, LAZY or decoded operands, memo slots in the arena or not), ending with an empty
 * stack but for the containers it mutates; see `Machine.warmUp`.
 */
export const WARM_UP: Buffer = (() => {
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n)
    return b
  }
  const text = (t: string): Buffer => Buffer.from(t, 'latin1')
  const framed = (body: Buffer): Buffer => Buffer.concat([text('\x95'), u32(body.length), u32(0), body])
  return Buffer.concat([
    text('}])\x8f('), // EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, EMPTY_SET, MARK
    text('\x8c\x01k\x94'), // SHORT_BINUNICODE (ASCII) + MEMOIZE
    Buffer.from([0x8c, 4, 0xe2, 0x96, 0x81, 0x76, 0x71, 5]), // SHORT_BINUNICODE (UTF-8) + BINPUT
    text('X'), u32(3), text('abc'), text('r'), u32(70000), // BINUNICODE + LONG_BINPUT
    text('U\x02ab'), text('T'), u32(2), text('\xe9x'), // SHORT_BINSTRING, BINSTRING (no PUT)
    Buffer.from([0x8c, 14]), Buffer.from('module.name.\u00e9'), Buffer.from([0x8c, 6]), Buffer.from('\u00e9\u{1f600}'), text('00'), // ASCII words; 2- and 4-byte UTF-8
    text('2\x94h\x002\x94'), // DUP, MEMOIZE of an input str; BINGET, DUP, MEMOIZE of an arena str
    text('K\x01M\x01\x02J\xfb\xff\xff\xffG'), Buffer.alloc(8), text('\x8a\x01\x80N\x88\x89'), // ints, float, LONG1, constants
    text('\x94j'), u32(4), // MEMOIZE of a decoded value, LONG_BINGET
    text('0\x87\x94\x86\x85t0'), // POP, TUPLE3 + MEMOIZE, TUPLE2, TUPLE1, TUPLE, POP
    text('(l(d(\x91(0000'), // LIST, DICT, FROZENSET from marks, POP of a mark, POPs
    text(`(${'K\x01'.repeat(64)}\x8c\x01kt0`), // a str pushed deeper than the lazy arrays' first size (they grow)
    framed(text('(K\x07\x9000K\x01a(K\x02e(e0K\x01K\x02s(K\x03K\x04u')) // a FRAME; ADDITEMS, APPEND, APPENDS (also empty), SETITEM, SETITEMS
  ])
})()

/**
 * A copy of `a` with room for index `i` and as many again. (Not a closure in `pushLazy`:
 * one there would capture its locals, and V8 would then allocate a context on every call.)
 */
function grown(a: Int32Array, i: number): Int32Array {
  const b = new Int32Array(i * 2)
  b.set(a)
  return b
}

/**
 * `stack.length = length`, without letting V8 shrink the array's backing store: setting
 * `length` far below the capacity reallocates it smaller, and the next batch of pushes
 * (a writer's SETITEMS or APPENDS batch of 1,000 items) grows it again, allocation after allocation.
 */
function truncate(stack: Value[], length: number): void {
  while (stack.length > length) stack.pop()
}

/** Length of the memo PUT opcode `code` (MEMOIZE, BINPUT, LONG_BINPUT), 0 for any other opcode. */
function putWidth(code: number): number {
  return code === Op.MEMOIZE ? 1 : code === Op.BINPUT ? 2 : code === Op.LONG_BINPUT ? 5 : 0
}

/** Length of the PUT at `buf[at]` when one starts there before `limit` and ends by `hard` (run with the opcode before it), else 0. */
function fusedPut(buf: Buffer, at: number, limit: number, hard: number): number {
  const width = at < limit ? putWidth(buf[at]) : 0
  return at + width <= hard ? width : 0
}

/** The little-endian int32 at `buf[at]` (`>>> 0` for its uint32). */
function int32(buf: Buffer, at: number): number {
  return buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24)
}

/** Memo index of the PUT or GET of length `width` at `buf[at]` (`size` for MEMOIZE). */
function memoIndex(buf: Buffer, at: number, width: number, size: number): number {
  return width === 1 ? size : width === 2 ? buf[at + 1] : int32(buf, at + 1) >>> 0
}

/** Where WARM_UP has run its first MARK; a 3-byte str and its MEMOIZE follow. */
const WARM_UP_MARKED = 5

/** A BUILD hook that asks for nothing (the warm-up's machines have one, as the file scanners' do). */
const noBuildAction: BuildHook = () => undefined

/**
 * Memo positions (arena or FILE) and metas of memo strs held undecoded by containers: entries are added in
 * the order of the LAZY placeholders they stand for. At most one per kept item (the item budget).
 */
class MemoTexts implements DeferredTexts {
  private refs: Int32Array = new Int32Array(64)
  /** Entries added. */
  size = 0

  constructor(private readonly memo: Memo) {}

  add(at: number, meta: number): void {
    if (2 * this.size + 2 > this.refs.length) this.refs = grown(this.refs, 2 * this.size + 2)
    this.refs[2 * this.size] = at
    this.refs[2 * this.size + 1] = meta
    this.size++
  }

  decode(items: Value[], from: number): void {
    let k = from
    for (let i = 0; i < items.length; i++) {
      if (items[i] !== LAZY) continue
      items[i] = this.memo.text(this.refs[2 * k], this.refs[2 * k + 1])
      k++
    }
  }
}

/** Placeholder pushed where the loader has already failed: operations on it report nothing more. */
const FAILED = new PyOpaque('the result of a failed operation', true)
const PERSISTENT = new PyOpaque('a persistent-id object (persistent_load)')
const BUFFER = new PyOpaque('an out-of-band buffer')

/**
 * What a loader does right after a BUILD (joblib's `NumpyArrayWrapper` reads the array
 * data inline from the file): skip raw bytes, or read one complete pickle inline.
 * `padded`: before the `skipBytes`, one length byte L and L padding bytes (joblib's
 * array alignment, whose length only the file says). `value` replaces the built object on the stack.
 */
export type BuildAction = { skipBytes: number; padded?: boolean; value?: Value } | { inlinePickle: true; value?: Value }

/** Called after every BUILD with the built object (the stack top) and the state it received. */
export type BuildHook = (target: Value, state: Value, offset: number) => BuildAction | undefined

/** A call that hands bytes to a deserializer; the analyzer scans them after the current step. */
export interface NestedCall {
  via: string
  offset: number
  payload: PyBytes | null
}

interface SavedState {
  stack: Value[]
  marks: number[]
  memo: Memo
  proto: number
}

export class Machine {
  private stack: Value[] = []
  /** Lowest stack index that may hold LAZY (NO_LAZY: none). */
  private lazyFrom = NO_LAZY
  /**
   * For a LAZY stack slot at index i: `lazyMeta[i]` is kind << 8 | byte length (as in the
   * memo), and `lazyAt[i]` where the bytes start: in `lazyInput` when >= 0, else at memo
   * position `~lazyAt[i]` (arena, or stream for a FILE kind). Numbers, not buffer references: the hottest stores.
   */
  private lazyAt: Int32Array = new Int32Array(64)
  private lazyMeta: Int32Array = new Int32Array(64)
  /** The input buffer of the last `runData` call. */
  private lazyInput: Buffer = Buffer.alloc(0)
  /** Opcodes run by the last `runData` call. */
  dataOps = 0
  /** Frame end (buffer index, -1 for none) after the last `runData` call. */
  dataFrameEnd = -1
  /** Where the last frame that call started begins (buffer index), or -1. */
  dataFrameStart = -1
  private marks: number[] = []
  private memo: Memo
  /** Last PROTO value of the current pickle: `find_class` remaps names when < 3. */
  proto = 0
  /** Imports and calls run in the current pickle (what a break leaves executed). */
  acted = 0
  /** Nested deserializer calls waiting to be scanned. */
  readonly nested: NestedCall[] = []
  /** Set by BUILD when the hook asks the loader to read inline data. */
  buildAction: BuildAction | undefined
  private readonly saved: SavedState[] = []
  private readonly globals = new Map<string, PyGlobal>()
  /** Container values kept per stream: bounds memory on pickles that build millions of small lists. */
  private itemBudget = ITEM_BUDGET
  private readonly spentContainers = new Map<ContainerKind, PyContainer>()
  /** `spent('tuple')`, the placeholder of most tuples in a large pickle. */
  private readonly spentTuple: PyContainer
  /** Scratch for `tupleCodes` (TUPLE1-3: at most three items). */
  private readonly codes = new Int32Array(9)
  /** Memo strs that tuples hold undecoded (see `keptTuple`); one table per memo. */
  private deferredTexts: MemoTexts | undefined

  /** `file`: reads the stream back (a local file), so the memo keeps strs as stream positions (see memo.ts). */
  constructor(
    private readonly sink: FindingSink,
    private readonly policy: GlobalPolicy,
    private readonly onBuild?: BuildHook,
    private readonly file?: ReadAt
  ) {
    this.memo = new Memo(file)
    this.spentTuple = this.spent('tuple')
    Machine.warmUp()
  }

  private static warm = false

  /**
   * V8 compiles `runData` from the operand types it has seen. A large pickle that reaches
   * an opcode late (BININT only past entry 65,535, a first DUP after megabytes) makes the
   * compiled loop bail out and be compiled again, tens of milliseconds each time, while the
   * scan runs unoptimized. Running WARM_UP first (with and without item budget, a few times:
   * V8 keeps types only once a function has run several times), half of them with a memo that
   * reads strs back from the stream (a local file), shows it every case up front.
   */
  private static warmUp(): void {
    if (Machine.warm) return
    Machine.warm = true
    const file: ReadAt = (into, offset, length) => WARM_UP.copy(into, 0, offset, offset + length)
    for (let i = 0; i < 16; i++) {
      const machine = new Machine(new FindingSink(undefined), new GlobalPolicy([]), noBuildAction, i < 8 ? undefined : file)
      machine.startPickle()
      if (i % 2 === 1) machine.itemBudget = 0
      machine.warmUpPass(i % 4 < 2)
    }
  }

  /**
   * One warm-up pass on a fresh machine: WARM_UP through `runData` as scans call it (stopped
   * by a buffer's end inside an opcode, then by a frame's end inside one, then to the end with
   * a frame that ends between opcodes, or none; each call entered with a mark open), then memo
   * writes of each kind of value that `exec` and decoded slots make. Returns where the calls stopped.
   */
  warmUpPass(frame: boolean): number[] {
    const end = WARM_UP.length
    const at = WARM_UP_MARKED
    const base = this.file !== undefined ? 0 : -1
    const stops = [
      this.runData(WARM_UP, 0, end, at + 2, end, -1, base),
      this.runData(WARM_UP, at, end, end, end, at + 1, base),
      this.runData(WARM_UP, at, end, end, end, frame ? at + 3 : -1, base)
    ]
    for (const value of ['k', '\u2581', 7, null, FLOAT, this.spentTuple]) this.memo.set(this.memo.size, value)
    return stops
  }

  /** A new `load()`: fresh stack, memo and protocol. */
  startPickle(): void {
    this.stack = []
    this.lazyFrom = NO_LAZY
    this.marks = []
    this.memo = new Memo(this.file)
    this.deferredTexts = undefined
    this.proto = 0
    this.acted = 0
  }

  /** Runs a pickle inline (joblib object arrays) and comes back to this one at its STOP. */
  pushPickle(): void {
    this.saved.push({ stack: this.stack, marks: this.marks, memo: this.memo, proto: this.proto })
    this.startPickle()
  }

  /** True when a STOP ends an inline pickle (the outer one continues); its result was pushed there. */
  popPickle(result: Value): boolean {
    const outer = this.saved.pop()
    if (outer === undefined) return false
    ;({ stack: this.stack, marks: this.marks, memo: this.memo, proto: this.proto } = outer)
    this.lazyFrom = NO_LAZY // the outer stack was decoded before the BUILD that started the inline pickle
    this.stack[this.stack.length - 1] = result
    return true
  }

  /** STOP: returns the top of the stack. */
  stop(offset: number): Value {
    if (this.lazyFrom < this.stack.length) this.materialize()
    return this.pop(offset)
  }

  /** Executes one decoded opcode (all but STOP and FRAME, which the analyzer handles). */
  exec(d: Decoder, offset: number): void {
    if (this.lazyFrom < this.stack.length) this.materialize()
    const s = this.stack
    switch (d.code) {
      case Op.MARK:
        this.marks.push(s.length)
        return
      case Op.POP:
        if (this.marks.length > 0 && this.marks[this.marks.length - 1] === s.length) this.marks.pop()
        else this.pop(offset)
        return
      case Op.POP_MARK: {
        const mark = this.popMark(offset)
        if (mark >= 0) truncate(s, mark)
        return
      }
      case Op.DUP:
        s.push(this.peek(offset))
        return
      case Op.BININT:
      case Op.BININT1:
      case Op.BININT2:
        s.push(d.num | 0) // an int32 again: stored as a small integer, not a boxed double
        return
      case Op.NONE:
        s.push(null)
        return
      case Op.NEWTRUE:
        s.push(true)
        return
      case Op.NEWFALSE:
        s.push(false)
        return
      case Op.FLOAT:
      case Op.INT:
      case Op.LONG:
      case Op.STRING:
      case Op.UNICODE:
      case Op.BINFLOAT:
      case Op.BINSTRING:
      case Op.SHORT_BINSTRING:
      case Op.BINUNICODE:
      case Op.SHORT_BINUNICODE:
      case Op.BINUNICODE8:
      case Op.BINBYTES:
      case Op.SHORT_BINBYTES:
      case Op.BINBYTES8:
      case Op.BYTEARRAY8:
      case Op.LONG1:
      case Op.LONG4:
        if (d.fault !== null) this.sink.malformed(offset, d.fault)
        s.push(d.value)
        return
      case Op.EMPTY_DICT:
        s.push(this.container('dict', []))
        return
      case Op.EMPTY_LIST:
        s.push(this.container('list', []))
        return
      case Op.EMPTY_TUPLE:
        s.push(this.container('tuple', []))
        return
      case Op.EMPTY_SET:
        s.push(this.container('set', []))
        return
      case Op.TUPLE1:
      case Op.TUPLE2:
      case Op.TUPLE3: {
        const n = d.code - Op.TUPLE1 + 1
        const items: Value[] = new Array(n)
        for (let i = n - 1; i >= 0; i--) items[i] = this.pop(offset)
        s.push(this.container('tuple', items))
        return
      }
      case Op.TUPLE:
      case Op.LIST:
      case Op.FROZENSET:
        s.push(this.fromMark(d.code === Op.TUPLE ? 'tuple' : d.code === Op.LIST ? 'list' : 'frozenset', offset))
        return
      case Op.DICT:
        s.push(this.fromMark('dict', offset))
        return
      case Op.GET:
      case Op.BINGET:
      case Op.LONG_BINGET:
        if (d.fault !== null) {
          this.sink.malformed(offset, d.fault)
          s.push(FAILED)
        } else s.push(this.memoGet(d.num, offset))
        return
      case Op.PUT:
      case Op.BINPUT:
      case Op.LONG_BINPUT:
        if (d.fault !== null) this.sink.malformed(offset, d.fault)
        else this.memoPut(d.num, offset)
        return
      case Op.MEMOIZE:
        this.memoPut(this.memo.size, offset)
        return
      case Op.PROTO:
        if (d.num > HIGHEST_PROTOCOL) this.sink.malformed(offset, `unsupported pickle protocol: ${d.num}`)
        else this.proto = d.num
        return
      case Op.PERSID:
        if (d.fault !== null) this.sink.malformed(offset, d.fault)
        s.push(PERSISTENT)
        return
      case Op.BINPERSID:
        this.pop(offset)
        s.push(PERSISTENT)
        return
      case Op.NEXT_BUFFER:
        s.push(BUFFER)
        return
      case Op.READONLY_BUFFER:
        this.peek(offset)
        return
      case Op.GLOBAL:
        s.push(d.fault !== null ? this.failed(offset, d.fault) : this.importGlobal(d.module, d.name, d.namesTruncated, offset))
        return
      case Op.STACK_GLOBAL: {
        const name = this.pop(offset)
        const module = this.pop(offset)
        s.push(this.stackGlobal(module, name, offset))
        return
      }
      case Op.EXT1:
      case Op.EXT2:
      case Op.EXT4:
        s.push(this.extension(d.num, offset))
        return
      case Op.REDUCE: {
        const args = this.pop(offset)
        const callee = this.pop(offset)
        s.push(this.call(callee, args, 'REDUCE', offset))
        return
      }
      case Op.NEWOBJ: {
        const args = this.pop(offset)
        const cls = this.pop(offset)
        s.push(this.call(cls, args, 'NEWOBJ', offset))
        return
      }
      case Op.NEWOBJ_EX: {
        this.pop(offset) // kwargs
        const args = this.pop(offset)
        const cls = this.pop(offset)
        s.push(this.call(cls, args, 'NEWOBJ_EX', offset))
        return
      }
      case Op.OBJ: {
        const mark = this.popMark(offset)
        if (mark < 0 || s.length - mark < 1) {
          if (mark >= 0) this.sink.malformed(offset, 'unpickling stack underflow (OBJ without a class)')
          s.push(FAILED)
          return
        }
        const items = s.splice(mark)
        s.push(this.call(items[0], this.container('tuple', items.slice(1)), 'OBJ', offset))
        return
      }
      case Op.INST: {
        const mark = this.popMark(offset)
        if (mark < 0) {
          s.push(FAILED)
          return
        }
        const cls = d.fault !== null ? this.failed(offset, d.fault) : this.importGlobal(d.module, d.name, d.namesTruncated, offset)
        s.push(this.call(cls, this.container('tuple', s.splice(mark)), 'INST', offset))
        return
      }
      case Op.BUILD:
        this.build(offset)
        return
      case Op.APPEND: {
        const x = s.length - 1
        if (x <= 0) return this.underflow(offset)
        this.mutate(s[x - 1], 'list', x, 'APPEND', offset)
        return
      }
      case Op.SETITEM: {
        const x = s.length - 2
        if (x <= 0) return this.underflow(offset)
        this.mutate(s[x - 1], 'dict', x, 'SETITEM', offset)
        return
      }
      case Op.APPENDS:
      case Op.SETITEMS:
      case Op.ADDITEMS: {
        const mark = this.popMark(offset)
        if (mark < 0) return
        if (mark === 0) return this.underflow(offset)
        if (s.length === mark) return // an empty region makes no call
        const kind = d.code === Op.APPENDS ? 'list' : d.code === Op.SETITEMS ? 'dict' : 'set'
        if (kind === 'dict' && (s.length - mark) % 2 !== 0) {
          this.sink.malformed(offset, 'odd number of items for SETITEMS')
          truncate(s, mark)
          return
        }
        this.mutate(s[mark - 1], kind, mark, opName(d.code), offset)
        return
      }
    }
  }

  // -- data fast path --------------------------------------------------------

  /**
   * Runs plain data opcodes straight from `buf[pos..]`: constants, short strings, MARK,
   * containers built from literals, memo PUT/GET, APPEND(S)/SETITEM(S)/ADDITEMS on
   * literal containers. These are most of any large pickle, and none of them can act or
   * report anything while the stack and memo are consistent. The first opcode that could
   * (any other opcode, an underflow, a missing memo slot, invalid UTF-8, a mutation of a
   * non-literal, an argument past `end`, an opcode crossing `frameEnd`) is left for
   * `exec`, untouched, so the generic path decides and reports exactly as before.
   * Strings are pushed undecoded (LAZY); the memo keeps their bytes. They are decoded
   * when a container keeps them and before `exec` or `stop` runs.
   *
   * FRAMEs that the buffer holds whole are tracked here as well; `frameEnd` is the current
   * frame's end (buffer index, -1 for none). Stops before `limit` (an opcode index) or after
   * `maxOps` opcodes. Returns the index after the last opcode run; `dataOps`, `dataFrameEnd`
   * and `dataFrameStart` report the rest. `base`: where `buf[0]` lies in the stream the
   * machine's `file` reads (-1 when it has none).
   */
  runData(buf: Buffer, pos: number, limit: number, end: number, maxOps: number, frameEnd: number, base = -1): number {
    const s = this.stack
    const marks = this.marks
    const memo = this.memo
    let fence = marks.length > 0 ? marks[marks.length - 1] : 0
    let ops = 0
    if (limit > end) limit = end
    if (buf !== this.lazyInput) {
      this.releaseInput()
      this.lazyInput = buf
    }
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
    this.dataFrameStart = -1
    // No opcode may end past `hard`: the buffer's end, or the current frame's when it comes first.
    let hard = end
    if (frameEnd >= 0) {
      if (pos >= frameEnd) frameEnd = -1
      else if (frameEnd < end) hard = frameEnd
    }
    loop: while (pos < limit && ops < maxOps) {
      const code = buf[pos]
      let next = pos + DATA_SIZE[code]
      let length = 0
      if (next === pos) {
        if (code === Op.SHORT_BINUNICODE || code === Op.SHORT_BINSTRING || code === Op.LONG1) {
          if (pos + 2 > end) break
          length = buf[pos + 1]
          next = pos + 2 + length
        } else if (code === Op.BINUNICODE || code === Op.BINSTRING) {
          if (pos + 5 > end) break
          length = int32(buf, pos + 1)
          if (length < 0 || length > DATA_STRING_MAX) break
          next = pos + 5 + length
        } else if (code === Op.FRAME) next = pos + 9
        else break
      }
      if (next > hard) {
        // Past the buffer, or crossing the frame's end (left to the generic path), unless the frame ended before this opcode.
        if (next > end || hard === end || pos < frameEnd) break
        frameEnd = -1
        hard = end
      }
      // Case labels are literals (checked against Op by the compiler): with property reads
      // for labels, V8 compiles the hottest switch of the scanner into a chain of loads and compares.
      switch (code) {
        case 0x28 satisfies typeof Op.MARK:
          fence = s.length
          marks.push(fence)
          break
        case 0x95 satisfies typeof Op.FRAME: {
          // A frame this buffer holds whole (all the analyzer's prefill would make sure of). One
          // that starts inside the current frame (frameEnd >= 0 means pos < frameEnd here) is
          // left to the analyzer, which reports it.
          const size = int32(buf, pos + 1) >>> 0
          if (frameEnd >= 0 || int32(buf, pos + 5) !== 0 || next + size > end) break loop
          this.dataFrameStart = pos
          frameEnd = next + size
          hard = frameEnd
          break
        }
        case 0x4b satisfies typeof Op.BININT1:
          s.push(buf[pos + 1])
          break
        case 0x4d satisfies typeof Op.BININT2:
          s.push(buf[pos + 1] | (buf[pos + 2] << 8))
          break
        case 0x4a satisfies typeof Op.BININT:
          s.push(int32(buf, pos + 1))
          break
        case 0x4e satisfies typeof Op.NONE:
          s.push(null)
          break
        case 0x88 satisfies typeof Op.NEWTRUE:
          s.push(true)
          break
        case 0x89 satisfies typeof Op.NEWFALSE:
          s.push(false)
          break
        case 0x47 satisfies typeof Op.BINFLOAT:
          s.push(FLOAT)
          break
        case 0x8c satisfies typeof Op.SHORT_BINUNICODE:
        case 0x58 satisfies typeof Op.BINUNICODE:
        case 0x55 satisfies typeof Op.SHORT_BINSTRING:
        case 0x54 satisfies typeof Op.BINSTRING: {
          let kind = CODEC
          if (code === Op.SHORT_BINUNICODE || code === Op.BINUNICODE) {
            const utf8 = utf8Kind(buf, view, next - length, next)
            if (utf8 === 0) break loop
            kind = utf8 === 1 ? LATIN1 : UTF8
          }
          this.pushLazy(next - length, (kind << 8) | length)
          // Writers memoize every str right after it: run that PUT here too when it lies within
          // `hard` (anything else, and the frame's end, is left to the PUT's own step). The
          // stack can sit below the top mark after a malformed opcode: that PUT is the generic path's.
          const width = ops + 1 < maxOps && s.length > fence ? fusedPut(buf, next, limit, hard) : 0
          if (width === 0) break
          // The slot now reads the memo's copy: it no longer needs this input buffer (see `releaseInput`).
          const kept = memo.setBytes(memoIndex(buf, next, width, memo.size), buf, next - length, next, kind, base)
          if (kept >= 0) {
            this.lazyAt[s.length - 1] = ~kept
            this.lazyMeta[s.length - 1] = memo.storedMeta
          }
          pos = next + width
          ops += 2
          continue
        }
        case 0x85 satisfies typeof Op.TUPLE1:
        case 0x86 satisfies typeof Op.TUPLE2:
        case 0x87 satisfies typeof Op.TUPLE3: {
          const n = code - Op.TUPLE1 + 1
          const at = s.length - n
          if (at < fence) break loop
          const tuple = this.itemBudget > 0 ? this.keptTuple(at, n) : this.spentTuple
          // Writers memoize every tuple too: its PUT runs here, as for a str (a kept tuple of plain items as numbers).
          const width = ops + 1 < maxOps ? fusedPut(buf, next, limit, hard) : 0
          const codes = width > 0 && tuple !== this.spentTuple ? this.tupleCodes(at, tuple.keptCount) : -1
          for (let i = 1; i < n; i++) s.pop()
          s[at] = tuple
          if (width === 0) break
          if (codes >= 0) memo.setTuple(memoIndex(buf, next, width, memo.size), tuple.size, this.codes, codes)
          else memo.set(memoIndex(buf, next, width, memo.size), tuple)
          pos = next + width
          ops += 2
          continue
        }
        case 0x94 satisfies typeof Op.MEMOIZE:
        case 0x71 satisfies typeof Op.BINPUT:
        case 0x72 satisfies typeof Op.LONG_BINPUT: {
          if (s.length <= fence) break loop
          const index = memoIndex(buf, pos, next - pos, memo.size)
          const top = s.length - 1
          if (s[top] !== LAZY) memo.set(index, s[top])
          else {
            const at = this.lazyAt[top]
            const meta = this.lazyMeta[top]
            if (at < 0) memo.setArena(index, ~at, meta)
            else {
              const kept = memo.setBytes(index, buf, at, at + (meta & 0xff), meta >> 8, base)
              if (kept >= 0) {
                this.lazyAt[top] = ~kept
                this.lazyMeta[top] = memo.storedMeta
              }
            }
          }
          break
        }
        case 0x68 satisfies typeof Op.BINGET:
        case 0x6a satisfies typeof Op.LONG_BINGET: {
          const v = memo.getBytes(memoIndex(buf, pos, next - pos, memo.size), LAZY)
          if (v === undefined) break loop
          if (v === LAZY) this.pushLazy(~memo.hitAt, memo.hitMeta)
          else s.push(v)
          break
        }
        default:
          // The rarer data opcodes (per opcode: batch mutations count once per batch).
          if (!this.dataRare(buf, pos, next, code, fence)) break loop
          fence = marks.length > 0 ? marks[marks.length - 1] : 0
      }
      pos = next
      ops++
    }
    this.dataOps = ops
    this.dataFrameEnd = frameEnd
    return pos
  }

  /**
   * One of the data opcodes that are rare in large pickles, or rare per opcode (a batch
   * mutation counts once per batch), kept out of `runData`'s loop so that V8 compiles the
   * loop sooner: the opcode at `buf[pos..next)`, `fence` the top mark (or 0). False leaves
   * it to `exec`, untouched. The caller re-reads the fence.
   */
  private dataRare(buf: Buffer, pos: number, next: number, code: number, fence: number): boolean {
    const s = this.stack
    const marks = this.marks
    switch (code) {
      case Op.POP:
        if (marks.length > 0 && fence === s.length) marks.pop()
        else if (s.length <= fence) return false
        else s.length--
        return true
      case Op.DUP: {
        const top = s.length - 1
        if (top < fence) return false
        if (s[top] === LAZY) this.pushLazy(this.lazyAt[top], this.lazyMeta[top])
        else s.push(s[top])
        return true
      }
      case Op.LONG1: {
        // As the decoder's littleEndianInt for up to 6 bytes (exact in a double); longer ones go through it.
        const length = next - pos - 2
        if (length > 6) return false
        let small = 0
        for (let i = next - 1; i >= pos + 2; i--) small = small * 256 + buf[i]
        s.push(length > 0 && buf[next - 1] & 0x80 ? small - 2 ** (8 * length) : small)
        return true
      }
      case Op.EMPTY_DICT:
      case Op.EMPTY_LIST:
      case Op.EMPTY_TUPLE:
      case Op.EMPTY_SET:
        s.push(this.container(code === Op.EMPTY_DICT ? 'dict' : code === Op.EMPTY_LIST ? 'list' : code === Op.EMPTY_TUPLE ? 'tuple' : 'set', []))
        return true
      case Op.TUPLE:
      case Op.LIST:
      case Op.FROZENSET:
      case Op.DICT: {
        if (marks.length === 0) return false
        const mark = fence
        if (code === Op.DICT && (s.length - mark) % 2 !== 0) return false
        marks.pop()
        const type: ContainerKind = code === Op.TUPLE ? 'tuple' : code === Op.LIST ? 'list' : code === Op.DICT ? 'dict' : 'frozenset'
        if (this.itemBudget <= 0) {
          truncate(s, mark)
          s.push(this.spent(type))
          return true
        }
        this.decodeRange(mark, mark + Math.min(s.length - mark, CONTAINER_ITEMS, this.itemBudget))
        s.push(this.container(type, s.splice(mark)))
        return true
      }
      case Op.APPEND:
      case Op.SETITEM: {
        const start = s.length - (code === Op.APPEND ? 1 : 2)
        if (start <= 0) return false
        const target = s[start - 1]
        if (!(target instanceof PyContainer) || target.type !== (code === Op.APPEND ? 'list' : 'dict')) return false
        this.addItems(target, start)
        return true
      }
      case Op.APPENDS:
      case Op.SETITEMS:
      case Op.ADDITEMS: {
        if (marks.length === 0) return false
        const mark = fence
        if (mark === 0) return false
        if (s.length !== mark) {
          const kind = code === Op.APPENDS ? 'list' : code === Op.SETITEMS ? 'dict' : 'set'
          if (kind === 'dict' && (s.length - mark) % 2 !== 0) return false
          const target = s[mark - 1]
          if (!(target instanceof PyContainer) || target.type !== kind) return false
          this.addItems(target, mark)
        }
        marks.pop()
        return true
      }
    }
    return false
  }

  /** TUPLE1–3 while the item budget lasts: a tuple of the stack's top `n` values (from `at`), decoded. */
  private keptTuple(at: number, n: number): PyContainer {
    const s = this.stack
    const items: Value[] = new Array(n)
    let from = -1
    for (let i = 0; i < n; i++) {
      const j = at + i
      if (s[j] === LAZY && this.lazyAt[j] < 0) {
        // A str the memo keeps: left undecoded until something reads the tuple (few ever do,
        // and decoding every one costs more than the rest of the tuple).
        this.deferredTexts ??= new MemoTexts(this.memo)
        if (from < 0) from = this.deferredTexts.size
        this.deferredTexts.add(~this.lazyAt[j], this.lazyMeta[j])
        items[i] = LAZY
      } else items[i] = s[j] === LAZY ? this.slotText(j) : s[j]
    }
    const tuple = this.container('tuple', items)
    if (from >= 0) tuple.defer(this.deferredTexts!, from)
    return tuple
  }

  /**
   * The stack's `kept` values from `at` as ITEM_* triples in `this.codes` (for `Memo.setTuple`):
   * how many numbers, or -1 when one is not plain data (an int32, a memo str, a float, None, a bool).
   */
  private tupleCodes(at: number, kept: number): number {
    const s = this.stack
    const codes = this.codes
    for (let i = 0; i < kept; i++) {
      const j = at + i
      const v = s[j]
      const k = 3 * i
      if (v === LAZY) {
        if (this.lazyAt[j] >= 0) return -1 // its bytes are in the input buffer, not the memo's
        codes[k] = ITEM_TEXT
        codes[k + 1] = ~this.lazyAt[j]
        codes[k + 2] = this.lazyMeta[j]
      } else if (typeof v === 'number') {
        if ((v | 0) !== v || Object.is(v, -0)) return -1
        codes[k] = ITEM_INT
        codes[k + 1] = v
      } else if (v === FLOAT || v === null || typeof v === 'boolean') codes[k] = v === FLOAT ? ITEM_FLOAT : v === null ? ITEM_NONE : v ? ITEM_TRUE : ITEM_FALSE
      else return -1
    }
    return 3 * kept
  }

  /** `mutate` on a literal container of the right type: the items from `start` up, decoded where kept, leave the stack. */
  private addItems(target: PyContainer, start: number): void {
    const s = this.stack
    let room = Math.min(CONTAINER_ITEMS - target.items.length, s.length - start, this.itemBudget)
    if (target.type === 'dict') room &= ~1
    if (room > 0) this.decodeRange(start, start + room)
    this.itemBudget -= target.addRange(s, start, this.itemBudget)
    truncate(s, start)
  }

  /** Pushes a str as LAZY: bytes at `at` (see `lazyAt`) with meta `meta` (kind << 8 | length). */
  private pushLazy(at: number, meta: number): void {
    const i = this.stack.length
    if (i >= this.lazyAt.length) {
      this.lazyAt = grown(this.lazyAt, i)
      this.lazyMeta = grown(this.lazyMeta, i)
    }
    this.lazyAt[i] = at
    this.lazyMeta[i] = meta
    if (i < this.lazyFrom) this.lazyFrom = i
    this.stack.push(LAZY)
  }

  /** The str of the LAZY stack slot `i` (a placeholder when a FILE str changed, see `Memo.text`). */
  private slotText(i: number): string | PyOpaque {
    const at = this.lazyAt[i]
    const meta = this.lazyMeta[i]
    return at >= 0 ? decodeText(this.lazyInput, at, at + (meta & 0xff), meta >> 8) : this.memo.text(~at, meta)
  }

  /** Decodes the LAZY stack slots in [from, to). */
  private decodeRange(from: number, to: number): void {
    const s = this.stack
    for (let i = from; i < to; i++) if (s[i] === LAZY) s[i] = this.slotText(i)
  }

  /** Decodes every LAZY slot left on the stack: what `exec` and `stop` see are plain values. */
  materialize(): void {
    this.decodeRange(this.lazyFrom, this.stack.length)
    this.lazyFrom = NO_LAZY
  }

  /**
   * Decodes the LAZY slots whose bytes are in the input buffer (not those read from the memo's
   * copy, most of them, as writers memoize every str): the analyzer calls it before the input
   * lets go of that buffer.
   */
  releaseInput(): void {
    const s = this.stack
    for (let i = this.lazyFrom; i < s.length; i++) if (s[i] === LAZY && this.lazyAt[i] >= 0) s[i] = this.slotText(i)
  }

  // -- stack -----------------------------------------------------------------

  private fence(): number {
    return this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0
  }

  private underflow(offset: number): void {
    this.sink.malformed(offset, 'unpickling stack underflow')
  }

  private pop(offset: number): Value {
    if (this.stack.length <= this.fence()) {
      this.underflow(offset)
      return FAILED
    }
    return this.stack.pop()!
  }

  private peek(offset: number): Value {
    if (this.stack.length <= this.fence()) {
      this.underflow(offset)
      return FAILED
    }
    return this.stack[this.stack.length - 1]
  }

  /** `marker()`: pops the top mark; -1 (reported) when there is none. */
  private popMark(offset: number): number {
    const mark = this.marks.pop()
    if (mark === undefined) {
      this.sink.malformed(offset, 'could not find MARK')
      return -1
    }
    return mark
  }

  private fromMark(type: ContainerKind, offset: number): Value {
    const mark = this.popMark(offset)
    if (mark < 0) return FAILED
    const items = this.stack.splice(mark)
    if (type === 'dict' && items.length % 2 !== 0) {
      this.sink.malformed(offset, 'odd number of items for DICT')
      return FAILED
    }
    return this.container(type, items)
  }

  /** A container of `items`, keeping what the per-container cap and the stream's item budget allow. */
  private container(type: ContainerKind, items: Value[]): PyContainer {
    const size = type === 'dict' ? items.length >> 1 : items.length
    if (this.itemBudget <= 0) return this.spent(type)
    let keep = Math.min(items.length, CONTAINER_ITEMS, this.itemBudget)
    if (type === 'dict') keep &= ~1
    if (keep < items.length) items.length = keep
    this.itemBudget -= keep
    return new PyContainer(type, items, size)
  }

  /**
   * Once the item budget is spent, one shared contentless container per type stands
   * for all new ones: their contents are unknown anyway, and millions of memoized
   * small lists then cost nothing.
   */
  private spent(type: ContainerKind): PyContainer {
    let shared = this.spentContainers.get(type)
    if (shared === undefined) {
      shared = new PyContainer(type, [], 1) // size > kept items: partial
      this.spentContainers.set(type, shared)
    }
    return shared
  }

  private failed(offset: number, problem: string): Value {
    this.sink.malformed(offset, problem)
    return FAILED
  }

  // -- memo ------------------------------------------------------------------

  private memoGet(index: number, offset: number): Value {
    const value = this.memo.get(index)
    if (value !== undefined) return value
    this.sink.malformed(offset, `Memo value not found at index ${index}`)
    // Not FAILED: a loader that keeps one Unpickler across load() calls has this slot from an earlier pickle.
    return new PyOpaque(`missing memo slot ${index}`)
  }

  private memoPut(index: number, offset: number): void {
    this.memo.set(index, this.peek(offset))
  }

  // -- imports ---------------------------------------------------------------

  /** `find_class(module, name)`: Python 2 remapping below protocol 3, then the policy. */
  private importGlobal(module: string, name: string, truncated: boolean, offset: number): PyGlobal {
    this.acted++
    if (truncated) return this.dynamic(`${module}….${name}…`, 'a GLOBAL name too long to keep', offset)
    const [mod, qual] = this.proto < 3 ? fixImports(module, name) : [module, name]
    const key = `${mod}\0${qual}`
    let global = this.globals.get(key)
    const verdict = this.policy.judge(mod, qual)
    if (global === undefined) {
      global = new PyGlobal(verdict.name, offset, verdict.caps)
      this.globals.set(key, global)
    }
    const written = mod !== module || qual !== name ? `${module}.${name}` : undefined
    this.report(verdict, written, offset)
    return global
  }

  private report(verdict: Verdict, written: string | undefined, offset: number): void {
    const at = where(offset, this.sink.entry)
    // Names are never trimmed (the loader does not): show control characters such as CR.
    const name = /[\x00-\x1f\x7f]/.test(verdict.name) ? JSON.stringify(verdict.name) : verdict.name
    const via = written !== undefined ? ` (written ${written}, remapped for protocol < 3)` : ''
    const reached = verdict.reached !== undefined ? `, which reaches ${verdict.reached}` : ''
    if (verdict.level === 'dangerous') {
      this.sink.add(
        RULES.dangerousGlobal,
        'critical',
        offset,
        verdict.name,
        () => `Pickle imports ${name}${via}${reached} ${at}: ${verdict.category}. Loading this file runs it. ${DO_NOT_LOAD}`,
        verdict.reached !== undefined ? { reached: verdict.reached } : undefined
      )
    } else if (verdict.level === 'unknown') {
      this.sink.add(
        RULES.unknownGlobal,
        'high',
        offset,
        verdict.name,
        () =>
          `Pickle imports ${name}${via} ${at}, which is not on the allowlist: loading this file imports and may call it. ` +
          `If you trust this code, allow it with --allow-global ${suggestPattern(name)} (action input allow-globals); better, save the model without pickle (safetensors, ONNX, skops).`
      )
    }
  }

  private dynamic(name: string, why: string, offset: number): PyGlobal {
    this.sink.add(
      RULES.dynamicGlobal,
      'critical',
      offset,
      name,
      () => `Pickle computes the callable it imports or calls ${where(offset, this.sink.entry)} (${why}): it cannot be checked statically. ${DO_NOT_LOAD}`
    )
    return new PyGlobal(name, offset, null, true)
  }

  /** STACK_GLOBAL: both operands must be exact str; anything computed is a dynamic global. */
  private stackGlobal(module: Value, name: Value, offset: number): Value {
    if (typeof module === 'string' && typeof name === 'string') return this.importGlobal(module, name, false, offset)
    if (module === FAILED || name === FAILED) return FAILED
    const computed = [module, name].find(isComputed)
    if (computed === undefined) return this.failed(offset, `STACK_GLOBAL requires str (got ${describe(typeof module === 'string' ? name : module)})`)
    this.acted++
    const part = (v: Value): string => (typeof v === 'string' ? v : `<${describe(v)}>`)
    return this.dynamic(`${part(module)}.${part(name)}`, `STACK_GLOBAL operand is ${describe(computed)}`, offset)
  }

  /** EXT1/2/4: a code from the copyreg extension registry, which any imported library may fill. */
  private extension(code: number, offset: number): Value {
    if (code <= 0) return this.failed(offset, 'EXT specifies code <= 0')
    this.acted++
    return this.dynamic(`copyreg extension code ${code}`, 'EXT opcode: resolved through the runtime copyreg registry', offset)
  }

  // -- calls and mutation ----------------------------------------------------

  private call(callee: Value, args: Value, how: string, offset: number): Value {
    if (callee === FAILED) return FAILED
    this.acted++
    if (callee instanceof PyGlobal) {
      if (!callee.dynamic && callee.allowed !== null && !callee.allowed.call) {
        this.sink.add(
          RULES.unknownGlobal,
          'high',
          offset,
          `${callee.name} (called)`,
          () => `${how} ${where(offset, this.sink.entry)} calls ${callee.name}, which is allowlisted only as a value, not as a callable. ${DO_NOT_LOAD}`
        )
      }
      if (!callee.dynamic && isNestedDeserializer(callee.name)) this.queueNested(callee.name, args, offset)
      const literal = evaluateCall(callee.name, args, offset)
      if (literal !== undefined) return literal
      if (how === 'REDUCE' && args !== FAILED && isConstant(args) && !(args instanceof PyContainer && args.type === 'tuple')) {
        this.sink.malformed(offset, `REDUCE arguments must be a tuple (got ${describe(args)})`)
      }
      return new PyInstance(callee, args, offset)
    }
    if (isComputed(callee)) {
      this.dynamic(`<${describe(callee)}>()`, `${how} calls ${describe(callee)}, a value computed at load time`, offset)
      return new PyInstance(callee, args, offset)
    }
    return this.failed(offset, `${how}: ${describe(callee)} is not callable`)
  }

  private queueNested(via: string, args: Value, offset: number): void {
    const payloads = collectBytes(args, 3)
    if (payloads.length === 0 && containsUnknown(args, 3)) this.nested.push({ via, offset, payload: null })
    for (const payload of payloads) this.nested.push({ via, offset, payload })
  }

  private build(offset: number): void {
    const s = this.stack
    if (s.length - 2 < this.fence()) return this.underflow(offset)
    const state = s.pop()!
    const target = s[s.length - 1]
    if (target === FAILED) return
    this.acted++
    const at = where(offset, this.sink.entry)
    if (target instanceof PyGlobal) {
      if (!target.dynamic) {
        this.sink.add(
          RULES.dangerousGlobal,
          'critical',
          offset,
          `${target.name} (BUILD target)`,
          () => `BUILD ${at} writes attributes into ${target.name} itself (a module, class or function object), poisoning it for everything loaded after. ${DO_NOT_LOAD}`
        )
      }
    } else if (target instanceof PyInstance) {
      const cls = target.cls
      if (cls !== null && cls.allowed !== null && !cls.allowed.build) {
        this.sink.add(
          RULES.unknownGlobal,
          'high',
          offset,
          `${cls.name} (BUILD)`,
          () => `BUILD ${at} sets the state of a ${cls.name} result, which the allowlist does not permit (it runs __setstate__ or setattr). ${DO_NOT_LOAD}`
        )
      }
    } else if (!(target instanceof PyOpaque)) {
      this.sink.malformed(offset, `BUILD on ${describe(target)}, which has no state to set`)
    }
    this.buildAction = this.onBuild?.(target, state, offset)
    if (this.buildAction?.value !== undefined) s[s.length - 1] = this.buildAction.value
  }

  /**
   * APPEND(S), SETITEM(S), ADDITEMS of the stack items from `start` up: in place on a
   * literal container, a method call on anything else. The items leave the stack.
   */
  private mutate(target: Value | undefined, kind: 'list' | 'dict' | 'set', start: number, how: string, offset: number): void {
    // After error recovery the stack can sit below a recorded mark: the loader would have stopped.
    if (target === undefined) return this.underflow(offset)
    const s = this.stack
    if (target instanceof PyContainer) {
      if (target.type === kind) this.itemBudget -= target.addRange(s, start, this.itemBudget)
      else if (!(kind === 'dict' && target.type === 'list')) {
        // `list[i] = v` is plain item assignment; anything else raises in the loader
        this.sink.malformed(offset, `${how} on a ${target.type}`)
      }
      truncate(s, start)
      return
    }
    truncate(s, start)
    if (target === FAILED) return
    this.acted++
    const at = where(offset, this.sink.entry)
    const method = kind === 'list' ? 'extend/append' : kind === 'dict' ? '__setitem__' : 'add'
    if (target instanceof PyGlobal) {
      if (!target.dynamic) {
        this.sink.add(
          RULES.dangerousGlobal,
          'critical',
          offset,
          `${target.name} (${how} target)`,
          () => `${how} ${at} mutates ${target.name} itself through ${method}, poisoning a module-level object. ${DO_NOT_LOAD}`
        )
      }
      return
    }
    if (target instanceof PyInstance) {
      const cls = target.cls
      if (cls !== null && cls.allowed !== null && !cls.allowed.items) {
        this.sink.add(
          RULES.unknownGlobal,
          'high',
          offset,
          `${cls.name} (${how})`,
          () => `${how} ${at} calls ${method} on a ${cls.name} result, which the allowlist does not permit. ${DO_NOT_LOAD}`
        )
      }
      return
    }
    if (target instanceof PyOpaque) {
      this.sink.add(
        RULES.unknownGlobal,
        'high',
        offset,
        `${target.what} (${how})`,
        () => `${how} ${at} calls ${method} on ${target.what}, whose type is decided at load time. ${DO_NOT_LOAD}`
      )
      return
    }
    if (!(target instanceof PyBytes && target.mutable)) this.sink.malformed(offset, `${how} on ${describe(target)}`)
  }
}

/** Values only known at load time: results, globals, opaque objects, truncated strings. */
function isComputed(value: Value): boolean {
  return value !== null && typeof value === 'object' && (value.kind === 'instance' || value.kind === 'global' || value.kind === 'opaque' || value.kind === 'longstr')
}

function isConstant(value: Value): boolean {
  return !isComputed(value)
}

/** Bytes reachable from call arguments (through containers and wrapper calls such as `io.BytesIO`). */
function collectBytes(value: Value, depth: number): PyBytes[] {
  if (value instanceof PyBytes) return [value]
  if (depth === 0) return []
  if (value instanceof PyContainer) return value.items.flatMap((v) => collectBytes(v, depth - 1))
  if (value instanceof PyInstance) return collectBytes(value.args, depth - 1)
  return []
}

function containsUnknown(value: Value, depth: number): boolean {
  if (value instanceof PyOpaque) return !value.poisoned
  if (value instanceof PyContainer) return value.partial || (depth > 0 && value.items.some((v) => containsUnknown(v, depth - 1)))
  if (value instanceof PyInstance && depth > 0) return containsUnknown(value.args, depth - 1)
  return value !== null && typeof value === 'object' && value.kind === 'longstr'
}

/** A pattern to suggest for `--allow-global`: the top-level package. */
function suggestPattern(name: string): string {
  return `${name.split('.')[0]}.*`
}
