// Which pickle globals are safe, and how loud the others are (reference/pickle.md §10–11).
//
// The allowlist is the gate: a global passes only when its exact resolved
// `module.qualname` is listed here or matches the user's `--allow-global` patterns.
// The denylist only decides severity (critical instead of high). Its critical core can
// never be allowlisted; a user's exact name may override the rest of the denylist
// (e.g. `functools.partial`, which real PyTorch pickles use), a wildcard never does.
import { matchesAllowPattern } from '../policy.js'
import type { AllowCaps } from './values.js'

// ---------------------------------------------------------------------------
// Allowlist

const VALUE: AllowCaps = { call: false, build: false, items: false }
const CALL: AllowCaps = { call: true, build: false, items: false }
const REBUILD: AllowCaps = { call: true, build: true, items: false }
const CONTAINER: AllowCaps = { call: true, build: true, items: true }
/** What a user-allowed global may do: the user vouches for the code. */
const USER: AllowCaps = CONTAINER

interface AllowGroup {
  why: string
  caps: AllowCaps
  /** `module: name name…` or a full dotted name. */
  names: string[]
}

const TORCH_DTYPES =
  'float32 float float64 double float16 half bfloat16 uint8 int8 int16 short int32 int int64 long bool ' +
  'complex32 chalf complex64 cfloat complex128 cdouble quint8 qint8 qint32 quint4x2 quint2x4 ' +
  'float8_e5m2 float8_e4m3fn float8_e5m2fnuz float8_e4m3fnuz float8_e8m0fnu float4_e2m1fn_x2 ' +
  'uint16 uint32 uint64 uint1 uint2 uint3 uint4 uint5 uint6 uint7 int1 int2 int3 int4 int5 int6 int7 ' +
  'bits1x8 bits2x4 bits4x2 bits8 bits16'

const STORAGES =
  'DoubleStorage FloatStorage HalfStorage LongStorage IntStorage ShortStorage CharStorage ByteStorage ' +
  'BoolStorage BFloat16Storage ComplexDoubleStorage ComplexFloatStorage QUInt8Storage QInt8Storage ' +
  'QInt32Storage QUInt4x2Storage QUInt2x4Storage'

export const ALLOWLIST: readonly AllowGroup[] = [
  {
    why: 'Python data constructors',
    caps: CONTAINER,
    names: ['builtins: bytearray bytes set frozenset complex list dict tuple int float str bool slice range object']
  },
  { why: 'protocol-2 bytes (numpy arrays pickled with protocol < 3)', caps: CALL, names: ['_codecs.encode'] },
  { why: 'protocol 0/1 object reconstruction (the class is judged on its own)', caps: REBUILD, names: ['copyreg._reconstructor'] },
  { why: 'ordered containers (torch weights_only)', caps: CONTAINER, names: ['collections: OrderedDict Counter'] },
  {
    why: 'tensor reconstruction (torch weights_only)',
    caps: REBUILD,
    names: [
      'torch._utils: _rebuild_parameter _rebuild_parameter_with_state _rebuild_qtensor _rebuild_tensor ' +
        '_rebuild_tensor_v2 _rebuild_tensor_v3 _rebuild_sparse_tensor _rebuild_meta_tensor_no_storage ' +
        '_rebuild_nested_tensor _rebuild_wrapper_subclass _rebuild_device_tensor_from_numpy ' +
        '_rebuild_device_tensor_from_cpu_tensor',
      'torch._tensor._rebuild_from_type_v2',
      'torch.nn.parameter.Parameter',
      'torch.Tensor'
    ]
  },
  { why: 'torch value types (torch weights_only)', caps: CALL, names: ['torch: Size device', 'torch.serialization._get_layout'] },
  {
    why: 'torch constants and storage types, referenced by persistent ids (torch weights_only)',
    caps: VALUE,
    names: [
      `torch: ${TORCH_DTYPES}`,
      `torch: ${STORAGES} UntypedStorage TypedStorage _tensor_classes`,
      `torch.cuda: ${STORAGES}`,
      'torch.storage: TypedStorage UntypedStorage',
      'torch: per_tensor_affine per_channel_affine per_tensor_symmetric per_channel_symmetric per_channel_affine_float_qparams',
      'torch: strided sparse_coo sparse_csr sparse_csc sparse_bsr sparse_bsc _mkldnn jagged',
      'torch: contiguous_format channels_last channels_last_3d preserve_format'
    ]
  },
  {
    why: 'NumPy array, dtype and scalar reconstruction (NumPy 1.x `numpy.core`, 2.x `numpy._core`)',
    caps: REBUILD,
    names: [
      'numpy.core.multiarray: _reconstruct scalar',
      'numpy._core.multiarray: _reconstruct scalar',
      'numpy.core.numeric._frombuffer',
      'numpy._core.numeric._frombuffer',
      'numpy: ndarray dtype'
    ]
  }
]

