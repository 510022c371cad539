// The header schema as serde derives it for safetensors' `HashMetadata`:
//
//   HashMetadata { #[serde(rename = "__metadata__")] metadata: Option<HashMap<String, String>>,
//                  #[serde(flatten)] tensors: HashMap<String, TensorInfo> }
//   TensorInfo   { dtype: Dtype, shape: Vec<usize>, data_offsets: (usize, usize) }
//
// Error order follows serde. Because of `flatten`, every top-level entry except
// `__metadata__` is first buffered whole (serde's `Content`) and only typed as a
// TensorInfo after the closing `}`. So: syntax errors anywhere in the object and
// `__metadata__` errors come first, in document order (pass 1); then TensorInfo
// errors, in document order (pass 2); then "trailing characters". The order matters
// for the rule id: an unknown dtype is only reported when the JSON is otherwise sound.
//
// Accepted-but-unusual constructs are collected as oddities (non-canonical findings).
import { dtypeInfo } from './dtypes.js'
import { HeaderRejected, SAFETENSORS_RULES, type SafetensorsRule } from './errors.js'
import { JsonError, JsonReader, parseU64, type JsonKey, type JsonKind } from './json-tokenizer.js'
import { Oddities } from './oddities.js'
import { quote } from './text.js'

const U64_MAX = (1n << 64n) - 1n
/** Dims kept per shape for messages; the element count covers all of them. */
const DIMS_KEPT = 8

export interface Shape {
  rank: number
  /** The first DIMS_KEPT dims. */
  dims: bigint[]
  /** `shape.try_fold(1, checked_mul)` left to right: null once the product passed 2^64 − 1. */
  elements: bigint | null
}

export interface TensorEntry {
  name: string
  /** File offset of the tensor's key. */
  offset: number
  dtype: string
  bits: number
  shape: Shape
  begin: bigint
  end: bigint
}

export interface Header {
  /** One per distinct name, in order of first appearance; the last definition wins (`HashMap::insert`). */
  tensors: TensorEntry[]
  /** Null when `__metadata__` is absent or `null`; duplicate keys: last wins. */
  metadata: Map<string, string> | null
  oddities: Oddities
}

/** TensorInfo's fields in declaration order (also the order of the array form). */
const FIELDS = ['dtype', 'shape', 'data_offsets'] as const
type FieldName = (typeof FIELDS)[number]
type Fields = Partial<Pick<TensorEntry, 'dtype' | 'bits' | 'shape' | 'begin' | 'end'>>

function isField(name: string): name is FieldName {
  return (FIELDS as readonly string[]).includes(name)
}

interface PendingEntry {
  key: JsonKey
  valueOffset: number
}

/**
 * Parses header bytes (valid UTF-8) as the reference does.
 * `base` is the file offset of the first header byte (8), for finding locations.
 * Throws HeaderRejected (invalid-json or unknown-dtype). `tick` is called once per key and per
 * tensor (a header can hold millions): the time budget's check, which may throw to stop the parse.
 */
export function parseHeader(bytes: Uint8Array, base: number, tick: () => void = () => {}): Header {
  return new HeaderParser(bytes, base, tick).parse()
}

class HeaderParser {
  private readonly oddities = new Oddities()

  constructor(
    private readonly bytes: Uint8Array,
    private readonly base: number,
    private readonly tick: () => void
  ) {}

