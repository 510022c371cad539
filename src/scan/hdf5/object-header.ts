// The few HDF5 structures needed to read the root group's attributes (the HDF5 File Format
// Specification): the superblock (versions 0-3), object headers (versions 1 and 2, with
// continuation blocks) and their messages. Positioned reads of a few hundred bytes each;
// anything outside this subset throws Hdf5Unsupported, which the scanner reports (fail closed).
import type { Source } from '../source.js'

export class Hdf5Unsupported extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
/** Continuation blocks followed per object header: real headers have a handful. */
const MAX_BLOCKS = 64
/** Header messages read per object header. */
const MAX_MESSAGES = 4096
/** A header block larger than this is not read (the spec allows up to 4 GiB; real ones are KiBs). */
const MAX_BLOCK = 1 << 20

export const MSG = { continuation: 0x0010, attribute: 0x000c, attributeInfo: 0x0015 } as const

/** Addresses and lengths as the superblock sizes them; all addresses relative to `base`. */
export class Hdf5File {
  constructor(
    readonly source: Source,
    /** Absolute offset of the superblock: the library takes it as the base address. */
    readonly base: number,
    readonly offsetSize: number,
    readonly lengthSize: number
  ) {}

  async bytes(address: number, length: number, what: string): Promise<Uint8Array> {
    const at = this.base + address
    if (!Number.isSafeInteger(at) || at < 0 || length < 0 || at + length > this.source.size) throw new Hdf5Unsupported(`${what} lies past the end of the file`, at)
    const b = await this.source.read(at, length)
    if (b.length < length) throw new Hdf5Unsupported(`${what} is truncated`, at)
    return b
  }

  /** Little-endian unsigned integer of `size` bytes at `at` in `b` (as a number; past 2^53 it is refused). */
  uint(b: Uint8Array, at: number, size: number, offset: number): number {
    if (at < 0 || at + size > b.length) throw new Hdf5Unsupported('a field past the end of its structure', offset)
    let v = 0n
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[at + i])
    if (v === (1n << BigInt(8 * size)) - 1n) return -1 // the undefined address
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Hdf5Unsupported(`an address or length beyond 2^53 (${v})`, offset)
    return Number(v)
  }
}

export interface Superblock {
  file: Hdf5File
  /** Address of the root group's object header. */
  root: number
}

export async function readSuperblock(source: Source, base: number): Promise<Superblock> {
  const head = await source.read(base, 96)
  if (head.length < 16 || SIGNATURE.some((b, i) => head[i] !== b)) throw new Hdf5Unsupported('no HDF5 superblock signature', base)
  const version = head[8]
  if (version === 0 || version === 1) {
    const [offsetSize, lengthSize] = [head[13], head[14]]
    const file = checkedFile(source, base, offsetSize, lengthSize)
    // Base, free-space, end-of-file and driver addresses, then the root group's symbol table entry.
    const entry = (version === 1 ? 28 : 24) + 4 * offsetSize
    if (head.length < entry + 2 * offsetSize) throw new Hdf5Unsupported('truncated superblock', base)
    return { file, root: file.uint(head, entry + offsetSize, offsetSize, base + entry + offsetSize) }
  }
  if (version === 2 || version === 3) {
    const file = checkedFile(source, base, head[9], head[10])
    const at = 12 + 3 * file.offsetSize
    if (head.length < at + file.offsetSize) throw new Hdf5Unsupported('truncated superblock', base)
    return { file, root: file.uint(head, at, file.offsetSize, base + at) }
  }
  throw new Hdf5Unsupported(`superblock version ${version}`, base + 8)
}

function checkedFile(source: Source, base: number, offsetSize: number, lengthSize: number): Hdf5File {
  if (![2, 4, 8].includes(offsetSize) || ![2, 4, 8].includes(lengthSize)) throw new Hdf5Unsupported(`sizes of offsets/lengths ${offsetSize}/${lengthSize}`, base + 9)
  return new Hdf5File(source, base, offsetSize, lengthSize)
}

