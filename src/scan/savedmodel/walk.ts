// Walks a SavedModel (tensorflow/core/protobuf/saved_model.proto, meta_graph.proto;
// tensorflow/core/framework/graph.proto, node_def.proto, function.proto, attr_value.proto) on
// a ProtoReader: every MetaGraphDef's GraphDef nodes and every function of its library (the
// library is flat: functions call each other by name, so walking them all covers nested
// calls). Tensor constants and everything else are skipped by length. Repeated singular
// messages are walked each time they appear, as protobuf merges them.
import { WIRE, type ProtoReader, type Range } from '../protobuf/reader.js'
import { WalkLimit } from '../onnx/walk.js'
import { dangerousOp, WATCHED_ATTRS, type OpReason } from './ops.js'
import { lenFields, text, type Tick } from './proto.js'
import { MAX_KERAS_NODES, MetadataReader, type KerasMetadataNode } from './keras-metadata.js'

/** Nodes the walk visits, all graphs and functions together. */
export const MAX_NODES = 2_000_000
/** Distinct op types counted. */
export const MAX_OP_TYPES = 100_000
/** Longest name, op or attribute string read; longer ones are cut (no registered op is that long). */
export const MAX_STRING = 4096
/** Node names kept per dangerous op type. */
export const NAMES_KEPT = 10
/** Meta graphs whose tags are kept for the report. */
const META_GRAPHS_KEPT = 16
const TAGS_KEPT = 16
const WATCHED_LENGTHS = new Set([...WATCHED_ATTRS].map((name) => new TextEncoder().encode(name).length))

export interface OpUse {
  reason: OpReason
  count: number
  /** The first NAMES_KEPT node names (`function/node` inside a function). */
  names: string[]
  /** Where the first such NodeDef starts. */
  offset: number
}

export interface SavedModelFacts {
  schemaVersion?: string
  /** Tags of each meta graph (the first ones). */
  tags: string[][]
  /** Nodes per op type, graphs and functions together. */
  ops: Map<string, number>
  /** Dangerous op types (ops.ts), PrintV2 and the proto ops only when their attributes name a file. */
  dangerous: Map<string, OpUse>
  counts: { metaGraphs: number; nodes: number; functions: number }
  /**
   * The object graph's user objects with metadata (SavedUserObject.metadata): Keras reads its
   * layer configs from there when keras_metadata.pb is absent (SavedModels before TF 2.5).
   */
  kerasObjects: KerasMetadataNode[]
}

export function newSavedModelFacts(): SavedModelFacts {
  return { tags: [], ops: new Map(), dangerous: new Map(), counts: { metaGraphs: 0, nodes: 0, functions: 0 }, kerasObjects: [] }
}

class Walker {
  private readonly json = new MetadataReader()

  constructor(
    private readonly facts: SavedModelFacts,
    private readonly tick: Tick
  ) {}

  async savedModel(reader: ProtoReader): Promise<void> {
    for (let f = await reader.next(); f !== undefined; f = await reader.next()) {
      this.tick()
      if (f.number === 1 && f.wire === WIRE.varint) this.facts.schemaVersion = BigInt.asIntN(64, f.value).toString()
      else if (f.number === 2 && f.wire === WIRE.len) await this.metaGraph(reader.sub(f.value))
    }
  }

