// Content that sniffs as pickle: a legacy `torch.save` stream (five pickles, then raw
// storages), or a pickle stream read to its end (several pickles), which is a joblib file
// when it holds a NumpyArrayWrapper (its inline arrays are skipped exactly, see joblib-arrays.ts).
import { RULES, type Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import type { ChunkStream } from '../source.js'
import { analyzePickleStream, type NestedScanner } from '../pickle/analyze.js'
import type { Scanned } from '../containers/content.js'
import { JOBLIB_DATA_GLOBALS, joblibArrays } from './joblib-arrays.js'
import { legacyMagic } from './torch-legacy-magic.js'

/** Pickles `_legacy_load` reads: magic, protocol version, sys_info, the object, the storage keys. */
const LEGACY_PICKLES = 5

const at = (ctx: ScanContext) => (ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {})

function legacyFindings(kind: 'literal' | 'computed', ctx: ScanContext): Finding[] {
  if (kind === 'literal') {
    return [
      {
        rule: RULES.torchLegacyFormat,
        severity: 'info',
        message:
          'Legacy torch.save stream (_use_new_zipfile_serialization=False): torch.load unpickles its first five pickles, then reads raw storages. ' +
          'Re-save it with the default zip format, or better as safetensors.',
        ...at(ctx)
      }
    ]
  }
  return [
    {
      rule: RULES.torchLegacyMagic,
      severity: 'high',
      message:
        'Legacy torch.save layout whose first pickle is not the literal magic number: the magic is computed at load time, and torch.load runs ' +
        'all five pickles before checking it (GHSA-97f8-7cmv-76j2). No writer produces this; treat the file as crafted.',
      ...at(ctx)
    }
  ]
}

/**
 * Analyses a pickle stream. `head` is its first bytes (for the legacy check), `nested` the
 * scanner for bytes handed to nested deserializers; `joblib`: joblib.load may read it (false
 * for the records of a torch archive, which only torch reads).
 */
export async function scanPickleStream(stream: ChunkStream, head: Uint8Array, ctx: ScanContext, nested: NestedScanner, joblib: boolean): Promise<Scanned> {
  const legacy = legacyMagic(head)
  if (legacy === 'literal') {
    const result = await analyzePickleStream(stream, { ctx, nested, maxPickles: LEGACY_PICKLES })
    return {
      format: 'pytorch-legacy',
      findings: [...legacyFindings(legacy, ctx), ...result.findings],
      details: { pickles: result.pickles, storagesOffset: result.end },
      ...(result.sawPickle ? { pickleSeen: { entry: ctx.entry } } : {})
    }
  }
  if (!joblib) {
    const result = await analyzePickleStream(stream, { ctx, nested })
    return {
      format: 'pickle',
      findings: result.findings,
      details: { pickles: result.pickles, opcodes: result.opcodes },
      ...(result.sawPickle ? { pickleSeen: { entry: ctx.entry } } : {})
    }
  }
  // Inside a pickle stream read by joblib, its array wrappers are data; the hook sizes their inline arrays.
  const arrays = joblibArrays(ctx.entry)
  const joblibCtx: ScanContext = { ...ctx, options: { ...ctx.options, allowGlobals: [...ctx.options.allowGlobals, ...JOBLIB_DATA_GLOBALS] } }
  const result = await analyzePickleStream(stream, { ctx: joblibCtx, nested, onBuild: arrays.onBuild })
  const findings = [...(legacy === 'computed' ? legacyFindings(legacy, ctx) : []), ...result.findings, ...arrays.findings]
  return {
    format: legacy === 'computed' ? 'pytorch-legacy' : arrays.isJoblib ? 'joblib' : 'pickle',
    findings,
    details: { pickles: result.pickles, opcodes: result.opcodes },
    ...(result.sawPickle ? { pickleSeen: { entry: ctx.entry } } : {})
  }
}
