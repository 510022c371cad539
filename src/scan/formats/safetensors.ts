// safetensors: validate the header exactly as the reference Rust parser
// (`SafeTensors::read_metadata`, safetensors 0.8) does, reading only the 8-byte
// length, the header and the file size. Tensor data is never read, so a 4 GiB file
// costs one small read. Rules and the error mapping: ../safetensors/errors.ts.
import type { FormatScanner } from '../context.js'
import type { Finding, Location } from '../findings.js'
import type { Source } from '../source.js'
import { DTYPES } from '../safetensors/dtypes.js'
import { HeaderRejected, SAFETENSORS_RULES } from '../safetensors/errors.js'
import { parseHeader, type Header } from '../safetensors/header.js'
import { BudgetStop } from '../budget.js'
import { HF_JS_HEADER_LIMIT, LENGTH_BYTES, MAX_HEADER_SIZE, headerLength } from '../safetensors/layout.js'
import { inspectMetadata, type MetadataConcern } from '../safetensors/metadata.js'
import { ODDITY_KINDS } from '../safetensors/oddities.js'
import { quote } from '../safetensors/text.js'
import { firstInvalidUtf8 } from '../safetensors/utf8.js'
import { validateLayout } from '../safetensors/validate.js'

export { looksLikeSafetensors } from '../safetensors/sniff.js'

/** `FileReport.details` for a header the reference accepts. */
export type SafetensorsDetails = {
  tensors: number
  /** Tensor count per dtype. */
  dtypes: Record<string, number>
  /** Total element count, in decimal (may exceed 2^53). */
  parameters: string
  /** `__metadata__` keys in header order, at most METADATA_KEYS_SHOWN of them. */
  metadataKeys: string[]
}

/** The summary is for people (job summary); a header with thousands of keys lists the first ones. */
export const METADATA_KEYS_SHOWN = 100

const REJECTED_ADVICE = 'safetensors refuses to load this file: re-export it with the safetensors library, or upload an intact copy'
const ODD_ADVICE = 'safetensors loads it, but other parsers may read different tensors; re-save it with the safetensors library'

const CONCERNS: Readonly<Record<MetadataConcern, string>> = {
  code: 'look like code',
  url: 'contain URLs',
  huge: 'are over 1 MiB'
}

type Locate = (offset: number) => Location

export const scanSafetensors: FormatScanner = async (source, ctx) => {
  const notes: Finding[] = []
  const at: Locate = (offset) => (ctx.entry === undefined ? { offset } : { entry: ctx.entry, offset })
  const budget = ctx.budget
  // The header walk stops for the time budget (budget.ts): the notes so far are kept, scanFile reports the stop.
  const tick = (): void => {
    if (budget?.spent(ctx)) throw new BudgetStop()
  }
  try {
    const details = await check(source, at, notes, tick)
    return { format: 'safetensors', findings: notes, details }
  } catch (err) {
    if (err instanceof BudgetStop) return { format: 'safetensors', findings: notes }
    if (!(err instanceof HeaderRejected)) throw err
    const finding: Finding = { rule: err.rule, severity: 'high', message: `${err.message}. ${REJECTED_ADVICE}.`, location: at(err.offset) }
    if (err.tensor !== undefined) finding.tensor = err.tensor
    return { format: 'safetensors', findings: [finding, ...notes] }
  }
}

