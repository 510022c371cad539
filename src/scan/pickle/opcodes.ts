// The 68 opcodes of pickle protocols 0–5 as CPython's C unpickler reads them
// (reference/pickle.md §2). One table serves the decoder, the probe and messages.

/** How an opcode's argument is laid out after the opcode byte. */
export const Arg = {
  None: 0,
  /** u8 / u16 / i32 / u32 little-endian. */
  U1: 1,
  U2: 2,
  I4: 3,
  U4: 4,
  /** u64 little-endian (FRAME). */
  U8: 5,
  /** 8-byte big-endian double (BINFLOAT). */
  F8: 6,
  /** One newline-terminated line. */
  Line: 7,
  /** Two newline-terminated lines (GLOBAL, INST). */
  Line2: 8,
  /** u8 length, then that many bytes. */
  Len1: 9,
  /** u32 length, then that many bytes. */
  Len4: 10,
  /** i32 length (negative is an error), then that many bytes. */
  Len4S: 11,
  /** u64 length (≥ 2^63 is an error), then that many bytes. */
  Len8: 12
} as const
export type Arg = (typeof Arg)[keyof typeof Arg]

/**
 * Stack effect, for the probe's plausibility check (the machine has its own exact
 * handling): `pop` items taken above the fence, `push` items pushed, `mark`:
 * 1 pushes a mark, 2 takes everything down to the top mark, 3 takes the mark region
 * and needs one object below it (APPENDS, SETITEMS, ADDITEMS).
 */
export interface OpInfo {
  readonly code: number
  readonly name: string
  readonly proto: number
  readonly arg: Arg
  readonly pop: number
  readonly push: number
  readonly mark: 0 | 1 | 2 | 3
  /** Runs `find_class` or calls something: what makes a byte stream act as a pickle. */
  readonly acts: boolean
}

type Row = [code: number, name: string, proto: number, arg: Arg, pop: number, push: number, mark?: 0 | 1 | 2 | 3, acts?: boolean]

const ch = (c: string): number => c.charCodeAt(0)

// prettier-ignore
const ROWS: Row[] = [
  [ch('('), 'MARK', 0, Arg.None, 0, 0, 1],
  [ch('.'), 'STOP', 0, Arg.None, 1, 0],
  [ch('0'), 'POP', 0, Arg.None, 0, 0],           // pops an item, or the top mark when it sits at the top
  [ch('1'), 'POP_MARK', 0, Arg.None, 0, 0, 2],
  [ch('2'), 'DUP', 0, Arg.None, 1, 2],
  [ch('F'), 'FLOAT', 0, Arg.Line, 0, 1],
  [ch('I'), 'INT', 0, Arg.Line, 0, 1],
  [ch('J'), 'BININT', 1, Arg.I4, 0, 1],
  [ch('K'), 'BININT1', 1, Arg.U1, 0, 1],
  [ch('L'), 'LONG', 0, Arg.Line, 0, 1],
  [ch('M'), 'BININT2', 1, Arg.U2, 0, 1],
  [ch('N'), 'NONE', 0, Arg.None, 0, 1],
  [ch('P'), 'PERSID', 0, Arg.Line, 0, 1],
  [ch('Q'), 'BINPERSID', 1, Arg.None, 1, 1],
  [ch('R'), 'REDUCE', 0, Arg.None, 2, 1, 0, true],
  [ch('S'), 'STRING', 0, Arg.Line, 0, 1],
  [ch('T'), 'BINSTRING', 1, Arg.Len4S, 0, 1],
  [ch('U'), 'SHORT_BINSTRING', 1, Arg.Len1, 0, 1],
  [ch('V'), 'UNICODE', 0, Arg.Line, 0, 1],
  [ch('X'), 'BINUNICODE', 1, Arg.Len4, 0, 1],
  [ch('a'), 'APPEND', 0, Arg.None, 2, 1],
  [ch('b'), 'BUILD', 0, Arg.None, 2, 1, 0, true],
  [ch('c'), 'GLOBAL', 0, Arg.Line2, 0, 1, 0, true],
  [ch('d'), 'DICT', 0, Arg.None, 0, 1, 2],
  [ch('}'), 'EMPTY_DICT', 1, Arg.None, 0, 1],
  [ch('e'), 'APPENDS', 1, Arg.None, 0, 0, 3],
  [ch('g'), 'GET', 0, Arg.Line, 0, 1],
  [ch('h'), 'BINGET', 1, Arg.U1, 0, 1],
  [ch('i'), 'INST', 0, Arg.Line2, 0, 1, 2, true],
  [ch('j'), 'LONG_BINGET', 1, Arg.U4, 0, 1],
  [ch('l'), 'LIST', 0, Arg.None, 0, 1, 2],
  [ch(']'), 'EMPTY_LIST', 1, Arg.None, 0, 1],
  [ch('o'), 'OBJ', 1, Arg.None, 0, 1, 2, true],
  [ch('p'), 'PUT', 0, Arg.Line, 1, 1],
  [ch('q'), 'BINPUT', 1, Arg.U1, 1, 1],
  [ch('r'), 'LONG_BINPUT', 1, Arg.U4, 1, 1],
  [ch('s'), 'SETITEM', 0, Arg.None, 3, 1],
  [ch('t'), 'TUPLE', 0, Arg.None, 0, 1, 2],
  [ch(')'), 'EMPTY_TUPLE', 1, Arg.None, 0, 1],
  [ch('u'), 'SETITEMS', 1, Arg.None, 0, 0, 3],
  [ch('G'), 'BINFLOAT', 1, Arg.F8, 0, 1],
  [0x80, 'PROTO', 2, Arg.U1, 0, 0],
  [0x81, 'NEWOBJ', 2, Arg.None, 2, 1, 0, true],
  [0x82, 'EXT1', 2, Arg.U1, 0, 1, 0, true],
  [0x83, 'EXT2', 2, Arg.U2, 0, 1, 0, true],
  [0x84, 'EXT4', 2, Arg.I4, 0, 1, 0, true],
  [0x85, 'TUPLE1', 2, Arg.None, 1, 1],
  [0x86, 'TUPLE2', 2, Arg.None, 2, 1],
  [0x87, 'TUPLE3', 2, Arg.None, 3, 1],
  [0x88, 'NEWTRUE', 2, Arg.None, 0, 1],
  [0x89, 'NEWFALSE', 2, Arg.None, 0, 1],
  [0x8a, 'LONG1', 2, Arg.Len1, 0, 1],
  [0x8b, 'LONG4', 2, Arg.Len4S, 0, 1],
  [ch('B'), 'BINBYTES', 3, Arg.Len4, 0, 1],
  [ch('C'), 'SHORT_BINBYTES', 3, Arg.Len1, 0, 1],
  [0x8c, 'SHORT_BINUNICODE', 4, Arg.Len1, 0, 1],
  [0x8d, 'BINUNICODE8', 4, Arg.Len8, 0, 1],
  [0x8e, 'BINBYTES8', 4, Arg.Len8, 0, 1],
  [0x8f, 'EMPTY_SET', 4, Arg.None, 0, 1],
  [0x90, 'ADDITEMS', 4, Arg.None, 0, 0, 3],
  [0x91, 'FROZENSET', 4, Arg.None, 0, 1, 2],
  [0x92, 'NEWOBJ_EX', 4, Arg.None, 3, 1, 0, true],
  [0x93, 'STACK_GLOBAL', 4, Arg.None, 2, 1, 0, true],
  [0x94, 'MEMOIZE', 4, Arg.None, 1, 1],
  [0x95, 'FRAME', 4, Arg.U8, 0, 0],
  [0x96, 'BYTEARRAY8', 5, Arg.Len8, 0, 1],
  [0x97, 'NEXT_BUFFER', 5, Arg.None, 0, 1],
  [0x98, 'READONLY_BUFFER', 5, Arg.None, 1, 1]
]