export interface HeaderMessage {
  type: number
  flags: number
  /** Absolute offset of the message data. */
  offset: number
  data: Uint8Array
}

interface Block {
  address: number
  length: number
}

/** Every message of the object header at `address`, continuation blocks included. */
export async function headerMessages(file: Hdf5File, address: number): Promise<HeaderMessage[]> {
  const first = await file.bytes(address, 16, 'object header')
  const v2 = first[0] === 0x4f && first[1] === 0x48 && first[2] === 0x44 && first[3] === 0x52 // "OHDR"
  if (!v2 && first[0] !== 1) throw new Hdf5Unsupported(`object header version ${first[0]}`, file.base + address)
  const out: HeaderMessage[] = []
  const pending: Block[] = []
  let flags = 0
  if (v2) {
    flags = first[5]
    const sizeBytes = 1 << (flags & 3)
    let at = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0)
    const head = await file.bytes(address, at + sizeBytes, 'object header')
    const chunk = file.uint(head, at, sizeBytes, file.base + address + at)
    at += sizeBytes
    pending.push({ address: address + at, length: chunk })
  } else {
    pending.push({ address: address + 16, length: file.uint(first, 8, 4, file.base + address + 8) })
  }
  for (let blocks = 0; pending.length > 0; blocks++) {
    if (blocks >= MAX_BLOCKS) throw new Hdf5Unsupported(`more than ${MAX_BLOCKS} object header blocks`, file.base + address)
    const block = pending.shift()!
    if (block.length > MAX_BLOCK) throw new Hdf5Unsupported(`an object header block of ${block.length} bytes`, file.base + block.address)
    // Chunk 0's size counts its messages only; a v2 continuation block is framed: "OCHK",
    // messages, a 4-byte checksum, all counted in its length.
    const framed = blocks > 0 && v2
    const bytes = await file.bytes(block.address, block.length, 'object header block')
    const start = framed ? 4 : 0
    const end = framed ? bytes.length - 4 : bytes.length
    readMessages(file, bytes, start, end, block.address, v2, (flags & 0x04) !== 0, out, pending)
    if (out.length > MAX_MESSAGES) throw new Hdf5Unsupported(`more than ${MAX_MESSAGES} header messages`, file.base + address)
  }
  return out
}

function readMessages(file: Hdf5File, b: Uint8Array, from: number, end: number, address: number, v2: boolean, order: boolean, out: HeaderMessage[], pending: Block[]): void {
  const prefix = v2 ? 4 + (order ? 2 : 0) : 8
  for (let at = from; at + prefix <= end; ) {
    const type = v2 ? b[at] : b[at] | (b[at + 1] << 8)
    const size = v2 ? b[at + 1] | (b[at + 2] << 8) : b[at + 2] | (b[at + 3] << 8)
    const flags = v2 ? b[at + 3] : b[at + 4]
    const data = at + prefix
    if (data + size > end) throw new Hdf5Unsupported('a header message runs past its block', file.base + address + at)
    const message = { type, flags, offset: file.base + address + data, data: b.subarray(data, data + size) }
    if (type === MSG.continuation) {
      const o = file.offsetSize
      pending.push({ address: file.uint(message.data, 0, o, message.offset), length: file.uint(message.data, o, file.lengthSize, message.offset + o) })
    } else if (type !== 0) out.push(message)
    at = data + size
  }
}

/** Elements the dataspace holds: a scalar is 1; a null dataspace 0. */
export function elements(file: Hdf5File, space: Uint8Array, offset: number): number {
  const [version, rank] = [space[0], space[1]]
  if (version === 2 && space[3] === 0) return 1
  if (version === 2 && space[3] === 2) return 0
  if (version !== 1 && version !== 2) throw new Hdf5Unsupported(`dataspace version ${version}`, offset)
  let n = 1
  const first = version === 1 ? 8 : 4
  for (let i = 0; i < rank; i++) n *= file.uint(space, first + i * file.lengthSize, file.lengthSize, offset)
  return rank === 0 ? 1 : n
}
