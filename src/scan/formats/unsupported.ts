// Results for content the engine recognises but does not analyse, or does not recognise.
import { RULES, type Format } from '../findings.js'
import type { FormatResult, ScanContext } from '../context.js'
import { suggestsPickleLoader } from '../names.js'

const at = (ctx: ScanContext) => (ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {})

/** Fail closed: a loader could read this, we did not analyse it. */
export function notAnalysed(format: Format, what: string, ctx: ScanContext, why = 'this format is not analysed yet'): FormatResult {
  return {
    format,
    findings: [
      {
        rule: RULES.incomplete,
        severity: 'high',
        message: `${what} not analysed (${why}): a loader could read it, so it is not known to be safe. Inspect it by hand or convert the model to safetensors.`,
        ...at(ctx)
      }
    ]
  }
}

/** Content matched no signature. Only worth a note when the name claims a model format. */
export function unrecognised(name: string, ctx: ScanContext): FormatResult {
  if (!suggestsPickleLoader(name)) return { format: 'other', findings: [] }
  return {
    format: 'other',
    findings: [
      {
        rule: RULES.unrecognized,
        severity: 'info',
        message: 'The name suggests a model file, but the content matches no model format (a pickle loader would reject it at the first byte).',
        ...at(ctx)
      }
    ]
  }
}
