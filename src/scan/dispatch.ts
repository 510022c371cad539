// Routes a source to the scanner for its content (extension only as a tie-breaker).
import type { FormatResult, FormatScanner, ScanContext } from './context.js'
import type { Source } from './source.js'
import { sniff } from './sniff.js'
import { scanLfsPointer } from './formats/lfs.js'
import { scanSafetensors } from './formats/safetensors.js'
import { scanCompressed } from './formats/compressed.js'
import { notAnalysed, unrecognised } from './formats/unsupported.js'
import { scanPickle } from './pickle/scan-pickle.js'
import { extensionOf } from './names.js'

const passive = (format: FormatResult['format']): FormatScanner => async () => ({ format, findings: [] })

/** What a file name suggests, for content that matched no signature. */
const EXTENSION_HINTS: Record<string, FormatScanner> = {
  '.safetensors': scanSafetensors
}

export async function scanSource(source: Source, ctx: ScanContext, name: string): Promise<FormatResult> {
  const sniffed = await sniff(source)
  switch (sniffed.kind) {
    case 'empty':
      return { format: 'other', findings: [] }
    case 'lfs-pointer':
      return scanLfsPointer(source, ctx)
    case 'safetensors':
      return scanSafetensors(source, ctx)
    case 'pickle':
      return scanPickle(source, ctx)
    case 'compressed':
      return scanCompressed(ctx, sniffed.compression ?? 'gzip', name)
    case 'zip':
      return notAnalysed('zip', 'zip archive', ctx)
    case 'numpy':
      return notAnalysed('numpy', 'NumPy .npy file', ctx)
    case 'gguf':
      return passive('gguf')(source, ctx)
    case 'hdf5':
      return passive('hdf5')(source, ctx)
    case 'other': {
      const hinted = EXTENSION_HINTS[extensionOf(name)]
      return hinted !== undefined ? hinted(source, ctx) : unrecognised(name, ctx)
    }
  }
}
