// TensorFlow SavedModel: `saved_model.pb`, a protobuf SavedModel (no magic; routed here by its
// exact file name). Every meta graph's nodes and function library are walked on positioned
// reads (../savedmodel/walk.ts); ops that reach files, Python or the network (../savedmodel/ops.ts)
// are `tf/dangerous-op`, one finding per op type. Wire data protobuf rejects and walk limits
// are `scan/incomplete`. The text format (saved_model.pbtxt) is not parsed: reported incomplete.
import type { FormatResult, FormatScanner, ScanContext } from '../context.js'
import type { Source } from '../source.js'
import { readKerasMetadata, type KerasMetadataNode } from '../savedmodel/keras-metadata.js'
import { checkKerasConfigText } from '../keras/config.js'
import { RULES, type Finding } from '../findings.js'
import { ByteWindow } from '../protobuf/window.js'
import { ProtoReader } from '../protobuf/reader.js'
import { REASONS } from '../savedmodel/ops.js'
import { budgetTick, incompleteFinding, locate } from '../savedmodel/stop.js'
import { newSavedModelFacts, walkSavedModel, type OpUse, type SavedModelFacts } from '../savedmodel/walk.js'

/** Op types listed in details, most frequent first. */
export const OPS_SHOWN = 200

/**
 * The SavedModel's findings and details, and the Keras metadata JSON of its object graph
 * (SavedUserObject.metadata: what tf.keras loads when keras_metadata.pb is absent), for the
 * Keras config checks.
 */
export async function readSavedModel(source: Source, ctx: ScanContext): Promise<{ result: FormatResult; kerasObjects: KerasMetadataNode[] }> {
  const at = locate(ctx)
  const findings: Finding[] = []
  const facts = newSavedModelFacts()
  try {
    await walkSavedModel(ProtoReader.of(new ByteWindow(source)), facts, budgetTick(ctx))
  } catch (err) {
    const stop = incompleteFinding(err, 'SavedModel', at)
    if (stop !== undefined) findings.push(stop)
  }
  for (const [op, use] of facts.dangerous) findings.push({ rule: RULES.tfDangerousOp, severity: 'high', message: message(op, use), location: at(use.offset), op, count: use.count, nodes: use.names })
  return { result: { format: 'savedmodel', findings, details: details(facts) }, kerasObjects: facts.kerasObjects }
}

/**
 * Keras layer configs a SavedModel carries (its object graph's metadata, or keras_metadata.pb,
 * which tf.keras prefers): each goes through the Keras checks, whatever its identifier.
 */
function kerasFindings(nodes: readonly KerasMetadataNode[], file: string, ctx: ScanContext): Finding[] {
  return nodes
    .filter((n) => n.json.trim() !== '') // an object without metadata: nothing for Keras to build
    .flatMap((n) => checkKerasConfigText(n.json, { key: `${file} object ${n.path || n.identifier}`, offset: n.offset, ...(ctx.entry !== undefined ? { entry: ctx.entry } : {}) }))
}

export const scanSavedModel: FormatScanner = async (source, ctx) => {
  const { result, kerasObjects } = await readSavedModel(source, ctx)
  return { ...result, findings: [...result.findings, ...kerasFindings(kerasObjects, 'saved_model.pb', ctx)] }
}

/** keras_metadata.pb beside a SavedModel: the layer configs tf.keras rebuilds the model from. */
export const scanKerasMetadata: FormatScanner = async (source, ctx) => {
  const { nodes, findings } = await readKerasMetadata(source, ctx)
  return { format: 'keras', findings: [...findings, ...kerasFindings(nodes, 'keras_metadata.pb', ctx)], details: { kerasObjects: nodes.length } }
}

function message(op: string, use: OpUse): string {
  const more = use.count > use.names.length ? ` and ${use.count - use.names.length} more` : ''
  const nodes = use.names.map((n) => JSON.stringify(n)).join(', ')
  return `${use.count} node${use.count === 1 ? '' : 's'} of the op ${op} (${nodes}${more}): the op ${REASONS[use.reason]} when the graph runs. Do not load this model unless you trust its source.`
}

function details(facts: SavedModelFacts): Record<string, unknown> {
  const ops = [...facts.ops].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  return {
    ...(facts.schemaVersion !== undefined ? { schemaVersion: facts.schemaVersion } : {}),
    ...facts.counts,
    tags: facts.tags,
    kerasObjects: facts.kerasObjects.length,
    opTypes: ops.length,
    ops: Object.fromEntries(ops.slice(0, OPS_SHOWN))
  }
}

/** saved_model.pbtxt: TensorFlow loads the text format too, which is not parsed here. */
export const scanSavedModelText: FormatScanner = async (_source, ctx) => ({
  format: 'savedmodel',
  findings: [
    {
      rule: RULES.incomplete,
      severity: 'high',
      message: 'a text-format SavedModel (saved_model.pbtxt) is not analysed: its graph may run ops that read files or Python code, so it is not known to be safe.',
      location: locate(ctx)(0)
    }
  ]
})
