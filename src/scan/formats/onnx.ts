// ONNX: a protobuf ModelProto (no magic; routed here by the `.onnx` name). Walked on positioned
// reads (../onnx/walk.ts), tensor data skipped by length: wire data protobuf rejects is
// `onnx/invalid`, external-data locations that leave the model's folder, missing files and
// out-of-range reads are reported (../onnx/external.ts), and operators from custom domains
// are listed (../onnx/domains.ts).
import type { FormatScanner, ScanContext } from '../context.js'
import { RULES, type Finding, type Location, type Severity } from '../findings.js'
import { BudgetStop } from '../budget.js'
import { ByteWindow } from '../protobuf/window.js'
import { ProtoError, ProtoReader } from '../protobuf/reader.js'
import { customDomains } from '../onnx/domains.js'
import { ExternalFiles, externalIssues, type IssueKind } from '../onnx/external.js'
import { newFacts, walkModel, WalkLimit, type ModelFacts } from '../onnx/walk.js'

const ISSUES: Readonly<Record<IssueKind, { rule: string; severity: Severity }>> = {
  escape: { rule: RULES.onnxExternalDataEscape, severity: 'high' },
  missing: { rule: RULES.onnxExternalDataMissing, severity: 'medium' },
  bounds: { rule: RULES.onnxExternalDataBounds, severity: 'high' }
}

/** External files listed in the report. */
export const EXTERNAL_FILES_SHOWN = 100

/** The model's local path, only for a file scanned directly (not a member, not decompressed, not nested). */
function modelPath(ctx: ScanContext): string | undefined {
  return ctx.depth === 0 && ctx.entry === undefined && ctx.decompressed === undefined ? ctx.localPath : undefined
}

export const scanOnnx: FormatScanner = async (source, ctx) => {
  const at = (offset: number): Location => (ctx.entry === undefined ? { offset } : { entry: ctx.entry, offset })
  const findings: Finding[] = []
  const facts = newFacts()
  const external = new ExternalFiles()
  const tick = (): void => {
    if (ctx.budget?.spent(ctx)) throw new BudgetStop()
  }
  try {
    await walkModel(ProtoReader.of(new ByteWindow(source)), facts, tick, (ref) => external.add(ref))
  } catch (err) {
    const stop = stopFinding(err, at)
    if (stop !== undefined) findings.push(stop)
  }
  const local = modelPath(ctx)
  for (const issue of await externalIssues(external.files.values(), local)) {
    findings.push({ ...ISSUES[issue.kind], message: issue.message, location: at(issue.offset), externalLocation: issue.file.location, tensor: issue.file.tensor })
  }
  for (const custom of customDomains(facts)) {
    const more = custom.count > custom.operators.length ? ` and ${custom.count - custom.operators.length} more` : ''
    findings.push({
      rule: RULES.onnxCustomDomain,
      severity: 'info',
      message: `operators from the custom domain ${JSON.stringify(custom.domain)} (${custom.operators.join(', ')}${more}) need a native operator library at load: make sure it comes from a trusted source`,
      location: at(custom.offset),
      domain: custom.domain,
      operators: custom.operators
    })
  }
  return { format: 'onnx', findings, details: details(facts, external, local !== undefined) }
}

/**
 * The finding for a walk that stopped early: invalid wire data or a walk limit. None for the
 * time budget (scanFile reports it); what was walked is checked either way.
 */
function stopFinding(err: unknown, at: (offset: number) => Location): Finding | undefined {
  if (err instanceof BudgetStop) return undefined
  if (err instanceof ProtoError) {
    return { rule: RULES.onnxInvalid, severity: 'high', message: `protobuf wire data the ONNX loaders reject: ${err.message} (byte ${err.offset}). Re-export the model from a trusted source.`, location: at(err.offset) }
  }
  if (err instanceof WalkLimit) {
    return { rule: RULES.incomplete, severity: 'high', message: `${err.message}: the rest of the model was not analysed, so it is not known to be safe.`, location: at(err.offset) }
  }
  throw err
}

function details(facts: ModelFacts, external: ExternalFiles, checked: boolean): Record<string, unknown> {
  const files = [...external.files.values()]
  return {
    ...(facts.irVersion !== undefined ? { irVersion: facts.irVersion } : {}),
    ...(facts.producer !== undefined ? { producer: facts.producer } : {}),
    opsets: facts.opsets,
    ...facts.counts,
    inlineBytes: facts.inlineBytes,
    ...(facts.metadata.length > 0 ? { metadata: Object.fromEntries(facts.metadata.filter((m) => m.value.length <= 256).map((m) => [m.key, m.value])) } : {}),
    ...(files.length > 0
      ? {
          externalData: files.slice(0, EXTERNAL_FILES_SHOWN).map((f) => ({ location: f.location, tensors: f.tensors, bytes: f.bytes.toString() })),
          externalDataChecked: checked
            ? 'resolved against the model folder: existence, symbolic links and sizes checked'
            : 'not checked on disk (remote file or archive member): only the locations were checked'
        }
      : {})
  }
}
