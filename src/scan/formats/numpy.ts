// NumPy `.npy` (formats.md §3.1): the header is parsed as `ast.literal_eval` would (with numpy's
// Python 2 retry for format 1.0/2.0) and the dict it builds is checked as `_read_array_header`
// checks it: a repeated key keeps its last value. An object dtype (anywhere in the descr) means
// the data is `pickle.load(fp)`, which is analysed; numeric data is never read. Whenever the header
// is not certainly a numeric array (object dtype, unclassified descr, unparsed or refused header),
// the bytes after it are analysed as a pickle (fail closed).
import { RULES, type Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import type { ChunkStream } from '../source.js'
import { analyzePickleStream, type NestedScanner } from '../pickle/analyze.js'
import { incompleteFinding, peek, type Scanned } from '../containers/content.js'
import { parsePyLiteral, PyDict, PySet, PyStr, PyTuple, strKeys, type PyLit } from './py-literal.js'

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]
/** Header bytes read before the scan gives up (numpy's own limit is 10000 characters without allow_pickle). */
const MAX_HEADER = 16 * 1024 * 1024

/** `dtype.hasobject`, as far as the descr tells; 'invalid': `descr_to_dtype` certainly raises. */
type Kind = 'object' | 'plain' | 'unknown' | 'invalid'

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
  // descr_to_dtype raises on an invalid field wherever it is, so nothing after it matters.
  for (const k of ['invalid', 'object', 'unknown'] as const) if (kinds.includes(k)) return k
  return 'plain'
}

/** `numpy.dtype((dt, shape))`: an int or a tuple of ints keeps dt; other second items are not modelled. */
function withShape(base: Kind, shape: PyLit): Kind {
  const isInt = (v: PyLit) => typeof v === 'bigint' || typeof v === 'boolean'
  return isInt(shape) || (shape instanceof PyTuple && shape.items.every(isInt)) ? base : worst([base, 'unknown'])
}

/** The items `for x in value` yields, or null for a value Python cannot iterate. */
function iterate(value: PyLit): PyLit[] | null {
  if (Array.isArray(value)) return value
  if (value instanceof PyTuple || value instanceof PySet) return value.items
  if (value instanceof PyDict) return value.entries.map(([k]) => k)
  return null
}

/**
 * `descr_to_dtype`: a str goes to `numpy.dtype`; a tuple is `(base, shape)` (items past the
 * second are ignored); anything else is iterated as fields `(name, descr[, shape])`, where a
 * field is any sized value (`['aO']` is field `a` of dtype `O`).
 */
function classifyDescr(descr: PyLit, depth = 0): Kind {
  if (depth > 32) return 'unknown'
  if (descr instanceof PyStr && !descr.bytes) return classifyString(descr.value)
  if (descr instanceof PyTuple) return descr.items.length < 2 ? 'invalid' : withShape(classifyDescr(descr.items[0], depth + 1), descr.items[1])
  const fields = iterate(descr)
  // None, bools, numbers: not iterable; bytes iterate as ints, which have no len() (b'' is no field at all).
  if (fields === null) return descr instanceof PyStr && descr.value.length === 0 ? 'plain' : 'invalid'
  return worst(fields.map((field) => classifyField(field, depth + 1)))
}

function classifyField(field: PyLit, depth: number): Kind {
  if (field instanceof PyStr && !field.bytes) {
    const chars = Array.from(field.value)
    if (chars.length === 2) return classifyString(chars[1])
    // A 3-character field is (name, descr, shape) with a one-character shape string: not modelled.
    return chars.length === 3 ? 'unknown' : 'invalid'
  }
  // Sets and dicts unpack in hash order: which item is the descr is not modelled.
  if (field instanceof PySet || field instanceof PyDict) return 'unknown'
  const items = Array.isArray(field) ? field : field instanceof PyTuple ? field.items : null
  // bytes unpack into ints (no dtype); None, bools and numbers have no len().
  if (items === null) return 'invalid'
  if (items.length === 2) return classifyDescr(items[1], depth)
  if (items.length === 3) return withShape(classifyDescr(items[1], depth), items[2])
  return 'invalid'
}

export type HeaderVerdict = { ok: true; kind: Kind } | { ok: false; problem: string }

