// Results for content the engine recognises but does not analyse, or does not recognise.
import { RULES, type Format } from '../findings.js'
import type { FormatResult, ScanContext } from '../context.js'
import { suggestsModel, suggestsPickleLoader } from '../names.js'
import type { NotPickle } from '../pickle/probe.js'

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

/**
 * Content matched no signature. Only worth a note when the name claims a model format;
 * `notPickle` says where a pickle loader would stop on it (before running anything).
 */
export function unrecognised(name: string, ctx: ScanContext, notPickle?: NotPickle): FormatResult {
  if (!suggestsPickleLoader(name)) return { format: 'other', findings: [] }
  const asPickle =
    notPickle !== undefined
      ? ` Read as a pickle it stops at offset ${notPickle.offset} (${notPickle.reason}) before any opcode that imports or calls, so a pickle loader raises an error without running code.`
      : ''
  return {
    format: 'other',
    findings: [
      {
        rule: RULES.unrecognized,
        severity: 'info',
        message: `The name suggests a model file, but the content matches no model format.${asPickle}`,
        ...at(ctx)
      }
    ]
  }
}

/** No bytes at all. Only worth a note when the name claims a model format: no loader gets a model from it. */
export function emptyContent(name: string, ctx: ScanContext): FormatResult {
  if (!suggestsModel(name)) return { format: 'other', findings: [] }
  return {
    format: 'other',
    findings: [
      {
        rule: RULES.empty,
        severity: 'low',
        message: 'The name suggests a model file, but it is empty (0 bytes): loaders fail on it, and the model it stands for was not scanned. Commit the real file or remove this one.',
        ...at(ctx)
      }
    ]
  }
}