// ---------------------------------------------------------------------------
// Denylist: the union of picklescan, modelscan, fickling and ModelAudit lists, by
// category. An entry covers its attributes and submodules (`os` covers
// `os.path.join`); a trailing `.*` covers only the attributes (`pathlib.Path.*`).

interface DenyGroup {
  category: string
  /** Never overridable by user allow patterns. */
  core: boolean
  names: string[]
}

export const DENYLIST: readonly DenyGroup[] = [
  {
    category: 'code execution',
    core: true,
    names: [
      'builtins: eval exec compile breakpoint __import__ execfile apply getattr setattr delattr globals locals vars input raw_input reload',
      'types: CodeType FunctionType LambdaType MethodType ModuleType',
      'marshal',
      'runpy',
      'code',
      'codeop',
      'compileall',
      'py_compile',
      'timeit',
      'doctest',
      'inspect',
      'site',
      '_interpreters',
      '_xxsubinterpreters',
      'numpy.testing._private.utils',
      'numpy.f2py',
      'numpy.distutils',
      'lib2to3',
      'idlelib',
      'cloudpickle',
      'dill',
      'typing: _eval_type get_type_hints ForwardRef',
      'dataclasses._create_fn',
      'test'
    ]
  },
  {
    category: 'process execution',
    core: true,
    names: [
      'os',
      'subprocess',
      'pty',
      'multiprocessing',
      'asyncio',
      'concurrent.futures: ProcessPoolExecutor ThreadPoolExecutor',
      'concurrent.futures.process',
      'uuid: _get_command_stdout _popen',
      '_osx_support',
      '_aix_support',
      'imaplib.IMAP4_stream',
      '_pyrepl',
      'pydoc',
      'pipes',
      'mailcap',
      'distutils.spawn',
      'setuptools._distutils.spawn',
      'pexpect',
      'pip',
      'ensurepip',
      'venv',
      'platform',
      'webbrowser',
      'mlflow.projects.backend.local._run_entry_point',
      'torch.utils.collect_env'
    ]
  },
  { category: 'interpreter state', core: true, names: ['sys'] },
  {
    category: 'import machinery',
    core: true,
    names: ['importlib', '_imp', 'imp', 'zipimport', 'pkgutil', 'ctypes']
  },
  {
    category: 'call primitive',
    core: true,
    names: ['operator: attrgetter itemgetter methodcaller call getitem setitem delitem']
  },
  {
    category: 'call primitive',
    core: false,
    names: ['functools: partial partialmethod reduce', 'builtins: map filter', 'itertools: starmap takewhile dropwhile filterfalse', 'gc']
  },
  {
    category: 'nested deserializer',
    core: true,
    names: ['pickle', 'shelve', 'joblib.load', 'joblib.numpy_pickle: load load_compatibility']
  },
  {
    category: 'nested deserializer',
    core: false,
    names: [
      'torch: load',
      'torch.serialization: load _load',
      'torch.storage._load_from_bytes',
      'torch.hub',
      'torch.utils._config_module.ConfigModule.load_config',
      'torch.utils.data.datapipes.utils.decoder.basichandlers',
      'torch.distributed.elastic.rendezvous.api.basichandlers',
      'numpy: load loads',
      'numpy.lib.npyio.load',
      'pandas: read_pickle',
      'pandas.io.pickle.read_pickle'
    ]
  },
  { category: 'obfuscation', core: false, names: ['base64', 'binascii', 'codecs: decode encode', 'zlib'] },
  {
    category: 'debugger / profiler',
    core: true,
    names: ['bdb', 'pdb', 'cProfile', 'profile', 'trace', 'torch.utils.bottleneck']
  },
  {
    category: 'torch internals gadget',
    core: true,
    names: [
      'torch._dynamo',
      'torch._inductor',
      'torch.fx.experimental.symbolic_shapes.ShapeEnv.evaluate_guards_expression',
      'torch.jit',
      'torch.compile',
      'torch.utils.cpp_extension',
      'torch.distributed.rpc'
    ]
  },
  {
    category: 'filesystem access',
    core: true,
    names: ['builtins.open', 'io: open open_code FileIO']
  },
  {
    category: 'filesystem access',
    core: false,
    names: [
      'shutil',
      'tempfile',
      'distutils',
      'logging: FileHandler',
      'logging.handlers',
      'logging.config',
      'filecmp',
      'fileinput',
      'glob',
      'linecache',
      'tarfile',
      'zipfile',
      'sqlite3',
      'mmap',
      'syslog',
      'pathlib.Path.*',
      'pathlib.PosixPath.*',
      'pathlib.WindowsPath.*'
    ]
  },
  {
    category: 'network access',
    core: false,
    names: [
      'socket',
      'ssl',
      'http',
      'urllib.request',
      'urllib: urlopen urlretrieve',
      'requests',
      'aiohttp',
      'httpx',
      'urllib3',
      'smtplib',
      'ftplib',
      'poplib',
      'telnetlib',
      'nntplib',
      'socketserver',
      'xmlrpc',
      'select',
      'selectors',
      'pandas.io.parsers.readers.read_csv',
      'pandas.read_csv'
    ]
  },
  {
    category: 'process control',
    core: false,
    names: ['signal', 'threading', '_thread', 'atexit']
  },
  {
    category: 'scanner tampering',
    core: true,
    names: ['fickling', 'picklescan', 'modelscan', 'modelaudit', 'saferpickle']
  }
]

