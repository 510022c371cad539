// Small helpers shared by the SavedModel and keras_metadata.pb walks on a ProtoReader.
import { WIRE, type ProtoField, type ProtoReader, type Range } from '../protobuf/reader.js'

export type Tick = () => void

const decoder = new TextDecoder()

/** Calls `visit` on each length-delimited field of the message (others are ignored), ticking between fields. */
export async function lenFields(reader: ProtoReader, tick: Tick, visit: (f: ProtoField & { wire: typeof WIRE.len }) => Promise<void> | void): Promise<void> {
  for (let field = await reader.next(); field !== undefined; field = await reader.next()) {
    tick()
    if (field.wire === WIRE.len) await visit(field)
  }
}

/** A string field's text, cut at `max` bytes. */
export async function text(reader: ProtoReader, range: Range, max: number): Promise<string> {
  return decoder.decode(await reader.bytes(range, max))
}