/** Opcode byte values, named as in pickletools. */
export const Op = {
  MARK: 0x28, STOP: 0x2e, POP: 0x30, POP_MARK: 0x31, DUP: 0x32, FLOAT: 0x46, INT: 0x49, BININT: 0x4a,
  BININT1: 0x4b, LONG: 0x4c, BININT2: 0x4d, NONE: 0x4e, PERSID: 0x50, BINPERSID: 0x51, REDUCE: 0x52,
  STRING: 0x53, BINSTRING: 0x54, SHORT_BINSTRING: 0x55, UNICODE: 0x56, BINUNICODE: 0x58, APPEND: 0x61,
  BUILD: 0x62, GLOBAL: 0x63, DICT: 0x64, EMPTY_DICT: 0x7d, APPENDS: 0x65, GET: 0x67, BINGET: 0x68,
  INST: 0x69, LONG_BINGET: 0x6a, LIST: 0x6c, EMPTY_LIST: 0x5d, OBJ: 0x6f, PUT: 0x70, BINPUT: 0x71,
  LONG_BINPUT: 0x72, SETITEM: 0x73, TUPLE: 0x74, EMPTY_TUPLE: 0x29, SETITEMS: 0x75, BINFLOAT: 0x47,
  PROTO: 0x80, NEWOBJ: 0x81, EXT1: 0x82, EXT2: 0x83, EXT4: 0x84, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87,
  NEWTRUE: 0x88, NEWFALSE: 0x89, LONG1: 0x8a, LONG4: 0x8b, BINBYTES: 0x42, SHORT_BINBYTES: 0x43,
  SHORT_BINUNICODE: 0x8c, BINUNICODE8: 0x8d, BINBYTES8: 0x8e, EMPTY_SET: 0x8f, ADDITEMS: 0x90,
  FROZENSET: 0x91, NEWOBJ_EX: 0x92, STACK_GLOBAL: 0x93, MEMOIZE: 0x94, FRAME: 0x95, BYTEARRAY8: 0x96,
  NEXT_BUFFER: 0x97, READONLY_BUFFER: 0x98
} as const

/** Indexed by byte; `undefined` for bytes that are no opcode ("invalid load key"). */
export const OPCODES: readonly (OpInfo | undefined)[] = (() => {
  const table: (OpInfo | undefined)[] = new Array(256).fill(undefined)
  for (const [code, name, proto, arg, pop, push, mark = 0, acts = false] of ROWS) {
    table[code] = { code, name, proto, arg, pop, push, mark, acts }
  }
  return table
})()

/** Argument layout by byte, 255 for invalid bytes: the decoder's hot-path lookup. */
export const ARG_LAYOUT: Uint8Array = (() => {
  const layout = new Uint8Array(256).fill(255)
  for (const info of OPCODES) if (info) layout[info.code] = info.arg
  return layout
})()

export function opName(code: number): string {
  return OPCODES[code]?.name ?? `0x${code.toString(16).padStart(2, '0')}`
}

/** Highest protocol the C unpickler accepts in PROTO. */
export const HIGHEST_PROTOCOL = 5
