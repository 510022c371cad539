// Routes content to the scanner for what it is (extension only as a tie-breaker). The same
// router serves files, archive members, decompressed streams and bytes handed to nested
// deserializers, so a zip inside a pickle's `torch.load(bytes)` still reaches the zip scanner.
import type { FormatResult, FormatScanner, ScanContext } from './context.js'
import { bufferSource, sourceChunks, type Source } from './source.js'
import { sniff, SNIFF_HEAD, type SniffResult, type Sniffed } from './sniff.js'
import { scanLfsPointer } from './formats/lfs.js'
import { scanSafetensors } from './formats/safetensors.js'
import { scanGguf } from './formats/gguf.js'
import { scanHdf5 } from './formats/hdf5.js'
import { scanOnnx } from './formats/onnx.js'
import { scanKerasMetadata, scanSavedModel, scanSavedModelText } from './formats/savedmodel.js'
import { scanCompressed } from './formats/compressed.js'
import { scanNpy } from './formats/numpy.js'
import { scanPickleStream } from './formats/pickle-stream.js'
import { scanSevenZip } from './formats/sevenzip.js'
import { scanTar } from './formats/tar.js'
import { scanZip } from './formats/zip.js'
import { directoryFromEnd, tailSource, TAIL_WINDOW } from './zip/index.js'
import { emptyContent, notAnalysed, unrecognised } from './formats/unsupported.js'
import { BUFFER_LIMIT, fileResult, peek, randomAccess, streamTail, type Content, type Scanned } from './containers/content.js'
import type { NestedScanner } from './pickle/analyze.js'
import { extensionOf } from './names.js'
import { BudgetStop, timedChunks } from './budget.js'
import { scanTemplateFile, templateFileKind } from './templates/files.js'

/** What a file name suggests, for content that matched no signature. */
const EXTENSION_HINTS: Record<string, FormatScanner> = {
  '.safetensors': scanSafetensors,
  // ONNX has no magic (formats.md §7): a protobuf's first bytes match too much else to sniff.
  '.onnx': scanOnnx
}

/** Exact file names TensorFlow loads (`.pb` alone is any protobuf): they win over the extension. */
const NAME_HINTS: Record<string, FormatScanner> = {
  'saved_model.pb': scanSavedModel,
  'saved_model.pbtxt': scanSavedModelText,
  'keras_metadata.pb': scanKerasMetadata
}

/**
 * Formats without a signature whose loaders parse whatever bytes they are given as protobuf:
 * SavedModel files by base name (lower-cased: case-insensitive file systems open
 * `Saved_Model.pb` for `saved_model.pb`), ONNX by extension.
 */
function namedScanner(name: string): FormatScanner | undefined {
  return NAME_HINTS[name.slice(name.lastIndexOf('/') + 1).toLowerCase()] ?? (extensionOf(name) === '.onnx' ? scanOnnx : undefined)
}

function hintFor(name: string): FormatScanner | undefined {
  return namedScanner(name) ?? EXTENSION_HINTS[extensionOf(name)]
}

/**
 * TensorFlow and ONNX parse their files as protobuf whatever the first bytes look like (a pickle
 * header, a compression magic or an HDF5 signature at 512 can all sit in valid protobuf), so a
 * file of such a name that sniffs as something else is scanned both as named and by content.
 */
async function scanNamed(content: Content, ctx: ScanContext, named: FormatScanner, asPickle: boolean): Promise<Scanned> {
  const source = await randomAccess(content)
  if (source === null) return notAnalysed('other', `protobuf model ${JSON.stringify(content.name)}`, ctx, 'the member is too large to buffer for random access')
  const own = await named(source, ctx)
  const byContent = await dispatchContent({ ...content, source, stream: sourceChunks(source) }, ctx, asPickle, false)
  return {
    format: own.format,
    findings: [...byContent.findings, ...own.findings],
    details: { ...byContent.details, ...own.details },
    ...(byContent.pickleSeen !== undefined ? { pickleSeen: byContent.pickleSeen } : {})
  }
}

