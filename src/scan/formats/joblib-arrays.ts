// joblib's inline arrays (formats.md §4). After the BUILD of a
// `joblib.numpy_pickle.NumpyArrayWrapper`, `NumpyUnpickler` reads the array straight from the
// file: for a non-object dtype an alignment length byte, that many padding bytes, then
// prod(shape) × itemsize bytes; for an object dtype one whole nested pickle. This hook sizes
// that read exactly from the wrapper's pickled state, so the analysis resumes at the next
// opcode (a payload placed after an array is found), and fails closed on dtypes it cannot size.
import { RULES, type Finding } from '../findings.js'
import type { BuildAction, BuildHook } from '../pickle/machine.js'
import { PyContainer, PyInstance, type Value } from '../pickle/values.js'
import { incompleteFinding } from '../containers/content.js'

export const NUMPY_ARRAY_WRAPPER = 'joblib.numpy_pickle.NumpyArrayWrapper'

/** Compat wrappers (joblib < 0.10): the array lives in a companion file named in the state. */
const COMPANION_WRAPPERS = new Set([
  'joblib.numpy_pickle.NDArrayWrapper',
  'joblib.numpy_pickle.ZNDArrayWrapper',
  'joblib.numpy_pickle_compat.NDArrayWrapper',
  'joblib.numpy_pickle_compat.ZNDArrayWrapper'
])

/** Globals that are data inside a joblib file (and only there): the wrappers. NumPy's own are allowlisted everywhere. */
export const JOBLIB_DATA_GLOBALS = [NUMPY_ARRAY_WRAPPER, ...COMPANION_WRAPPERS]

const DTYPE_GLOBALS = new Set(['numpy.dtype'])

/** Item sizes of the fixed-size kinds of a pickled dtype's descr (`f8`, `i4`, `b1`, `c16`, `M8`, ...). */
const FIXED_KINDS = new Set(['b', 'i', 'u', 'f', 'c', 'm', 'M'])

export interface JoblibArrays {
  onBuild: BuildHook
  /** A NumpyArrayWrapper (or a compat wrapper) was built: this stream is a joblib file. */
  readonly isJoblib: boolean
  /** Arrays that could not be sized (`scan/incomplete`) and companion files (`joblib/companion-file`). */
  readonly findings: Finding[]
}

function dictGet(state: Value, key: string): Value | undefined {
  if (!(state instanceof PyContainer) || state.type !== 'dict') return undefined
  for (let i = 0; i + 1 < state.items.length; i += 2) if (state.items[i] === key) return state.items[i + 1]
  return undefined
}

function globalName(value: Value): string | undefined {
  return value instanceof PyInstance ? value.cls?.name : undefined
}

type Sized = { itemsize: number } | { object: true } | { unknown: string }

/** The item size of a pickled `numpy.dtype(descr, align, copy)` plus the state its BUILD set. */
function dtypeSize(dtype: Value, states: WeakMap<PyInstance, Value>): Sized {
  if (!(dtype instanceof PyInstance) || !DTYPE_GLOBALS.has(globalName(dtype) ?? '')) return { unknown: 'the dtype is not a pickled numpy.dtype' }
  const args = dtype.args
  const descr = args instanceof PyContainer && args.type === 'tuple' ? args.items[0] : undefined
  if (typeof descr !== 'string') return { unknown: 'the numpy.dtype arguments are not a literal descr string' }
  const match = /^([a-zA-Z?])(\d*)$/.exec(descr)
  if (match === null) return { unknown: `unsupported dtype descr ${JSON.stringify(descr)}` }
  const [, kind, digits] = match
  const state = states.get(dtype)
  const fields = state instanceof PyContainer && state.type === 'tuple' ? state.items : []
  // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
  if (fields.length >= 5 && (fields[2] !== null || fields[3] !== null || fields[4] !== null)) {
    return { unknown: 'structured or subarray dtypes are not sized' }
  }
  if (kind === 'O') return { object: true }
  if (FIXED_KINDS.has(kind) && digits !== '') return { itemsize: Number(digits) }
  if (kind === 'S' || kind === 'U' || kind === 'V') {
    const elsize = fields[5]
    if (typeof elsize === 'number' && elsize >= 0) return { itemsize: elsize }
    if (digits !== '') return { itemsize: Number(digits) * (kind === 'U' ? 4 : 1) }
  }
  return { unknown: `unsupported dtype descr ${JSON.stringify(descr)}` }
}

/** prod(shape) for a tuple of non-negative ints; undefined when it is not one or overflows. */
function elementCount(shape: Value | undefined): number | undefined {
  if (!(shape instanceof PyContainer) || shape.type !== 'tuple' || shape.partial) return undefined
  let count = 1
  for (const dim of shape.items) {
    const n = typeof dim === 'bigint' ? Number(dim) : dim
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return undefined
    count *= n
  }
  return Number.isSafeInteger(count) ? count : undefined
}

/** A BUILD hook that recognises joblib's wrappers and sizes their inline array data. `entry` goes into findings. */
export function joblibArrays(entry: string | undefined): JoblibArrays {
  const dtypeStates = new WeakMap<PyInstance, Value>()
  const findings: Finding[] = []
  let isJoblib = false

  const unsized = (offset: number, why: string): undefined => {
    findings.push(
      incompleteFinding(
        `joblib array at offset ${offset} cannot be sized (${why}): joblib.load reads its data inline, so the opcodes after it were analysed as if there were none, which may not be what the loader sees. Review the file by hand.`,
        entry,
        offset
      )
    )
    return undefined
  }

  const onBuild: BuildHook = (target, state, offset): BuildAction | undefined => {
    const name = globalName(target)
    if (name === undefined) return undefined
    if (DTYPE_GLOBALS.has(name)) {
      dtypeStates.set(target as PyInstance, state)
      return undefined
    }
    if (COMPANION_WRAPPERS.has(name)) {
      isJoblib = true
      const file = dictGet(state, 'filename')
      findings.push({
        rule: RULES.joblibCompanionFile,
        severity: 'medium',
        message: `A joblib compat array wrapper at offset ${offset} makes joblib.load read ${typeof file === 'string' ? JSON.stringify(file) : 'a companion file'} with numpy.load(allow_pickle=True): that file is another pickle. Scan it too, or re-save the model with a current joblib.`,
        location: entry === undefined ? { offset } : { entry, offset },
        ...(typeof file === 'string' ? { file } : {})
      })
      return undefined
    }
    if (name !== NUMPY_ARRAY_WRAPPER) return undefined
    isJoblib = true
    const size = dtypeSize(dictGet(state, 'dtype') ?? null, dtypeStates)
    if ('object' in size) return { inlinePickle: true }
    if ('unknown' in size) return unsized(offset, size.unknown)
    const count = elementCount(dictGet(state, 'shape'))
    if (count === undefined) return unsized(offset, 'the shape is not a tuple of non-negative integers')
    const bytes = count * size.itemsize
    if (!Number.isSafeInteger(bytes)) return unsized(offset, 'the array size overflows')
    const alignment = dictGet(state, 'numpy_array_alignment_bytes')
    return { skipBytes: bytes, padded: alignment !== undefined && alignment !== null }
  }

  return {
    onBuild,
    get isJoblib() {
      return isJoblib
    },
    findings
  }
}
