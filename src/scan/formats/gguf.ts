// GGUF: validate the header exactly as llama.cpp's gguf.cpp (`gguf_init_from_reader`) does,
// in its order, on positioned reads of the header only (a 40 GB file costs its header), and
// hand the chat templates it carries to template analysis. Checks: ../gguf/header.ts.
import type { FormatScanner, ScanContext } from '../context.js'
import { RULES, type Finding } from '../findings.js'
import type { Source } from '../source.js'
import { BudgetStop } from '../budget.js'
import { HeaderReader } from '../gguf/reader.js'
import { GgufRejected, GgufTooLarge } from '../gguf/rejection.js'
import { walkHeader, type Walked } from '../gguf/header.js'
import type { GgufTemplate, KvState } from '../gguf/kv.js'
import { checkChatTemplate } from '../templates/chat-template.js'

export type { GgufTemplate } from '../gguf/kv.js'

export interface GgufHeader {
  version: number
  tensors: number
  kvs: number
  templates: GgufTemplate[]
  details: Record<string, unknown>
  findings: Finding[]
}

const REJECTED_ADVICE = 'llama.cpp refuses to load this file; malformed GGUF headers are how its parser has been attacked (out-of-bounds reads and writes), so do not load it with older or other GGUF readers either'

/** Reads and checks the header; findings hold the rejection (if any) and template notes. */
export async function readGgufHeader(source: Source, ctx: ScanContext): Promise<GgufHeader> {
  const kv: KvState = { keys: new Set(), details: {}, templates: [], templateBytes: 0, findings: [] }
  const walked: Walked = {}
  const findings: Finding[] = []
  const budget = ctx.budget
  const tick = (offset: number): void => {
    if (budget?.spent(ctx, offset)) throw new BudgetStop()
  }
  try {
    await walkHeader(new HeaderReader(source), kv, walked, tick)
  } catch (err) {
    if (err instanceof GgufRejected) findings.push(rejection(err))
    else if (err instanceof GgufTooLarge) findings.push(tooLarge(err))
    else if (!(err instanceof BudgetStop)) throw err
  }
  const at = (f: Finding): Finding => (ctx.entry === undefined || f.location === undefined ? f : { ...f, location: { entry: ctx.entry, ...f.location } })
  return {
    version: walked.version ?? 0,
    tensors: walked.tensors ?? 0,
    kvs: walked.kvs ?? 0,
    templates: kv.templates,
    details: details(walked, kv),
    findings: [...findings, ...kv.findings].map(at)
  }
}

/** The header's findings, then each chat template's (parsed and walked, never rendered). */
export const scanGguf: FormatScanner = async (source, ctx) => {
  const header = await readGgufHeader(source, ctx)
  const templates = header.templates.flatMap((t) => checkChatTemplate(t.text, { key: t.key, offset: t.offset, ...(ctx.entry !== undefined ? { entry: ctx.entry } : {}) }))
  return { format: 'gguf', findings: [...header.findings, ...templates], details: header.details }
}

function rejection(err: GgufRejected): Finding {
  return {
    rule: RULES.ggufInvalidHeader,
    severity: 'high',
    message: `GGUF header rejected (${err.check}): ${err.message}. ${REJECTED_ADVICE}.`,
    location: { offset: err.offset },
    check: err.check,
    // The name as ggml keeps it (up to a NUL), as text.
    ...(err.tensor !== undefined ? { tensor: Buffer.from(err.tensor, 'latin1').toString('utf8') } : {})
  }
}

function tooLarge(err: GgufTooLarge): Finding {
  return {
    rule: RULES.incomplete,
    severity: 'high',
    message: `GGUF header not fully analysed: ${err.message} (modelgate's bound); llama.cpp reads on, so the rest of the header is not known to be safe. Inspect it by hand.`,
    location: { offset: err.offset }
  }
}

function details(w: Walked, kv: KvState): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (w.version !== undefined) out.version = w.version
  if (w.tensors !== undefined) out.tensors = w.tensors
  if (w.kvs !== undefined) out.kvs = w.kvs
  if (kv.details.architecture !== undefined) out.architecture = kv.details.architecture
  if (kv.details.name !== undefined) out.name = kv.details.name
  if (w.alignment !== undefined) out.alignment = w.alignment
  if (w.dataOffset !== undefined) out.dataOffset = w.dataOffset
  if (w.dataSize !== undefined) out.dataSize = Number(w.dataSize)
  if (kv.templates.length > 0) out.chatTemplates = kv.templates.map((t) => t.key)
  return out
}