  private async metaGraph(reader: ProtoReader): Promise<void> {
    this.facts.counts.metaGraphs++
    const tags: string[] = []
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) await this.metaInfo(reader.sub(f.value), tags)
      else if (f.number === 2) await this.graph(reader.sub(f.value))
      else if (f.number === 7) await this.objectGraph(reader.sub(f.value))
    })
    if (this.facts.tags.length < META_GRAPHS_KEPT) this.facts.tags.push(tags)
  }

  /** MetaInfoDef: tags = 4. */
  private async metaInfo(reader: ProtoReader, tags: string[]): Promise<void> {
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 4 && tags.length < TAGS_KEPT) tags.push(await text(reader, f.value, MAX_STRING))
    })
  }

  /** SavedObjectGraph: nodes = 1 (SavedObject, its index is its id). */
  private async objectGraph(reader: ProtoReader): Promise<void> {
    let id = 0
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) await this.savedObject(reader.sub(f.value), id++)
    })
  }

  /** SavedObject: user_object = 4 → SavedUserObject (identifier = 1, metadata = 3). */
  private async savedObject(reader: ProtoReader, id: number): Promise<void> {
    await lenFields(reader, this.tick, async (f) => {
      if (f.number !== 4) return
      const user = reader.sub(f.value)
      const node: KerasMetadataNode = { path: `object_graph_def.nodes[${id}]`, identifier: '', json: '', offset: f.value.offset }
      await lenFields(user, this.tick, async (u) => {
        if (u.number === 1) node.identifier = await text(user, u.value, MAX_STRING)
        else if (u.number === 3) {
          node.json = await this.json.json(user, u.value)
          node.offset = u.value.offset
        }
      })
      if (node.json === '') return
      if (this.facts.kerasObjects.length >= MAX_KERAS_NODES) throw new WalkLimit(`the object graph has more than ${MAX_KERAS_NODES} objects with metadata`, f.value.offset)
      this.facts.kerasObjects.push(node)
    })
  }

  /** GraphDef: node = 1, library = 2. */
  private async graph(reader: ProtoReader): Promise<void> {
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) await this.node(reader.sub(f.value), '')
      else if (f.number === 2) await this.library(reader.sub(f.value))
    })
  }

  /** FunctionDefLibrary: function = 1 (gradient = 2 only maps names). */
  private async library(reader: ProtoReader): Promise<void> {
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) await this.function(reader.sub(f.value))
    })
  }

  /** FunctionDef: signature = 1 (OpDef, name = 1), node_def = 3. The name may follow the nodes. */
  private async function(reader: ProtoReader): Promise<void> {
    this.facts.counts.functions++
    let name = ''
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) name = await this.signatureName(reader.sub(f.value), name)
    })
    // Second pass for the nodes, so their names carry the function's name wherever it is.
    const again = reader.sub({ offset: reader.start, length: reader.end - reader.start })
    await lenFields(again, this.tick, async (f) => {
      if (f.number === 3) await this.node(again.sub(f.value), `${name}/`)
    })
  }

  private async signatureName(reader: ProtoReader, previous: string): Promise<string> {
    let name = previous
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) name = await text(reader, f.value, MAX_STRING)
    })
    return name
  }

  /** NodeDef: name = 1, op = 2, attr = 5 (map entries: key = 1, value = 2 AttrValue). */
  private async node(reader: ProtoReader, prefix: string): Promise<void> {
    if (++this.facts.counts.nodes > MAX_NODES) throw new WalkLimit(`the SavedModel has more than ${MAX_NODES} nodes`, reader.start)
    // The name is decoded only for the nodes reported (the walk's cost is per node).
    let name: Range | undefined
    let op = ''
    const attrs = new Map<string, string>()
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 1) name = f.value
      else if (f.number === 2) op = await text(reader, f.value, MAX_STRING)
      else if (f.number === 5) await this.watchedAttr(reader.sub(f.value), attrs)
    })
    this.count(op, reader.start)
    const reason = dangerousOp(op, attrs)
    if (reason === undefined) return
    const use = this.facts.dangerous.get(op) ?? { reason, count: 0, names: [], offset: reader.start }
    use.count++
    if (use.names.length < NAMES_KEPT) use.names.push(prefix + (name === undefined ? '' : await text(reader, name, MAX_STRING)))
    this.facts.dangerous.set(op, use)
  }

  private count(op: string, offset: number): void {
    const seen = this.facts.ops.get(op)
    if (seen === undefined && this.facts.ops.size >= MAX_OP_TYPES) throw new WalkLimit(`the SavedModel has more than ${MAX_OP_TYPES} distinct op types`, offset)
    this.facts.ops.set(op, (seen ?? 0) + 1)
  }

  /** Keeps the string value (AttrValue.s = 2) of an attribute map entry named in WATCHED_ATTRS (the last entry wins, as in a map). */
  private async watchedAttr(reader: ProtoReader, attrs: Map<string, string>): Promise<void> {
    let key = ''
    let value: Range | undefined
    await lenFields(reader, this.tick, async (f) => {
      // Only keys as long as a watched name are decoded (most attributes are not watched).
      if (f.number === 1) key = WATCHED_LENGTHS.has(f.value.length) ? await text(reader, f.value, MAX_STRING) : ''
      else if (f.number === 2) value = f.value
    })
    if (!WATCHED_ATTRS.has(key)) return
    const s = value === undefined ? undefined : await this.attrString(reader.sub(value))
    if (s === undefined) attrs.delete(key)
    else attrs.set(key, s)
  }

  private async attrString(reader: ProtoReader): Promise<string | undefined> {
    let value: string | undefined
    await lenFields(reader, this.tick, async (f) => {
      if (f.number === 2) value = await text(reader, f.value, MAX_STRING)
    })
    return value
  }
}

/**
 * Walks the SavedModel in `reader` into `facts`; throws ProtoError (wire data) or WalkLimit,
 * leaving what was found up to there in `facts`.
 */
export async function walkSavedModel(reader: ProtoReader, facts: SavedModelFacts, tick: Tick): Promise<void> {
  await new Walker(facts, tick).savedModel(reader)
}