/** The reference's checks in its order; throws HeaderRejected, collects accepted-but-odd notes. */
async function check(source: Source, at: Locate, notes: Finding[], tick: () => void): Promise<SafetensorsDetails> {
  const prefix = await source.read(0, LENGTH_BYTES)
  if (prefix.length < LENGTH_BYTES) {
    throw new HeaderRejected(SAFETENSORS_RULES.headerTooSmall, `the file is ${prefix.length} bytes; a safetensors file starts with an 8-byte header length`, 0)
  }
  const n = headerLength(prefix)
  if (n > BigInt(MAX_HEADER_SIZE)) {
    const hex = Array.from(prefix, (b) => b.toString(16).padStart(2, '0')).join(' ')
    throw new HeaderRejected(
      SAFETENSORS_RULES.headerTooLarge,
      `the header length is ${n} bytes (first 8 bytes: ${hex}); the reference parser refuses more than ${MAX_HEADER_SIZE}`,
      0
    )
  }
  const size = BigInt(source.size)
  const dataStart = BigInt(LENGTH_BYTES) + n
  if (dataStart > size) {
    throw new HeaderRejected(
      SAFETENSORS_RULES.invalidHeaderLength,
      `the header length is ${n} bytes but only ${size - BigInt(LENGTH_BYTES)} bytes follow it: the file is truncated or not safetensors`,
      0
    )
  }
  if (n > BigInt(HF_JS_HEADER_LIMIT)) {
    notes.push({
      rule: SAFETENSORS_RULES.largeHeader,
      severity: 'info',
      message: `the header is ${n} bytes; the Hugging Face JS parser refuses headers over ${HF_JS_HEADER_LIMIT} bytes`,
      location: at(LENGTH_BYTES)
    })
  }
  const bytes = await source.read(LENGTH_BYTES, Number(n))
  if (bytes.length < Number(n)) {
    throw new HeaderRejected(SAFETENSORS_RULES.invalidHeaderLength, `the file shrank to ${LENGTH_BYTES + bytes.length} bytes while its ${n}-byte header was read`, 0)
  }
  const bad = firstInvalidUtf8(bytes)
  if (bad >= 0) {
    throw new HeaderRejected(
      SAFETENSORS_RULES.invalidUtf8,
      `header byte ${bad} (file offset ${LENGTH_BYTES + bad}, 0x${bytes[bad].toString(16).padStart(2, '0')}) starts an invalid UTF-8 sequence`,
      LENGTH_BYTES + bad
    )
  }
  const header = parseHeader(bytes, LENGTH_BYTES, tick)
  notes.push(...oddityFindings(header, at))
  const layout = validateLayout(header.tensors)
  const expected = dataStart + layout.dataEnd
  if (expected !== size) {
    const gap = expected < size ? `${size - expected} bytes after the last tensor belong to no tensor` : `the file is ${expected - size} bytes short (truncated)`
    throw new HeaderRejected(
      SAFETENSORS_RULES.incompleteBuffer,
      `the tensors end at data offset ${layout.dataEnd}, so the file should be 8 + ${n} + ${layout.dataEnd} = ${expected} bytes, but it is ${size}: ${gap}`,
      Number(dataStart)
    )
  }
  notes.push(...metadataFindings(header, at), ...dtypeFindings(header, at))
  return summarize(header, layout.parameters)
}

function oddityFindings(header: Header, at: Locate): Finding[] {
  return header.oddities.list().map(({ kind, count, examples, offset }) => ({
    rule: SAFETENSORS_RULES.nonCanonical,
    severity: 'low',
    message: `${ODDITY_KINDS[kind]} (${count}×, e.g. ${examples.join('; ')}). ${ODD_ADVICE}.`,
    location: at(offset),
    kind,
    count,
    examples
  }))
}

function metadataFindings(header: Header, at: Locate): Finding[] {
  if (header.metadata === null) return []
  const byConcern = new Map<MetadataConcern, string[]>()
  for (const { concern, key } of inspectMetadata(header.metadata)) byConcern.set(concern, [...(byConcern.get(concern) ?? []), key])
  return [...byConcern].map(([concern, keys]) => ({
    rule: SAFETENSORS_RULES.suspiciousMetadata,
    severity: 'low',
    message: `\`__metadata__\` values ${CONCERNS[concern]}: ${keys.slice(0, 5).map(quote).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}; review them before anything reads them`,
    location: at(LENGTH_BYTES),
    concern,
    keys: keys.slice(0, METADATA_KEYS_SHOWN)
  }))
}

/** Dtypes that older safetensors releases do not know: those loaders refuse the whole file. */
function dtypeFindings(header: Header, at: Locate): Finding[] {
  const recent = [...new Set(header.tensors.map((t) => t.dtype))].filter((dtype) => DTYPES[dtype].since !== undefined)
  if (recent.length === 0) return []
  return [
    {
      rule: SAFETENSORS_RULES.newDtype,
      severity: 'info',
      message: `uses ${recent.map((dtype) => `${dtype} (safetensors ≥ ${DTYPES[dtype].since})`).join(', ')}; older safetensors releases refuse to load it`,
      location: at(LENGTH_BYTES),
      dtypes: recent
    }
  ]
}

function summarize(header: Header, parameters: bigint): SafetensorsDetails {
  const dtypes: Record<string, number> = {}
  for (const t of header.tensors) dtypes[t.dtype] = (dtypes[t.dtype] ?? 0) + 1
  return {
    tensors: header.tensors.length,
    dtypes,
    parameters: parameters.toString(),
    metadataKeys: header.metadata === null ? [] : [...header.metadata.keys()].slice(0, METADATA_KEYS_SHOWN)
  }
}
