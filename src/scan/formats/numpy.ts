// NumPy `.npy` (formats.md §3.1): the header is parsed as `ast.literal_eval` would and checked
// as `read_array_header` checks it; an object dtype (anywhere in the descr) means the data is
// `pickle.load(fp)`, which is analysed; numeric data is never read. A descr that cannot be
// classified with certainty is treated like an object dtype (fail closed).
import { RULES, type Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import type { ChunkStream } from '../source.js'
import { analyzePickleStream, type NestedScanner } from '../pickle/analyze.js'
import { incompleteFinding, peek, type Scanned } from '../containers/content.js'
import { parsePyLiteral, PyDict, PyStr, PyTuple, type PyLit } from './py-literal.js'

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]
/** Header bytes read before the scan gives up (numpy's own limit is 10000 characters without allow_pickle). */
const MAX_HEADER = 16 * 1024 * 1024

type Kind = 'object' | 'plain' | 'unknown'

/** Type codes and names `numpy.dtype(str)` accepts for non-object dtypes. */
const PLAIN_CODES = /^[?bBhHiIlLqQpPnNefdgFDGSUVaMmc]$/
const PLAIN_SIZED = /^(?:[biufcSUVa]\d+|[Mm]8(?:\[\w+\])?|[Mm](?:\[\w+\])?)$/
const PLAIN_NAMES = new Set(
  (
    'bool bool_ bool8 byte ubyte short ushort intc uintc int_ uint long ulong longlong ulonglong intp uintp half single double longdouble float ' +
    'csingle cdouble clongdouble complex str str_ unicode unicode_ bytes bytes_ string_ void int8 int16 int32 int64 uint8 uint16 uint32 uint64 ' +
    'float16 float32 float64 float128 complex64 complex128 complex256 datetime64 timedelta64 int float_ complex_'
  ).split(' ')
)
const OBJECT_NAMES = /^(?:O\d*|object_?)$/

function classifyString(spec: string): Kind {
  const parts = spec.split(',').map((p) => p.trim())
  if (parts.length > 1) return worst(parts.map((p) => classifyString(p.replace(/^\(\s*[\d\s,]*\)\s*/, ''))))
  const bare = spec.replace(/^[<>|=]/, '')
  if (OBJECT_NAMES.test(bare)) return 'object'
  if (PLAIN_CODES.test(bare) || PLAIN_SIZED.test(bare) || PLAIN_NAMES.has(bare) || /^(?:datetime64|timedelta64)\[\w+\]$/.test(bare)) return 'plain'
  return 'unknown'
}

function worst(kinds: Kind[]): Kind {
  return kinds.includes('object') ? 'object' : kinds.includes('unknown') ? 'unknown' : 'plain'
}

/** `descr_to_dtype`: a str, a (base, shape) tuple, or a list of (name, descr[, shape]) fields. */
function classifyDescr(descr: PyLit, depth = 0): Kind {
  if (depth > 32) return 'unknown'
  if (descr instanceof PyStr && !descr.bytes) return classifyString(descr.value)
  if (descr instanceof PyTuple && descr.items.length === 2) return classifyDescr(descr.items[0], depth + 1)
  if (Array.isArray(descr)) {
    return worst(
      descr.map((field) => (field instanceof PyTuple && (field.items.length === 2 || field.items.length === 3) ? classifyDescr(field.items[1], depth + 1) : 'unknown'))
    )
  }
  return 'unknown'
}

/** Why `read_array_header` refuses this header dict, or null when it accepts it. */
function headerProblem(header: PyLit): string | null {
  if (!(header instanceof PyDict)) return 'the header is not a dict'
  const keys = header.entries.map(([k]) => (k instanceof PyStr && !k.bytes ? k.value : null))
  const want = ['descr', 'fortran_order', 'shape']
  if (keys.length !== new Set(keys).size || keys.length !== 3 || !want.every((k) => keys.includes(k))) return 'the header keys are not exactly descr, fortran_order, shape'
  const get = (k: string) => header.entries.find(([key]) => key instanceof PyStr && key.value === k)![1]
  const shape = get('shape')
  if (!(shape instanceof PyTuple) || !shape.items.every((d) => typeof d === 'bigint' || typeof d === 'boolean')) return 'shape is not a tuple of ints'
  if (typeof get('fortran_order') !== 'boolean') return 'fortran_order is not a bool'
  return null
}

