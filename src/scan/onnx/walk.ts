// Walks an ONNX ModelProto (onnx.proto field numbers) on a ProtoReader: graphs and the
// subgraphs in node attributes (If/Loop/Scan bodies), functions, training graphs,
// initializers and sparse initializers, opset imports and metadata. Tensor payloads are
// skipped by length. It collects what the checks need: operators per domain, functions
// defined in the model, and every tensor's external-data entries.
import { ProtoReader, WIRE, type ProtoField, type Range } from '../protobuf/reader.js'

/** Graph nesting the walk follows (protobuf's own recursion limit is 100 messages). */
export const MAX_GRAPH_DEPTH = 64
/** Nodes the walk visits, all graphs and functions together. */
export const MAX_NODES = 2_000_000
/** Longest string field read (names, domains, locations); longer ones are cut. */
export const MAX_STRING = 4096
/** Distinct operators (domain, op_type) and functions kept. */
export const MAX_OPERATORS = 100_000
/** Distinct external-data locations of one tensor (a loader reads the last one). */
const MAX_LOCATIONS = 16
/** Opset imports and metadata entries kept for the report. */
const KEPT = 50

/** The walk stopped at a limit: the rest of the model was not analysed. */
export class WalkLimit extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

export interface StringEntry {
  key: string
  value: string
  /** Where the entry's value starts. */
  offset: number
  /** The value was longer than MAX_STRING and is cut. */
  cut: boolean
}

/** A tensor's external-data entries: every distinct location, the last offset and length (as onnx's loader keeps them). */
export interface TensorRef {
  name: string
  /** data_location = EXTERNAL was set. */
  external: boolean
  /** Each distinct `location` value, first entry kept. */
  locations: Map<string, StringEntry>
  offset?: StringEntry
  length?: StringEntry
}

export interface ModelFacts {
  irVersion?: string
  producer?: string
  /** The first opset imports. */
  opsets: { domain: string; version: string }[]
  /** The first metadata_props entries (values cut at MAX_STRING). */
  metadata: StringEntry[]
  /** Operators per domain ("" included), first offset of each operator. */
  operators: Map<string, Map<string, number>>
  /** `domain\0name` of the functions the model defines. */
  functions: Set<string>
  counts: { nodes: number; initializers: number; sparseInitializers: number; functions: number; subgraphs: number }
  inlineBytes: number
}

/** Receives each tensor that has external-data entries or data_location = EXTERNAL. */
export type OnExternal = (tensor: TensorRef) => void

const decoder = new TextDecoder()
const EXTERNAL = 1n

type Tick = () => void

export function newFacts(): ModelFacts {
  return {
    opsets: [],
    metadata: [],
    operators: new Map(),
    functions: new Set(),
    counts: { nodes: 0, initializers: 0, sparseInitializers: 0, functions: 0, subgraphs: 0 },
    inlineBytes: 0
  }
}

class Walker {
  private distinct = 0

  constructor(
    private readonly facts: ModelFacts,
    private readonly tick: Tick,
    private readonly onExternal: OnExternal
  ) {}

  /** Counts a new operator or function against MAX_OPERATORS. */
  private another(offset: number): void {
    if (++this.distinct > MAX_OPERATORS) throw new WalkLimit(`the model has more than ${MAX_OPERATORS} distinct operators and functions`, offset)
  }

  /** Calls `visit` on each field of the message, with the tick between fields (time budget). */
  private async fields(reader: ProtoReader, visit: (f: ProtoField) => Promise<void> | void): Promise<void> {
    for (let field = await reader.next(); field !== undefined; field = await reader.next()) {
      this.tick()
      await visit(field)
    }
  }

  private async text(reader: ProtoReader, range: Range): Promise<string> {
    return decoder.decode(await reader.bytes(range, MAX_STRING))
  }

  async model(reader: ProtoReader): Promise<void> {
    await this.fields(reader, async (f) => {
      if (f.wire === WIRE.varint) {
        if (f.number === 1) this.facts.irVersion = BigInt.asIntN(64, f.value).toString()
        return
      }
      if (f.wire !== WIRE.len) return
      const sub = reader.sub(f.value)
      if (f.number === 2) this.facts.producer = await this.text(reader, f.value)
      else if (f.number === 7) await this.graph(sub, 1)
      else if (f.number === 8) keep(this.facts.opsets, await this.opset(sub))
      else if (f.number === 14) keep(this.facts.metadata, await this.entry(sub))
      else if (f.number === 20) await this.trainingInfo(sub)
      else if (f.number === 25) await this.function(sub)
    })
  }

  private async opset(reader: ProtoReader): Promise<{ domain: string; version: string }> {
    const opset = { domain: '', version: '0' }
    await this.fields(reader, async (f) => {
      if (f.number === 1 && f.wire === WIRE.len) opset.domain = await this.text(reader, f.value)
      else if (f.number === 2 && f.wire === WIRE.varint) opset.version = BigInt.asIntN(64, f.value).toString()
    })
    return opset
  }