/** Scans one file: its content, then the file-level `pickle/format` verdict. */
export async function scanSource(source: Source, ctx: ScanContext, name: string): Promise<FormatResult> {
  const scanned = await scanContent({ name, source, stream: sourceChunks(source), size: source.size }, ctx)
  return fileResult(scanned, ctx.options)
}

/** Bytes passed to `pickle.loads`, `torch.load`, ... inside a pickle: dispatched by content like a file. */
const nestedScanner: NestedScanner = async (bytes, ctx) => {
  const source = bufferSource(bytes)
  return (await scanContent({ name: '', source, stream: sourceChunks(source), size: bytes.length }, ctx, true)).findings
}

/** A random-access view of the content for scanners that need one; null (reported) when it is too large to buffer. */
async function withSource(content: Content, ctx: ScanContext, what: string, scan: (source: Source) => Promise<Scanned>): Promise<Scanned> {
  const source = await randomAccess(content)
  return source !== null ? scan(source) : notAnalysed('other', what, ctx, 'the member is too large to buffer for random access')
}

/** The content with random access when it is at most BUFFER_LIMIT bytes; its stream replays what was read. */
async function buffered(content: Content): Promise<Content> {
  const peeked = await peek(content.stream, BUFFER_LIMIT + 1)
  return { ...content, stream: peeked.stream, ...(peeked.ended ? { source: bufferSource(peeked.head) } : {}) }
}

/**
 * Streamed content too large to buffer that matches nothing from its start: does it end like a
 * zip? Read through to its tail when nothing else reads the stream (no pickle loader, no hint).
 */
async function tooLargeZip(content: Content, asPickle: boolean): Promise<boolean> {
  if (asPickle || hintFor(content.name) !== undefined) return false
  const { tail, size } = await streamTail(content.stream, TAIL_WINDOW)
  return directoryFromEnd(tailSource(tail, size), size - tail.length)
}

/**
 * Python zipfile finds an archive from its end records, whatever precedes it (Keras, custom
 * loaders), while pickle, np.load, torch.load's legacy path and the other loaders read those
 * leading bytes from offset 0: content that is a zip from its end is scanned both ways. The zip
 * reader reports the leading bytes (`zip/anomaly`). Content that matches nothing from its start
 * is only read as the zip (there is nothing else to scan), unless a pickle loader reads it.
 */
async function scanBothWays(content: Content & { source: Source }, kind: Sniffed, ctx: ScanContext, asPickle: boolean): Promise<Scanned> {
  const readsStart = kind !== 'other' || asPickle || hintFor(content.name) !== undefined
  const start = readsStart ? await scanContent({ ...content, startOnly: true }, ctx, asPickle) : undefined
  const zip = await scanZip(content.source, ctx, content.name, scanContent)
  if (start === undefined) return zip
  const pickleSeen = start.pickleSeen ?? zip.pickleSeen
  return {
    format: start.format === 'other' ? zip.format : start.format,
    findings: [...start.findings, ...zip.findings],
    details: { ...zip.details, ...start.details },
    ...(pickleSeen !== undefined ? { pickleSeen } : {})
  }
}

/**
 * Scans content of any kind. `asPickle`: the bytes are known to be read by a pickle loader
 * (nested deserializers), so content that matches no signature is still analysed as a pickle.
 */
export async function scanContent(content: Content, ctx: ScanContext, asPickle = false): Promise<Scanned> {
  // Each member, decompressed stream and nested payload passes here: a natural point to stop
  // when the file's time budget is spent (scanFile reports it). Its stream is timed, and a read
  // past the deadline throws (budget.ts): caught here, below the findings of the levels above.
  if (ctx.budget?.spent(ctx)) return { format: 'other', findings: [] }
  try {
    return await dispatchContent(content, ctx, asPickle)
  } catch (err) {
    if (err instanceof BudgetStop) return { format: 'other', findings: [] }
    throw err
  }
}

