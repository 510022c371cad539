// `.keras` archives (keras/src/saving/saving_lib.py): a zip with `config.json`, `metadata.json`,
// `model.weights.h5` or `.npz` and `assets/`. Every member is still scanned by content by the zip
// scanner; this reads the root `config.json` whole (bounded) and analyses the config.
import { RULES, type Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import type { Source } from '../source.js'
import { BudgetStop, timedChunks } from '../budget.js'
import { openMember, type ZipArchive, type ZipMember } from '../zip/index.js'
import { entryPath, quote } from '../zip/report.js'
import { extensionOf } from '../names.js'
import { checkKerasConfigText, MAX_CONFIG_TEXT } from './config.js'
import { decodeJsonBytes } from './json-text.js'

const CONFIG = 'config.json'
const METADATA = 'metadata.json'

const named = (archive: ZipArchive, name: string): ZipMember[] => archive.members.filter((m) => m.names.includes(name))

/**
 * The members any reader would open as the root `config.json` when this zip is a Keras archive
 * (a root `metadata.json` too, or a `.keras` name), else null. Every duplicate is analysed: Python's
 * zipfile takes the last one, other readers may take another.
 */
export function kerasConfigMembers(archive: ZipArchive, name: string): ZipMember[] | null {
  const configs = named(archive, CONFIG)
  if (configs.length === 0) return null
  return named(archive, METADATA).length > 0 || extensionOf(name) === '.keras' ? configs : null
}

/** Reads each config member (at most MAX_CONFIG_TEXT bytes) and analyses it. */
export async function scanKerasConfigs(source: Source, members: ZipMember[], ctx: ScanContext): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const member of members) {
    const entry = entryPath(ctx.entry, member.label) ?? member.label
    const bytes = await readBounded(source, member, ctx).catch((err: unknown) => {
      if (err instanceof BudgetStop) return null // past the time budget: scanFile reports the stop
      throw err
    })
    if (bytes === null) continue
    if (bytes === 'too large') {
      findings.push(unanalysed(entry, `it is larger than the ${MAX_CONFIG_TEXT} bytes modelgate reads`))
      continue
    }
    const text = decodeJsonBytes(bytes)
    if (text === null) findings.push(unanalysed(entry, 'its bytes are not text in an encoding json.loads detects'))
    else findings.push(...checkKerasConfigText(text, { key: CONFIG, entry }))
  }
  return findings
}

async function readBounded(source: Source, member: ZipMember, ctx: ScanContext): Promise<Uint8Array | 'too large'> {
  if (member.uncompSize > MAX_CONFIG_TEXT) return 'too large'
  const budget = ctx.budget
  const reader = openMember(source, member, ctx.options.limits, budget && ((input) => timedChunks(input, budget, ctx, false)))
  const chunks: Uint8Array[] = []
  let total = 0
  for (let chunk = await reader.stream.next(); chunk !== null; chunk = await reader.stream.next()) {
    total += chunk.length
    if (total > MAX_CONFIG_TEXT) return 'too large'
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function unanalysed(entry: string, why: string): Finding {
  return {
    rule: RULES.incomplete,
    severity: 'high',
    message: `The Keras config ${quote(entry)} could not be analysed: ${why}. Keras may still load it and run what it names.`,
    location: { entry },
    key: CONFIG
  }
}