function decodeHeader(bytes: Uint8Array, major: number): string | null {
  if (major < 3) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Analyses one `.npy` stream. `location.entry` is `ctx.entry`; offsets are from the start of the `.npy`. */
export async function scanNpy(input: ChunkStream, ctx: ScanContext, nested: NestedScanner): Promise<Scanned> {
  const entry = ctx.entry
  const note = (rule: string, severity: Finding['severity'], message: string, offset?: number): Finding => ({
    rule,
    severity,
    message,
    ...(entry !== undefined || offset !== undefined ? { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } } : {})
  })
  const refused = (why: string, offset: number): Scanned => ({
    format: 'numpy',
    findings: [note(RULES.numpyInvalidHeader, 'low', `numpy.load refuses this .npy file (${why}), so nothing in it is loaded. Re-save it with numpy.save if it should be an array.`, offset)]
  })

  let peeked = await peek(input, 12)
  const head = peeked.head
  if (head.length < 10 || !MAGIC.every((b, i) => head[i] === b)) return refused('truncated magic string', 0)
  const [major, minor] = [head[6], head[7]]
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) return refused(`unsupported format version ${major}.${minor}`, 6)
  if (major > 1 && head.length < 12) return refused('truncated header length', 8)
  const headerLength = major === 1 ? head[8] | (head[9] << 8) : (head[8] | (head[9] << 8) | (head[10] << 16) | (head[11] << 24)) >>> 0
  const dataStart = (major === 1 ? 10 : 12) + headerLength
  if (headerLength > MAX_HEADER) {
    return { format: 'numpy', findings: [incompleteFinding(`.npy header of ${headerLength} bytes is larger than modelgate reads: the array was not analysed.`, entry, 8)] }
  }
  if (peeked.head.length < dataStart) peeked = await peek(peeked.stream, dataStart)
  if (peeked.head.length < dataStart) return refused('the header is truncated', 8)
  const text = decodeHeader(peeked.head.subarray(dataStart - headerLength, dataStart), major)
  if (text === null) return refused('the header is not valid UTF-8', dataStart - headerLength)

  let kind: Kind
  const findings: Finding[] = []
  try {
    // numpy < 3.0 headers may carry Python 2 long literals (`3L`), which numpy filters out first.
    const header = parsePyLiteral(major < 3 ? text.replace(/(\d)L\b/g, '$1') : text)
    const problem = headerProblem(header)
    if (problem !== null) return refused(problem, dataStart - headerLength)
    kind = classifyDescr((header as PyDict).entries.find(([k]) => k instanceof PyStr && k.value === 'descr')![1])
  } catch (err) {
    kind = 'unknown'
    findings.push(
      note(
        RULES.numpyUnparsedHeader,
        'medium',
        `The .npy header could not be parsed (${(err as Error).message}); numpy may still accept it, so the data after it was analysed as a pickle.`,
        dataStart - headerLength
      )
    )
  }
  if (kind === 'plain') return { format: 'numpy', findings }
  if (kind === 'unknown' && findings.length === 0) {
    findings.push(
      note(RULES.numpyUnknownDtype, 'medium', 'The .npy dtype could not be classified with certainty; as it may hold objects, the data after the header was analysed as a pickle.', dataStart - headerLength)
    )
  }
  const stream = peeked.stream
  if (stream.skip !== undefined) await stream.skip(dataStart)
  const result = await analyzePickleStream(stream, { ctx, nested, baseOffset: dataStart })
  return {
    format: 'numpy',
    findings: [...findings, ...result.findings],
    details: { objectArray: kind === 'object', dataOffset: dataStart },
    ...(result.sawPickle ? { pickleSeen: { entry } } : {})
  }
}