async function dispatchContent(content: Content, ctx: ScanContext, asPickle: boolean, byName = true): Promise<Scanned> {
  let sniffed: SniffResult
  let head: Uint8Array
  let stream = ctx.budget !== undefined ? timedChunks(content.stream, ctx.budget, ctx) : content.stream
  if (content.source !== undefined) {
    head = await content.source.read(0, SNIFF_HEAD)
    sniffed = await sniff(content.source, head)
  } else {
    const peeked = await peek(stream, SNIFF_HEAD)
    stream = peeked.stream
    head = peeked.head
    const size = peeked.ended ? head.length : Math.max(content.size ?? 0, head.length + 1)
    // Only the head is at hand: signatures past it (an HDF5 user block) read as absent.
    sniffed = await sniff({ size, read: async (offset, length) => peeked.head.subarray(Math.min(offset, head.length), Math.min(offset + length, head.length)) }, head)
  }
  let current: Content = { ...content, stream }
  const named = byName && content.startOnly !== true && sniffed.kind !== 'other' && sniffed.kind !== 'empty' ? namedScanner(content.name) : undefined
  if (named !== undefined) return scanNamed(current, ctx, named, asPickle)
  if (content.startOnly !== true && sniffed.kind !== 'zip' && sniffed.kind !== 'empty') {
    // Streamed content that matches nothing from its start is buffered to read its end.
    if (current.source === undefined && sniffed.kind === 'other') {
      current = await buffered(current)
      if (current.source === undefined && (await tooLargeZip(current, asPickle))) {
        return notAnalysed('zip', 'zip archive found from its end records', ctx, 'the member is too large to buffer for random access')
      }
    }
    const source = current.source
    if (source !== undefined && (await directoryFromEnd(source))) return scanBothWays({ ...current, source }, sniffed.kind, ctx, asPickle)
    stream = current.stream
  }
  switch (sniffed.kind) {
    case 'empty':
      // Only content known to hold 0 bytes: a decompressed stream that yielded nothing was
      // cut off or corrupt, which its decompressor reports.
      return content.source !== undefined || content.size === 0 ? emptyContent(content.name, ctx) : { format: 'other', findings: [] }
    case 'lfs-pointer':
      return withSource(current, ctx, 'Git LFS pointer', (s) => scanLfsPointer(s, ctx))
    case 'safetensors':
      return withSource(current, ctx, 'safetensors file', (s) => scanSafetensors(s, ctx))
    case 'pickle':
      return scanPickleStream(stream, head, ctx, nestedScanner, content.torchRecord !== true)
    case 'numpy':
      return scanNpy(stream, ctx, nestedScanner)
    case 'compressed':
      if (sniffed.compression === '7z') return withSource(current, ctx, '7z archive', (s) => scanSevenZip(s, ctx, scanContent))
      return scanCompressed(current, head, sniffed.compression ?? 'gzip', ctx, scanContent)
    case 'zip':
      return withSource(current, ctx, 'zip archive', (s) => scanZip(s, ctx, content.name, scanContent))
    case 'tar':
      return withSource(current, ctx, 'tar archive', (s) => scanTar(s, ctx, scanContent))
    case 'gguf':
      return withSource(current, ctx, 'GGUF file', (s) => scanGguf(s, ctx))
    case 'hdf5':
      return withSource(current, ctx, 'HDF5 file', (s) => scanHdf5(s, ctx, sniffed.hdf5Offset ?? 0))
    case 'other': {
      if (asPickle) return scanPickleStream(stream, head, ctx, nestedScanner, true)
      const template = templateFileKind(content.name)
      if (template !== undefined) return withSource(current, ctx, 'chat template file', (s) => scanTemplateFile(s, ctx, template, content.name))
      const hinted = hintFor(content.name)
      if (hinted !== undefined) return withSource(current, ctx, `${extensionOf(content.name)} file`, (s) => hinted(s, ctx))
      return unrecognised(content.name, ctx, sniffed.notPickle)
    }
  }
}