/**
 * C and platform modules the pickler emits for public ones (`pickle.dumps(os.system)`
 * writes `posix system`), and Python 2 names: judged as the module they stand for.
 */
const MODULE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['posix', 'os'],
  ['nt', 'os'],
  ['_operator', 'operator'],
  ['_io', 'io'],
  ['_pickle', 'pickle'],
  ['cPickle', 'pickle'],
  ['_posixsubprocess', 'subprocess'],
  ['_winapi', 'subprocess'],
  ['commands', 'subprocess'],
  ['__builtin__', 'builtins'],
  ['__builtins__', 'builtins'],
  ['_socket', 'socket'],
  ['_ssl', 'ssl'],
  ['_signal', 'signal'],
  ['_ctypes', 'ctypes'],
  ['_sqlite3', 'sqlite3'],
  ['_frozen_importlib', 'importlib'],
  ['_frozen_importlib_external', 'importlib'],
  ['_functools', 'functools'],
  ['httplib', 'http'],
  ['urllib2', 'urllib.request'],
  ['_dill', 'dill']
])

/** Dunder attributes an attribute walk may legitimately name (constructors); any other walks into internals. */
const PLAIN_DUNDERS = new Set(['__new__', '__init__', '__call__', '__main__'])

/** Modules whose bare object is itself dangerous to hand out (`('pathlib', 'os')` yields the os module). */
const DANGEROUS_MODULE_OBJECTS = new Set(['os', 'sys', 'subprocess', 'builtins', 'importlib'])

// ---------------------------------------------------------------------------
// Judging

export type Level = 'allowed' | 'unknown' | 'dangerous'

export interface Verdict {
  level: Level
  /** Resolved `module.qualname`. */
  name: string
  /** For allowed globals: what they may be used for. */
  caps: AllowCaps | null
  /** Denylist category (dangerous only). */
  category?: string
  /** The denylisted path actually reached, when it differs from `name` (alias or attribute walk). */
  reached?: string
  /** Allowed by the user's patterns rather than the built-in allowlist. */
  byUser?: boolean
}

interface DenyEntry {
  category: string
  core: boolean
  /** Only attributes of the entry match, not the entry itself (`pathlib.Path.*`). */
  attributesOnly: boolean
}

/** Expands `module: a b c` into `module.a`, `module.b`, `module.c`. */
function expand(spec: string): string[] {
  const colon = spec.indexOf(':')
  if (colon < 0) return [spec]
  const module = spec.slice(0, colon).trim()
  return spec
    .slice(colon + 1)
    .trim()
    .split(/\s+/)
    .map((name) => `${module}.${name}`)
}

const ALLOWED: ReadonlyMap<string, AllowCaps> = new Map(ALLOWLIST.flatMap((g) => g.names.flatMap(expand).map((n) => [n, g.caps] as const)))

const DENIED: ReadonlyMap<string, DenyEntry> = new Map(
  DENYLIST.flatMap((g) =>
    g.names.flatMap(expand).map((n) => {
      const attributesOnly = n.endsWith('.*')
      return [attributesOnly ? n.slice(0, -2) : n, { category: g.category, core: g.core, attributesOnly }] as const
    })
  )
)

/** The deny entry covering `path` (itself or a parent), if any. */
function denyEntry(path: string): DenyEntry | undefined {
  let prefix = path
  for (;;) {
    const entry = DENIED.get(prefix)
    if (entry !== undefined && !(entry.attributesOnly && prefix === path)) return entry
    const dot = prefix.lastIndexOf('.')
    if (dot < 0) return undefined
    prefix = prefix.slice(0, dot)
  }
}

