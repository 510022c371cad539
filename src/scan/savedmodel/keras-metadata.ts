// keras_metadata.pb (tensorflow/python/keras/protobuf/saved_metadata.proto): SavedMetadata
// nodes = 1 → SavedObject (node_id = 2, node_path = 3, identifier = 4, metadata = 5, a JSON
// string holding the object's Keras config). tf.keras rebuilds layers from these configs at
// load, so the JSON goes to the Keras config checks; this module only extracts it, bounded.
import type { ScanContext } from '../context.js'
import type { Finding } from '../findings.js'
import type { Source } from '../source.js'
import { ByteWindow } from '../protobuf/window.js'
import { ProtoReader, type Range } from '../protobuf/reader.js'
import { WalkLimit } from '../onnx/walk.js'
import { lenFields, text, type Tick } from './proto.js'
import { budgetTick, incompleteFinding, locate } from './stop.js'

export interface KerasMetadataNode {
  path: string
  identifier: string
  json: string
  /** Where the metadata string's bytes start. */
  offset: number
}

/** Nodes read (one per trackable object). */
export const MAX_KERAS_NODES = 1_000_000
/** Metadata JSON of one node, and of all nodes together. */
export const MAX_NODE_JSON = 16 * 1024 * 1024
export const MAX_TOTAL_JSON = 64 * 1024 * 1024
const MAX_NAME = 4096

/** Reads metadata JSON strings within the per-object and total limits (keras_metadata.pb or a SavedModel's object graph). */
export class MetadataReader {
  private total = 0

  async json(reader: ProtoReader, range: Range): Promise<string> {
    if (range.length > MAX_NODE_JSON) throw new WalkLimit(`the metadata of a Keras object is over ${MAX_NODE_JSON} bytes`, range.offset)
    this.total += range.length
    if (this.total > MAX_TOTAL_JSON) throw new WalkLimit(`the Keras metadata is over ${MAX_TOTAL_JSON} bytes in total`, range.offset)
    return text(reader, range, MAX_NODE_JSON)
  }
}

/** SavedObject: node_path = 3, identifier = 4, metadata = 5. */
async function savedObject(reader: ProtoReader, tick: Tick, json: MetadataReader): Promise<KerasMetadataNode> {
  const node: KerasMetadataNode = { path: '', identifier: '', json: '', offset: reader.start }
  await lenFields(reader, tick, async (f) => {
    if (f.number === 3) node.path = await text(reader, f.value, MAX_NAME)
    else if (f.number === 4) node.identifier = await text(reader, f.value, MAX_NAME)
    else if (f.number === 5) {
      node.json = await json.json(reader, f.value)
      node.offset = f.value.offset
    }
  })
  return node
}

async function walk(reader: ProtoReader, nodes: KerasMetadataNode[], tick: Tick): Promise<void> {
  const json = new MetadataReader()
  await lenFields(reader, tick, async (f) => {
    if (f.number !== 1) return
    if (nodes.length >= MAX_KERAS_NODES) throw new WalkLimit(`keras_metadata.pb has more than ${MAX_KERAS_NODES} objects`, f.offset)
    nodes.push(await savedObject(reader.sub(f.value), tick, json))
  })
}

/**
 * Each object's metadata JSON in keras_metadata.pb, in file order, with its offset. Wire data
 * protobuf rejects or a limit gives a `scan/incomplete` finding and the nodes read before it.
 */
export async function readKerasMetadata(source: Source, ctx: ScanContext): Promise<{ nodes: KerasMetadataNode[]; findings: Finding[] }> {
  const nodes: KerasMetadataNode[] = []
  const findings: Finding[] = []
  try {
    await walk(ProtoReader.of(new ByteWindow(source)), nodes, budgetTick(ctx))
  } catch (err) {
    const stop = incompleteFinding(err, 'Keras metadata', locate(ctx))
    if (stop !== undefined) findings.push(stop)
  }
  return { nodes, findings }
}