  /** A StringStringEntryProto (last key and value win, as protobuf merges singular fields). */
  private async entry(reader: ProtoReader): Promise<StringEntry> {
    const entry: StringEntry = { key: '', value: '', offset: reader.start, cut: false }
    await this.fields(reader, async (f) => {
      if (f.wire !== WIRE.len) return
      if (f.number === 1) entry.key = await this.text(reader, f.value)
      else if (f.number === 2) {
        entry.value = await this.text(reader, f.value)
        entry.offset = f.value.offset
        entry.cut = f.value.length > MAX_STRING
      }
    })
    return entry
  }

  private async trainingInfo(reader: ProtoReader): Promise<void> {
    await this.fields(reader, async (f) => {
      if ((f.number === 1 || f.number === 2) && f.wire === WIRE.len) await this.graph(reader.sub(f.value), 1)
    })
  }

  private async function(reader: ProtoReader): Promise<void> {
    this.facts.counts.functions++
    let name = ''
    let domain = ''
    await this.fields(reader, async (f) => {
      if (f.wire !== WIRE.len) return
      if (f.number === 1) name = await this.text(reader, f.value)
      else if (f.number === 10) domain = await this.text(reader, f.value)
      else if (f.number === 7) await this.node(reader.sub(f.value), 1)
      else if (f.number === 11) await this.attribute(reader.sub(f.value), 1)
    })
    const key = `${domain}\0${name}`
    if (!this.facts.functions.has(key)) this.another(reader.start)
    this.facts.functions.add(key)
  }

  private async graph(reader: ProtoReader, depth: number): Promise<void> {
    if (depth > MAX_GRAPH_DEPTH) throw new WalkLimit(`graphs are nested more than ${MAX_GRAPH_DEPTH} deep`, reader.start)
    await this.fields(reader, async (f) => {
      if (f.wire !== WIRE.len) return
      if (f.number === 1) await this.node(reader.sub(f.value), depth)
      else if (f.number === 5) {
        this.facts.counts.initializers++
        await this.tensor(reader.sub(f.value))
      } else if (f.number === 15) {
        this.facts.counts.sparseInitializers++
        await this.sparseTensor(reader.sub(f.value))
      }
    })
  }

  private async node(reader: ProtoReader, depth: number): Promise<void> {
    if (++this.facts.counts.nodes > MAX_NODES) throw new WalkLimit(`the model has more than ${MAX_NODES} nodes`, reader.start)
    let opType = ''
    let domain = ''
    await this.fields(reader, async (f) => {
      if (f.wire !== WIRE.len) return
      if (f.number === 4) opType = await this.text(reader, f.value)
      else if (f.number === 7) domain = await this.text(reader, f.value)
      else if (f.number === 5) await this.attribute(reader.sub(f.value), depth)
    })
    const ops = this.facts.operators.get(domain) ?? new Map<string, number>()
    if (!ops.has(opType)) {
      this.another(reader.start)
      ops.set(opType, reader.start)
    }
    this.facts.operators.set(domain, ops)
  }

  private async attribute(reader: ProtoReader, depth: number): Promise<void> {
    await this.fields(reader, async (f) => {
      if (f.wire !== WIRE.len) return
      const sub = reader.sub(f.value)
      if (f.number === 5 || f.number === 10) await this.tensor(sub)
      else if (f.number === 22 || f.number === 23) await this.sparseTensor(sub)
      else if (f.number === 6 || f.number === 11) {
        this.facts.counts.subgraphs++
        await this.graph(sub, depth + 1)
      }
    })
  }

  private async sparseTensor(reader: ProtoReader): Promise<void> {
    await this.fields(reader, async (f) => {
      if ((f.number === 1 || f.number === 2) && f.wire === WIRE.len) await this.tensor(reader.sub(f.value))
    })
  }

  private async tensor(reader: ProtoReader): Promise<void> {
    const ref: TensorRef = { name: '', external: false, locations: new Map() }
    await this.fields(reader, async (f) => {
      if (f.number === 14 && f.wire === WIRE.varint) ref.external ||= f.value === EXTERNAL
      if (f.wire !== WIRE.len) return
      if (f.number === 8) ref.name = await this.text(reader, f.value)
      else if (f.number === 13) external(ref, await this.entry(reader.sub(f.value)))
      else if (f.number === 9) this.facts.inlineBytes += f.value.length
    })
    if (ref.external || ref.locations.size > 0 || ref.offset !== undefined || ref.length !== undefined) this.onExternal(ref)
  }
}

/** Records one external_data entry; other keys (checksum, basepath, unknown) do not change what is read. */
function external(ref: TensorRef, entry: StringEntry): void {
  if (entry.key === 'location') {
    if (!ref.locations.has(entry.value)) {
      if (ref.locations.size >= MAX_LOCATIONS) throw new WalkLimit(`a tensor names more than ${MAX_LOCATIONS} external-data locations`, entry.offset)
      ref.locations.set(entry.value, entry)
    }
  } else if (entry.key === 'offset') ref.offset = entry
  else if (entry.key === 'length') ref.length = entry
}

function keep<T>(list: T[], item: T): void {
  if (list.length < KEPT) list.push(item)
}

/**
 * Walks the ModelProto in `reader` into `facts` (see `newFacts`); throws ProtoError (wire
 * data) or WalkLimit, leaving what was found up to there in `facts`.
 */
export async function walkModel(reader: ProtoReader, facts: ModelFacts, tick: Tick, onExternal: OnExternal): Promise<void> {
  await new Walker(facts, tick, onExternal).model(reader)
}