  parse(): Header {
    const reader = new JsonReader(this.bytes)
    try {
      if (reader.skipWhitespace() > 0) {
        this.oddities.note('leading-whitespace', () => 'the header starts with whitespace, not `{`', this.base)
      }
      const kind = reader.peek()
      if (kind !== 'object') throw this.reject(`the header is ${article(kind)}, not a JSON object`, reader.offset)
      reader.enterObject()
      const pending: PendingEntry[] = []
      let metadata: Map<string, string> | null = null
      let metadataSeen = false
      for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
        this.tick()
        if (key.name === '__metadata__') {
          if (metadataSeen) throw this.reject('duplicate field `__metadata__`', key.offset)
          metadataSeen = true
          if (key.escaped) this.oddities.note('escaped-metadata-key', () => 'the `__metadata__` key is written with escapes', this.at(key.offset))
          metadata = this.readMetadata(reader)
        } else {
          reader.skipWhitespace()
          pending.push({ key, valueOffset: reader.offset })
          reader.skipValue()
        }
      }
      const tensors = this.readTensors(pending)
      reader.finish()
      return { tensors, metadata, oddities: this.oddities }
    } catch (err) {
      if (err instanceof JsonError) throw this.reject(err.message, err.offset)
      throw err
    }
  }

  private readMetadata(reader: JsonReader): Map<string, string> | null {
    const kind = reader.peek()
    if (kind === 'null') {
      reader.readLiteral()
      this.oddities.note('null-metadata', () => '`__metadata__` is null', this.at(reader.offset))
      return null
    }
    if (kind !== 'object') throw this.reject(`\`__metadata__\` is ${article(kind)}; it must be an object of strings`, reader.offset)
    reader.enterObject()
    const metadata = new Map<string, string>()
    for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
      const valueKind = reader.peek()
      if (valueKind !== 'string') {
        // serde_json parses a number before calling it the wrong type, so range errors win.
        if (valueKind === 'number') reader.readNumber()
        throw this.reject(`\`__metadata__\` value of ${quote(key.name)} is ${article(valueKind)}; it must be a string`, key.offset)
      }
      if (metadata.has(key.name)) this.oddities.note('duplicate-key', () => `\`__metadata__\` key ${quote(key.name)}`, this.at(key.offset))
      metadata.set(key.name, reader.readString().value)
    }
    return metadata
  }

  private readTensors(pending: readonly PendingEntry[]): TensorEntry[] {
    const tensors: TensorEntry[] = []
    const indexByName = new Map<string, number>()
    const reader = new JsonReader(this.bytes)
    for (const { key, valueOffset } of pending) {
      this.tick()
      // One container (the header object) is already open around the value.
      reader.moveTo(valueOffset, 1)
      const tensor = this.readTensorInfo(reader, key)
      const index = indexByName.get(key.name)
      if (index === undefined) {
        indexByName.set(key.name, tensors.length)
        tensors.push(tensor)
      } else {
        this.oddities.note('duplicate-tensor', () => label(key.name), tensor.offset)
        tensors[index] = tensor
      }
    }
    return tensors
  }

  private readTensorInfo(reader: JsonReader, key: JsonKey): TensorEntry {
    const name = key.name
    const kind = reader.peek()
    const fields: Fields = {}
    if (kind === 'object') {
      reader.enterObject()
      const seen = new Set<string>()
      for (let field = reader.nextKey(); field !== null; field = reader.nextKey()) {
        if (isField(field.name)) {
          if (seen.has(field.name)) throw this.reject(`duplicate field \`${field.name}\` in ${label(name)}`, field.offset, name)
          this.readField(reader, field.name, name, fields)
        } else {
          const where = () => `${label(name)} field ${quote(field.name)}`
          this.oddities.note('unknown-field', where, this.at(field.offset))
          if (seen.has(field.name)) this.oddities.note('duplicate-key', where, this.at(field.offset))
          reader.skipValue((dup, path) =>
            this.oddities.note('duplicate-key', () => [where(), ...path.map(quote), quote(dup.name)].join(' › '), this.at(dup.offset))
          )
        }
        seen.add(field.name)
      }
      // serde reports the first missing field in declaration order.
      const missing = FIELDS.find((field) => !seen.has(field))
      if (missing !== undefined) throw this.reject(`missing field \`${missing}\` in ${label(name)}`, reader.offset - 1, name)
    } else if (kind === 'array') {
      this.oddities.note('array-entry', () => label(name), this.at(key.offset))
      reader.enterArray()
      for (const [index, field] of FIELDS.entries()) {
        if (!reader.nextItem()) {
          throw this.reject(`${label(name)} is a list of ${index} elements; expected 3 [dtype, shape, data_offsets]`, key.offset, name)
        }
        this.readField(reader, field, name, fields)
      }
      if (reader.nextItem()) {
        throw this.reject(`${label(name)} is a list of ${countRest(reader, FIELDS.length)} elements; expected 3 [dtype, shape, data_offsets]`, key.offset, name)
      }
    } else {
      throw this.reject(`${label(name)} is ${article(kind)}; expected an object with dtype, shape and data_offsets`, reader.offset, name)
    }
    const { dtype, bits, shape, begin, end } = fields as Required<Fields>
    return { name, offset: this.at(key.offset), dtype, bits, shape, begin, end }
  }

  private readField(reader: JsonReader, field: FieldName, name: string, fields: Fields): void {
    if (field === 'dtype') {
      const { dtype, bits } = this.readDtype(reader, name)
      fields.dtype = dtype
      fields.bits = bits
    } else if (field === 'shape') {
      fields.shape = this.readShape(reader, name)
    } else {
      const [begin, end] = this.readOffsets(reader, name)
      fields.begin = begin
      fields.end = end
    }
  }

  /** A variant name, or serde's externally tagged unit form `{"F32": null}`. */
  private readDtype(reader: JsonReader, name: string): { dtype: string; bits: number } {
    const kind = reader.peek()
    const at = reader.offset
    if (kind === 'string') return this.lookupDtype(reader.readString().value, name, at)
    if (kind !== 'object') throw this.reject(`dtype of ${label(name)} is ${article(kind)}; expected a string`, at, name)
    reader.enterObject()
    const variant = reader.nextKey()
    const valueKind = variant === null ? null : reader.peek()
    if (variant !== null) reader.skipValue()
    // serde checks "a map with a single key" before it looks at the variant or its value.
    if (variant === null || reader.nextKey() !== null) {
      throw this.reject(`dtype of ${label(name)} is a map without exactly one key; expected a dtype name`, at, name)
    }
    const found = this.lookupDtype(variant.name, name, variant.offset)
    if (valueKind !== 'null') {
      throw this.reject(`dtype of ${label(name)} maps ${quote(variant.name)} to ${article(valueKind ?? 'null')}; a unit variant takes null`, at, name)
    }
    this.oddities.note('map-dtype', () => label(name), this.at(at))
    return found
  }

  private lookupDtype(dtype: string, name: string, at: number): { dtype: string; bits: number } {
    const info = dtypeInfo(dtype)
    if (info === undefined) {
      throw this.reject(`unknown dtype ${quote(dtype)} for ${label(name)}`, at, name, SAFETENSORS_RULES.unknownDtype)
    }
    return { dtype, bits: info.bits }
  }

  private readShape(reader: JsonReader, name: string): Shape {
    const kind = reader.peek()
    if (kind !== 'array') throw this.reject(`shape of ${label(name)} is ${article(kind)}; expected a list of integers`, reader.offset, name)
    reader.enterArray()
    const shape: Shape = { rank: 0, dims: [], elements: 1n }
    while (reader.nextItem()) {
      const dim = this.readUsize(reader, 'shape', shape.rank, name)
      if (shape.dims.length < DIMS_KEPT) shape.dims.push(dim)
      if (shape.elements !== null) {
        const product = shape.elements * dim
        shape.elements = product > U64_MAX ? null : product
      }
      shape.rank++
    }
    return shape
  }

  private readOffsets(reader: JsonReader, name: string): [bigint, bigint] {
    const kind = reader.peek()
    const at = reader.offset
    if (kind !== 'array') throw this.reject(`data_offsets of ${label(name)} is ${article(kind)}; expected [begin, end]`, at, name)
    reader.enterArray()
    const offsets: bigint[] = []
    while (offsets.length < 2) {
      if (!reader.nextItem()) {
        throw this.reject(`data_offsets of ${label(name)} has ${offsets.length} elements; expected [begin, end]`, at, name)
      }
      offsets.push(this.readUsize(reader, 'data_offsets', offsets.length, name))
    }
    if (reader.nextItem()) {
      throw this.reject(`data_offsets of ${label(name)} has ${countRest(reader, 2)} elements; expected [begin, end]`, at, name)
    }
    return [offsets[0], offsets[1]]
  }

  /** Rust `usize` on 64-bit: only `0|[1-9][0-9]*` up to 2^64 − 1 (serde_json makes anything else i64 or f64). */
  private readUsize(reader: JsonReader, field: string, index: number, name: string): bigint {
    const kind = reader.peek()
    const at = reader.offset
    if (kind !== 'number') throw this.reject(`${field}[${index}] of ${label(name)} is ${article(kind)}; expected a non-negative integer`, at, name)
    const text = reader.readNumber()
    const value = parseU64(text)
    if (value === null) {
      throw this.reject(`${field}[${index}] of ${label(name)} is ${text}; expected an integer from 0 to 2^64 − 1 written without sign, fraction or exponent`, at, name)
    }
    return value
  }

  private at(headerOffset: number): number {
    return this.base + headerOffset
  }

  private reject(message: string, headerOffset: number, tensor?: string, rule: SafetensorsRule = SAFETENSORS_RULES.invalidJson): HeaderRejected {
    const offset = this.at(headerOffset)
    return new HeaderRejected(rule, `${message} (header byte ${headerOffset}, file offset ${offset})`, offset, tensor)
  }
}

/** Counts the elements of the innermost list, `seen` of which were read and the next is at the cursor. */
function countRest(reader: JsonReader, seen: number): number {
  let count = seen
  do {
    reader.skipValue()
    count++
  } while (reader.nextItem())
  return count
}

/** `tensor "name"`, built only when a message needs it (headers can hold 100,000s of tensors). */
function label(name: string): string {
  return `tensor ${quote(name)}`
}

function article(kind: JsonKind): string {
  return kind === 'true' || kind === 'false' || kind === 'null' ? kind : kind === 'array' ? 'a list' : kind === 'object' ? 'an object' : `a ${kind}`
}
