// The bare opcode walk: the reference the pickle scan is held against (issue 18).
//
//   node bench/opcode-walk.mjs FILE
//
// `readFileSync` of the whole file, then a loop that only decodes each opcode's argument
// length and skips it: no symbolic state, no values, no memo. It walks every pickle in the
// file (after a STOP, the next byte starts another pickle, as the scanner reads them) and
// FRAMEs inline (a frame's body is more opcodes). Self-contained on purpose (it imports
// nothing from src/): it knows the pickle opcode argument encodings itself. bench/run.mjs
// times it as a whole process, exactly as it times `node cli.js scan`, so the ratio compares
// like with like: both include Node start, reading the file and exiting (the CLI also loads
// its bundle and renders its report, which is part of what a user waits for).
// Prints one JSON line: {"opcodes": count, "pickles": count}. Exits 2 on an unknown opcode
// or a truncated argument.
import { readFileSync } from 'node:fs'

const path = process.argv[2]
if (path === undefined) {
  process.stderr.write('usage: node opcode-walk.mjs FILE\n')
  process.exit(2)
}

// Argument encodings: a fixed width in bytes, or one of the variable kinds below.
const LINE = -1 // up to and including '\n'
const TWO_LINES = -2 // GLOBAL, INST: module '\n' name '\n'
const LEN1 = -3 // 1-byte length, then that many bytes
const LEN4 = -4 // 4-byte little-endian length, then that many bytes
const LEN8 = -8 // 8-byte little-endian length, then that many bytes
const UNKNOWN = -99

const ARG = new Int8Array(256).fill(UNKNOWN)
const set = (ops, kind) => {
  for (const op of ops) ARG[op.charCodeAt(0)] = kind
}
// No argument: MARK STOP POP POP_MARK DUP NONE APPEND BUILD DICT EMPTY_DICT APPENDS LIST EMPTY_LIST
// OBJ REDUCE SETITEM TUPLE EMPTY_TUPLE SETITEMS BINPERSID NEWOBJ TUPLE1 TUPLE2 TUPLE3 NEWTRUE
// NEWFALSE EMPTY_SET ADDITEMS FROZENSET NEWOBJ_EX STACK_GLOBAL MEMOIZE NEXT_BUFFER READONLY_BUFFER.
set('(.012Nabd}el]oRst)uQ\x81\x85\x86\x87\x88\x89\x8f\x90\x91\x92\x93\x94\x97\x98', 0)
set('Kqh\x80\x82', 1) // BININT1 BINPUT BINGET PROTO EXT1
set('M\x83', 2) // BININT2 EXT2
set('Jrj\x84', 4) // BININT LONG_BINPUT LONG_BINGET EXT4
set('G\x95', 8) // BINFLOAT FRAME (the frame's body is walked as opcodes)
set('ILFSVPgp', LINE) // INT LONG FLOAT STRING UNICODE PERSID GET PUT
set('ci', TWO_LINES) // GLOBAL INST
set('UC\x8c\x8a', LEN1) // SHORT_BINSTRING SHORT_BINBYTES SHORT_BINUNICODE LONG1
set('TXB\x8b', LEN4) // BINSTRING BINUNICODE BINBYTES LONG4
set('\x8d\x8e\x96', LEN8) // BINUNICODE8 BINBYTES8 BYTEARRAY8

const data = readFileSync(path)
const end = data.length
let at = 0
let opcodes = 0
let pickles = 0
const fail = (why) => {
  process.stderr.write(`opcode-walk: ${why} at byte ${at}\n`)
  process.exit(2)
}
const lineEnd = (from) => {
  const nl = data.indexOf(10, from)
  if (nl < 0) fail('unterminated line argument')
  return nl + 1
}
while (at < end) {
  const op = data[at]
  const kind = ARG[op]
  opcodes++
  at++
  if (kind >= 0) at += kind
  else if (kind === LEN1) at += 1 + data[at]
  else if (kind === LEN4) at += 4 + data.readUInt32LE(at)
  else if (kind === LEN8) at += 8 + Number(data.readBigUInt64LE(at))
  else if (kind === LINE) at = lineEnd(at)
  else if (kind === TWO_LINES) at = lineEnd(lineEnd(at))
  else fail(`unknown opcode 0x${op.toString(16)}`)
  if (op === 0x2e) pickles++ // STOP
}
if (at > end) fail('truncated argument')
process.stdout.write(`${JSON.stringify({ opcodes, pickles })}\n`)