/** What `_read_array_header` makes of the dict `literal_eval` built. */
export function checkHeader(header: PyLit): HeaderVerdict {
  if (!(header instanceof PyDict)) return { ok: false, problem: 'the header is not a dict' }
  const { keys, other } = strKeys(header)
  const want = ['descr', 'fortran_order', 'shape']
  if (other.length > 0 || keys.size !== 3 || !want.every((k) => keys.has(k))) return { ok: false, problem: 'the header keys are not exactly descr, fortran_order, shape' }
  const shape = keys.get('shape')!
  if (!(shape instanceof PyTuple) || !shape.items.every((d) => typeof d === 'bigint' || typeof d === 'boolean')) return { ok: false, problem: 'shape is not a tuple of ints' }
  if (typeof keys.get('fortran_order') !== 'boolean') return { ok: false, problem: 'fortran_order is not a bool' }
  const kind = classifyDescr(keys.get('descr')!)
  if (kind === 'invalid') return { ok: false, problem: 'descr is not a valid dtype descriptor' }
  return { ok: true, kind }
}

function decodeHeader(bytes: Uint8Array, major: number): string | null {
  if (major < 3) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  try {
    // Python keeps a BOM (and then refuses it as source), so the decoder must not strip it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

type Reading = { verdict: HeaderVerdict } | { unparsed: string }

/** `literal_eval`, retried for format 1.0/2.0 headers the way numpy retries them (`_filter_header`). */
function readHeader(text: string, major: number): Reading {
  try {
    return { verdict: checkHeader(parsePyLiteral(text, { py2: major < 3 })) }
  } catch (err) {
    return { unparsed: (err as Error).message }
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
  const refusedNote = (why: string, offset: number, scanned: boolean): Finding =>
    note(
      RULES.numpyInvalidHeader,
      'low',
      scanned
        ? `numpy.load refuses this .npy file (${why}); the data after the header was still analysed as a pickle. Re-save it with numpy.save if it should be an array.`
        : `numpy.load refuses this .npy file (${why}), so nothing in it is loaded. Re-save it with numpy.save if it should be an array.`,
      offset
    )
  const refused = (why: string, offset: number): Scanned => ({ format: 'numpy', findings: [refusedNote(why, offset, false)] })

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
  const headerAt = dataStart - headerLength
  const text = decodeHeader(peeked.head.subarray(headerAt, dataStart), major)
  const reading: Reading = text === null ? { verdict: { ok: false, problem: 'the header is not valid UTF-8' } } : readHeader(text, major)

  // Whatever the header says, unless it is certainly a numeric array, the data is analysed (fail closed).
  const findings: Finding[] = []
  let objectArray = false
  if ('unparsed' in reading) {
    findings.push(
      note(
        RULES.numpyUnparsedHeader,
        'medium',
        `The .npy header could not be parsed (${reading.unparsed}); numpy may still accept it, so the data after it was analysed as a pickle.`,
        headerAt
      )
    )
  } else if (!reading.verdict.ok) {
    findings.push(refusedNote(reading.verdict.problem, headerAt, true))
  } else if (reading.verdict.kind === 'plain') {
    return { format: 'numpy', findings }
  } else if (reading.verdict.kind === 'unknown') {
    findings.push(
      note(RULES.numpyUnknownDtype, 'medium', 'The .npy dtype could not be classified with certainty; as it may hold objects, the data after the header was analysed as a pickle.', headerAt)
    )
  } else objectArray = true

  const stream = peeked.stream
  if (stream.skip !== undefined) await stream.skip(dataStart)
  const result = await analyzePickleStream(stream, { ctx, nested, baseOffset: dataStart })
  // Behind a header numpy refuses, bytes that never decode as a pickle are nothing any loader runs.
  const certainlyRefused = 'verdict' in reading && !reading.verdict.ok
  const analysed = certainlyRefused && !result.sawPickle ? result.findings.filter((f) => f.rule !== RULES.pickleMalformed) : result.findings
  return {
    format: 'numpy',
    findings: [...findings, ...analysed],
    details: { objectArray, dataOffset: dataStart },
    ...(result.sawPickle ? { pickleSeen: { entry } } : {})
  }
}
