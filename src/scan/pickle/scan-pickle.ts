// Format scanner for files that sniff as pickle, whatever their extension: the whole
// source is one pickle stream (several pickles to the end of the file), plus the single
// file-level `pickle/format` verdict when every global in it is allowlisted.
import type { FormatScanner } from '../context.js'
import { sourceChunks } from '../source.js'
import { analyzePickleStream } from './analyze.js'
import { pickleFormatFinding } from './report.js'

export { pickleFormatFinding }

export const scanPickle: FormatScanner = async (source, ctx) => {
  const result = await analyzePickleStream(sourceChunks(source), { ctx })
  const findings = result.sawPickle && result.allAllowlisted ? [...result.findings, pickleFormatFinding(ctx.options, ctx.entry)] : result.findings
  return { format: 'pickle', findings, details: { pickles: result.pickles, opcodes: result.opcodes } }
}
