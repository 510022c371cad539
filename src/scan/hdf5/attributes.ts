// The root group's string attributes (legacy Keras keeps `model_config` and `training_config`
// there): attribute messages versions 1-3, compact or in dense storage (dense.ts), fixed-length
// strings and variable-length strings from the global heap. Shared datatypes and anything else
// not followed: Hdf5Unsupported, reported by the scanner.
import type { Source } from '../source.js'
import { elements, Hdf5File, Hdf5Unsupported, headerMessages, MSG, readSuperblock, type HeaderMessage } from './object-header.js'
import { denseAttributeMessages } from './dense.js'

/** An attribute value larger than this is not read (Keras configs are KiBs to a few MiB). */
export const MAX_ATTRIBUTE_TEXT = 64 * 1024 * 1024
const DATATYPE_STRING = 3
const DATATYPE_VLEN = 9

export interface AttributeText {
  text: string
  /** Absolute offset of the value's bytes. */
  offset: number
}

const pad8 = (n: number): number => (n + 7) & ~7

interface Parsed {
  name: string
  datatype: Uint8Array
  dataspace: Uint8Array
  data: Uint8Array
  /** Absolute offset of `data`. */
  dataOffset: number
}

function parseAttribute(m: HeaderMessage): Parsed {
  const b = m.data
  const version = b[0]
  if (version < 1 || version > 3 || b.length < 8) throw new Hdf5Unsupported(`attribute message version ${version}`, m.offset)
  const [nameSize, typeSize, spaceSize] = [b[2] | (b[3] << 8), b[4] | (b[5] << 8), b[6] | (b[7] << 8)]
  if (version > 1 && (b[1] & 3) !== 0) throw new Hdf5Unsupported('an attribute with a shared datatype or dataspace', m.offset)
  const size = version === 1 ? pad8 : (n: number) => n
  let at = version === 3 ? 9 : 8
  const take = (n: number): Uint8Array => {
    if (at + n > b.length) throw new Hdf5Unsupported('a truncated attribute message', m.offset)
    const out = b.subarray(at, at + n)
    at += size(n)
    return out
  }
  const nameBytes = take(nameSize)
  const nul = nameBytes.indexOf(0)
  const name = Buffer.from(nameBytes.subarray(0, nul < 0 ? nameBytes.length : nul)).toString('utf8')
  const datatype = take(typeSize)
  const dataspace = take(spaceSize)
  return { name, datatype, dataspace, data: b.subarray(Math.min(at, b.length)), dataOffset: m.offset + at }
}


/** The object `index` of the global heap collection at `address`. */
async function globalHeapObject(file: Hdf5File, address: number, index: number, length: number): Promise<AttributeText> {
  const head = await file.bytes(address, 8 + file.lengthSize, 'global heap collection')
  if (Buffer.from(head.subarray(0, 4)).toString('latin1') !== 'GCOL') throw new Hdf5Unsupported('no global heap collection where a string points', file.base + address)
  const size = file.uint(head, 8, file.lengthSize, file.base + address)
  if (size > MAX_ATTRIBUTE_TEXT + 4096) throw new Hdf5Unsupported(`a global heap collection of ${size} bytes`, file.base + address)
  const heap = await file.bytes(address, size, 'global heap collection')
  // Each object: index (2), reference count (2), reserved (4), size, data padded to 8 bytes.
  for (let at = 8 + file.lengthSize; at + 8 + file.lengthSize <= heap.length; ) {
    const id = heap[at] | (heap[at + 1] << 8)
    const objectSize = file.uint(heap, at + 8, file.lengthSize, file.base + address + at)
    const data = at + 8 + file.lengthSize
    if (id === 0) break // free space: the rest of the collection
    if (id === index) {
      if (data + length > heap.length || length > objectSize) throw new Hdf5Unsupported('a string past its global heap object', file.base + address + at)
      return { text: Buffer.from(heap.subarray(data, data + length)).toString('utf8'), offset: file.base + address + data }
    }
    at = data + pad8(objectSize)
  }
  throw new Hdf5Unsupported(`global heap object ${index} not found`, file.base + address)
}

async function stringValue(file: Hdf5File, a: Parsed): Promise<AttributeText | null> {
  const cls = a.datatype[0] & 0x0f
  const count = elements(file, a.dataspace, a.dataOffset)
  if (count !== 1) return null // not a single string: not a Keras config
  const typeSize = file.uint(a.datatype, 4, 4, a.dataOffset)
  if (cls === DATATYPE_STRING) {
    if (typeSize > MAX_ATTRIBUTE_TEXT || typeSize > a.data.length) throw new Hdf5Unsupported(`a ${typeSize}-byte string attribute`, a.dataOffset)
    const raw = a.data.subarray(0, typeSize)
    const nul = raw.indexOf(0)
    return { text: Buffer.from(nul < 0 ? raw : raw.subarray(0, nul)).toString('utf8'), offset: a.dataOffset }
  }
  if (cls === DATATYPE_VLEN && (a.datatype[1] & 0x0f) === 1) {
    const o = file.offsetSize
    if (a.data.length < 8 + o) throw new Hdf5Unsupported('a truncated variable-length string', a.dataOffset)
    const length = file.uint(a.data, 0, 4, a.dataOffset)
    if (length > MAX_ATTRIBUTE_TEXT) throw new Hdf5Unsupported(`a ${length}-byte string attribute`, a.dataOffset)
    return globalHeapObject(file, file.uint(a.data, 4, o, a.dataOffset), file.uint(a.data, 4 + o, 4, a.dataOffset), length)
  }
  return null
}

/**
 * The root group's attributes named in `names` that hold one string, compact or in dense
 * storage. Throws Hdf5Unsupported for anything outside the subset read here.
 */
export async function readRootStrings(source: Source, base: number, names: readonly string[]): Promise<Map<string, AttributeText[]>> {
  const { file, root } = await readSuperblock(source, base)
  if (root < 0) throw new Hdf5Unsupported('the superblock names no root group', base)
  const out = new Map<string, AttributeText[]>()
  const messages = await headerMessages(file, root)
  for (const m of messages) {
    if (m.type !== MSG.attributeInfo) continue
    const heap = file.uint(m.data, 2 + (m.data[1] & 1 ? 2 : 0), file.offsetSize, m.offset)
    if (heap >= 0) messages.push(...(await denseAttributeMessages(file, heap)))
  }
  for (const m of messages) {
    if (m.type !== MSG.attribute) continue
    const a = parseAttribute(m)
    if (!names.includes(a.name)) continue
    const value = await stringValue(file, a)
    // Every attribute of a wanted name is kept: a second one must not hide behind the first.
    if (value !== null) out.set(a.name, [...(out.get(a.name) ?? []), value])
  }
  return out
}