function withAlias(path: string): string {
  const parts = path.split('.')
  for (let n = parts.length; n >= 1; n--) {
    const alias = MODULE_ALIASES.get(parts.slice(0, n).join('.'))
    if (alias !== undefined) return [alias, ...parts.slice(n)].join('.')
  }
  return path
}

interface DenyHit {
  entry: DenyEntry
  reached: string
}

/**
 * Denylist match for `module` + `qualname` as the loader reaches it: the name itself
 * (through aliases), every tail of an attribute walk that starts at a module-like
 * component (`pathlib` + `os.system` reaches `os.system`; `random` + `_os.system`
 * reaches it too), and any walk through interpreter internals (`__builtins__`, `__globals__`).
 */
function denied(module: string, qualname: string): DenyHit | undefined {
  const hits: DenyHit[] = []
  const full = `${module}.${qualname}`
  for (const candidate of new Set([full, withAlias(full)])) {
    const entry = denyEntry(candidate)
    if (entry) hits.push({ entry, reached: candidate })
  }
  const parts = qualname.split('.')
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (/^__.+__$/.test(part) && !PLAIN_DUNDERS.has(part)) {
      hits.push({ entry: { category: `attribute walk through ${part}`, core: true, attributesOnly: false }, reached: full })
    }
    if (i === 0 && parts.length === 1) break
    for (const head of new Set([part, part.replace(/^_+/, '')])) {
      if (head === '') continue
      const tail = withAlias([head, ...parts.slice(i + 1)].join('.'))
      if (tail === full) continue
      const entry = denyEntry(tail)
      const isModuleObject = i === parts.length - 1
      if (entry && (!isModuleObject || DANGEROUS_MODULE_OBJECTS.has(tail))) hits.push({ entry, reached: tail })
    }
  }
  return hits.find((h) => h.entry.core) ?? hits[0]
}

/** Judges resolved globals against the allowlist, the user's patterns and the denylist. Caches verdicts. */
export class GlobalPolicy {
  private readonly cache = new Map<string, Verdict>()

  constructor(private readonly userPatterns: readonly string[]) {}

  judge(module: string, qualname: string): Verdict {
    const name = `${module}.${qualname}`
    let verdict = this.cache.get(name)
    if (verdict === undefined) {
      verdict = this.decide(module, qualname, name)
      this.cache.set(name, verdict)
    }
    return verdict
  }

  private decide(module: string, qualname: string, name: string): Verdict {
    const hit = denied(module, qualname)
    const reached = hit && hit.reached !== name ? { reached: hit.reached } : {}
    const dangerous = (): Verdict => ({ level: 'dangerous', name, caps: null, category: hit!.entry.category, ...reached })
    if (hit?.entry.core) return dangerous()
    if (this.userPatterns.includes(name)) return { level: 'allowed', name, caps: USER, byUser: true }
    if (hit) return dangerous()
    if (matchesAllowPattern(name, this.userPatterns)) return { level: 'allowed', name, caps: USER, byUser: true }
    const caps = ALLOWED.get(name)
    if (caps !== undefined) return { level: 'allowed', name, caps }
    return { level: 'unknown', name, caps: null }
  }
}

/**
 * Callables that deserialize bytes they are given (reference §9.5): bytes reaching
 * them are analysed as nested pickles. Matched after aliasing (`_pickle.loads`, `cPickle.loads`).
 */
const NESTED_DESERIALIZERS = new Set([
  'pickle.loads',
  'pickle.load',
  'pickle._loads',
  'pickle._load',
  'pickle.Unpickler',
  'pickle._Unpickler',
  'dill.loads',
  'dill.load',
  'dill._dill.loads',
  'dill._dill.load',
  'cloudpickle.loads',
  'cloudpickle.load',
  'cloudpickle.cloudpickle.loads',
  'joblib.load',
  'joblib.numpy_pickle.load',
  'torch.load',
  'torch.serialization.load',
  'torch.serialization._load',
  'torch.storage._load_from_bytes',
  'numpy.load',
  'numpy.loads',
  'numpy.lib.npyio.load',
  'numpy.core.numeric.loads',
  'pandas.read_pickle',
  'pandas.io.pickle.read_pickle',
  'lib2to3.pgen2.grammar.Grammar.loads',
  'torch.utils._config_module.ConfigModule.load_config',
  'torch.utils.data.datapipes.utils.decoder.basichandlers',
  'torch.distributed.elastic.rendezvous.api.basichandlers',
  'shelve.open'
])

export function isNestedDeserializer(name: string): boolean {
  return NESTED_DESERIALIZERS.has(name) || NESTED_DESERIALIZERS.has(withAlias(name))
}
