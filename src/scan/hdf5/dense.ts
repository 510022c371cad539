// Dense attribute storage (attribute info message → fractal heap): the attribute messages are
// the managed objects of the heap's direct blocks, laid end to end. They are read in order from
// each direct block (root direct, or the direct blocks of a root indirect block) rather than
// through the name B-tree: every message is checked, and bytes that are neither a message nor
// the free space at a block's end make the reader give up (fail closed), so nothing the
// B-tree could point at goes unread. Filtered heaps and nested indirect blocks are not read.
import { elements, Hdf5File, Hdf5Unsupported, type HeaderMessage } from './object-header.js'

const MAX_DIRECT_BLOCKS = 4096
const MAX_BLOCK_SIZE = 16 * 1024 * 1024
const ATTRIBUTE = 0x000c

interface Heap {
  address: number
  flags: number
  tableWidth: number
  startSize: number
  maxDirectSize: number
  /** Bytes of a block offset field: ceil(maximum heap size in bits / 8). */
  offsetBytes: number
  root: number
  rootRows: number
}

const ascii = (b: Uint8Array, at: number, n: number): string => Buffer.from(b.subarray(at, at + n)).toString('latin1')

async function readHeap(file: Hdf5File, address: number): Promise<Heap> {
  const O = file.offsetSize
  const L = file.lengthSize
  const b = await file.bytes(address, 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L + 2 + 2 * L + 2 + 2 + O + 2, 'fractal heap header')
  if (ascii(b, 0, 4) !== 'FRHP') throw new Hdf5Unsupported('no fractal heap where the attribute info points', file.base + address)
  const filters = b[7] | (b[8] << 8)
  if (filters !== 0) throw new Hdf5Unsupported('a filtered (compressed) attribute heap', file.base + address)
  const flags = b[9]
  // Huge objects live outside the direct blocks (their own B-tree), tiny ones inside the name
  // B-tree's heap IDs: neither is read here, so an attribute stored that way is not seen.
  const counts = 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 4 * L
  if (file.uint(b, counts + L, L, file.base + address) !== 0 || file.uint(b, counts + 3 * L, L, file.base + address) !== 0) {
    throw new Hdf5Unsupported('an attribute heap with huge or tiny objects, which modelgate does not read', file.base + address)
  }
  let at = 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L
  const u = (n: number): number => {
    const v = file.uint(b, at, n, file.base + address + at)
    at += n
    return v
  }
  const tableWidth = u(2)
  const startSize = u(L)
  const maxDirectSize = u(L)
  const maxHeapBits = u(2)
  u(2) // starting rows of the root indirect block
  const root = u(O)
  const rootRows = u(2)
  return { address, flags, tableWidth, startSize, maxDirectSize, offsetBytes: Math.ceil(maxHeapBits / 8), root, rootRows }
}

/** Size of the direct blocks of row `row` of the doubling table. */
const rowSize = (heap: Heap, row: number): number => (row < 2 ? heap.startSize : heap.startSize * 2 ** (row - 1))

/** The direct blocks (address, size) of the heap, in heap-offset order. */
async function directBlocks(file: Hdf5File, heap: Heap): Promise<{ address: number; size: number }[]> {
  if (heap.root < 0) return []
  if (heap.rootRows === 0) return [{ address: heap.root, size: heap.startSize }]
  const maxDirectRows = Math.log2(heap.maxDirectSize) - Math.log2(heap.startSize) + 2
  if (heap.rootRows > maxDirectRows) throw new Hdf5Unsupported('an attribute heap with nested indirect blocks', file.base + heap.root)
  const entries = heap.rootRows * heap.tableWidth
  if (entries > MAX_DIRECT_BLOCKS) throw new Hdf5Unsupported(`an attribute heap of ${entries} blocks`, file.base + heap.root)
  const header = 4 + 1 + file.offsetSize + heap.offsetBytes
  const b = await file.bytes(heap.root, header + entries * file.offsetSize, 'fractal heap indirect block')
  if (ascii(b, 0, 4) !== 'FHIB') throw new Hdf5Unsupported('no fractal heap indirect block where the heap points', file.base + heap.root)
  const out: { address: number; size: number }[] = []
  for (let i = 0; i < entries; i++) {
    const address = file.uint(b, header + i * file.offsetSize, file.offsetSize, file.base + heap.root + header)
    if (address >= 0) out.push({ address, size: rowSize(heap, Math.floor(i / heap.tableWidth)) })
  }
  return out
}

/** On-disk bytes of an attribute message's value: element size × elements. */
function valueBytes(file: Hdf5File, datatype: Uint8Array, dataspace: Uint8Array, offset: number): number {
  const element = (datatype[0] & 0x0f) === 9 ? 4 + file.offsetSize + 4 : file.uint(datatype, 4, 4, offset)
  return element * elements(file, dataspace, offset)
}

/** Length of the attribute message (versions 2 and 3, as dense storage writes them) at `at`, or null. */
function messageLength(file: Hdf5File, b: Uint8Array, at: number, offset: number): number | null {
  const version = b[at]
  if ((version !== 2 && version !== 3) || at + 9 > b.length) return null
  const [name, type, space] = [b[at + 2] | (b[at + 3] << 8), b[at + 4] | (b[at + 5] << 8), b[at + 6] | (b[at + 7] << 8)]
  const head = version === 3 ? 9 : 8
  const typeAt = at + head + name
  const spaceAt = typeAt + type
  if (spaceAt + space > b.length || type < 8 || space < 4) return null
  const value = valueBytes(file, b.subarray(typeAt, typeAt + type), b.subarray(spaceAt, spaceAt + space), offset)
  return head + name + type + space + value
}

/** Every attribute message stored in the dense storage of the heap at `address`. */
export async function denseAttributeMessages(file: Hdf5File, address: number): Promise<HeaderMessage[]> {
  const heap = await readHeap(file, address)
  const out: HeaderMessage[] = []
  for (const block of await directBlocks(file, heap)) {
    if (block.size > MAX_BLOCK_SIZE) throw new Hdf5Unsupported(`an attribute heap block of ${block.size} bytes`, file.base + block.address)
    const b = await file.bytes(block.address, block.size, 'fractal heap direct block')
    if (ascii(b, 0, 4) !== 'FHDB') throw new Hdf5Unsupported('no fractal heap direct block where the heap points', file.base + block.address)
    const start = 4 + 1 + file.offsetSize + heap.offsetBytes + (heap.flags & 2 ? 4 : 0)
    for (let at = start; at < b.length; ) {
      const offset = file.base + block.address + at
      const length = messageLength(file, b, at, offset)
      if (length === null || at + length > b.length) {
        // Free space runs to the block's end as zeros; anything else is not read (fail closed).
        if (b.subarray(at).some((x) => x !== 0)) throw new Hdf5Unsupported('bytes in the attribute heap that are not an attribute message', offset)
        break
      }
      out.push({ type: ATTRIBUTE, flags: 0, offset, data: b.subarray(at, at + length) })
      at += length
    }
  }
  return out
}
