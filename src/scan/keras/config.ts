// Keras model configs (config.json of a .keras archive, model_config / training_config of a legacy
// .h5, keras_metadata.pb nodes): what loading them imports or runs. The walk is generic — every
// dict with a `class_name` is an object Keras deserializes, at any depth (layers, nested models,
// wrappers, build/compile configs, optimizers and schedules) — and mirrors keras/src/saving/
// serialization_lib.py `deserialize_keras_object` / `_retrieve_class_or_fn`, the Lambda layer and
// the legacy (Keras 2) saving path:
// - `__lambda__` objects, Keras 2 `function_type: "lambda"` and list-valued Lambda functions hold
//   marshalled bytecode that python_utils.func_load turns into a function (keras/lambda);
// - a `module` outside Keras' packages is imported by Keras < 3.9 and tf.keras (keras/unsafe-module);
// - a registered or unknown class is looked up in the loading environment (keras/custom-object).
import { RULES, type Finding, type Severity } from '../findings.js'
import { quote } from '../zip/report.js'
import { KERAS_BUILTIN_NAMES, KERAS_PACKAGES, NON_MODELING_APIS, PYTHON_BUILTINS, PYTHON_STDLIB } from './builtins.js'
import { parsePythonJson } from './json-text.js'
import { readMarshalledCode } from './marshal.js'

export interface KerasOrigin {
  /** Where the config came from, e.g. 'config.json', 'model_config', 'keras_metadata.pb node 3'. */
  key: string
  entry?: string
  offset?: number
}

/** Largest config text analysed (a real config is a few MiB at most). */
export const MAX_CONFIG_TEXT = 64 * 1024 * 1024
/** Objects and arrays walked (a large real config has a few hundred thousand). */
const MAX_NODES = 2_000_000
/** Python's json gives up near its recursion limit (1000): nothing deeper loads. */
const MAX_DEPTH = 1000
const MAX_PER_RULE = 50
const NAME_LIMIT = 200

type Dict = Record<string, unknown>

/** One value of the config tree; the path is rebuilt from parents only for a finding. */
interface Frame {
  value: unknown
  key: string | number
  parent: Frame | null
  depth: number
  /** class_name of the object whose `config` this value is. */
  owner?: string
}

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const short = (s: string): string => (s.length > NAME_LIMIT ? `${s.slice(0, NAME_LIMIT)}…` : s)

function pathOf(frame: Frame): string {
  const parts: string[] = []
  for (let f: Frame | null = frame; f !== null && f.parent !== null; f = f.parent) parts.push(typeof f.key === 'number' ? `[${f.key}]` : `.${f.key}`)
  const path = parts.reverse().join('')
  return path === '' ? '(root)' : short(path.startsWith('.') ? path.slice(1) : path)
}

export function isKerasModule(module: string): boolean {
  return KERAS_PACKAGES.some((p) => module === p || module.startsWith(`${p}.`))
}

/** `package>Name` of `register_keras_serializable`, split; null without a package prefix. */
function registration(name: string | undefined): { pkg: string; name: string } | null {
  const at = name?.indexOf('>') ?? -1
  return name !== undefined && at > 0 ? { pkg: name.slice(0, at), name: name.slice(at + 1) } : null
}

/** Registered under a Keras package, or tf.keras 2.11+'s `Custom>` names for its own classes. */
function isKerasRegistration(reg: { pkg: string; name: string }): boolean {
  return isKerasModule(reg.pkg) || (reg.pkg === 'Custom' && KERAS_BUILTIN_NAMES.has(reg.name))
}

function locationOf(where: KerasOrigin): { location?: { entry?: string; offset?: number } } {
  if (where.entry === undefined && where.offset === undefined) return {}
  return { location: { ...(where.entry !== undefined ? { entry: where.entry } : {}), ...(where.offset !== undefined ? { offset: where.offset } : {}) } }
}

/** The frame of `dict[key]`, for a finding about that field. */
const field = (frame: Frame, key: string): Frame => ({ value: undefined, key, parent: frame, depth: frame.depth + 1 })

/** Findings collected for one config, at most MAX_PER_RULE per rule (the last one counts the rest). */
class Collector {
  readonly findings: Finding[] = []
  private readonly counts = new Map<string, { kept: Finding; more: number; n: number }>()

  constructor(private readonly where: KerasOrigin) {}

  add(rule: string, severity: Severity, message: string, frame: Frame, detail: Record<string, unknown>): void {
    const seen = this.counts.get(rule)
    if (seen !== undefined && seen.n >= MAX_PER_RULE) {
      seen.kept.more = ++seen.more
      return
    }
    const finding: Finding = { rule, severity, message, ...locationOf(this.where), key: this.where.key, path: pathOf(frame), ...detail }
    this.findings.push(finding)
    this.counts.set(rule, { kept: finding, more: 0, n: (seen?.n ?? 0) + 1 })
  }

  /** Serialized Python code: decode the marshalled code object where possible. */
  lambda(frame: Frame, what: string, code: unknown): void {
    const summary = typeof code === 'string' ? decodeCode(code) : null
    const refs = summary === null ? '' : [...summary.names, ...summary.strings.map((s) => JSON.stringify(s))].slice(0, 12).join(', ')
    const tail = summary === null ? 'the code could not be decoded' : refs === '' ? `it references nothing by name` : `it references ${refs}`
    this.add(
      RULES.kerasLambda,
      'critical',
      `${what} at ${pathOf(frame)} in ${this.where.key} holds serialized Python code that runs when the model is loaded (safe_mode=False, older Keras, legacy .h5 loading): ${tail}.`,
      frame,
      summary === null ? { decoded: false } : { decoded: true, codeName: short(summary.name), names: summary.names.map(short), strings: summary.strings }
    )
  }

  torchModule(frame: Frame): void {
    this.add(
      RULES.kerasLambda,
      'critical',
      `A TorchModuleWrapper at ${pathOf(frame)} in ${this.where.key} holds a pickled torch module that torch.load unpickles when the model is loaded (safe_mode=False, older Keras): pickle runs code.`,
      frame,
      {}
    )
  }

  unsafeModule(frame: Frame, module: string, name: string, why: string): void {
    this.add(
      RULES.kerasUnsafeModule,
      'critical',
      `${quote(name)} from module ${quote(module)} at ${pathOf(frame)} in ${this.where.key}: ${why}.`,
      frame,
      { module: short(module), className: short(name) }
    )
  }

  customObject(frame: Frame, name: string, registered: string | undefined, module: string | undefined): void {
    const as = [registered !== undefined ? `registered as ${quote(registered)}` : '', module !== undefined ? `module ${quote(module)}` : ''].filter((s) => s !== '').join(', ')
    this.add(
      RULES.kerasCustomObject,
      'medium',
      `Custom object ${quote(name)}${as === '' ? '' : ` (${as})`} at ${pathOf(frame)} in ${this.where.key}: not a Keras built-in, so loading runs code from the loading environment's registered objects or custom_objects.`,
      frame,
      { className: short(name), ...(registered !== undefined ? { registeredName: short(registered) } : {}), ...(module !== undefined ? { module: short(module) } : {}) }
    )
  }
}

/** func_load: base64 (binascii, non-strict) of marshal data, else the string's own bytes (raw_unicode_escape). */
function decodeCode(code: string): ReturnType<typeof readMarshalledCode> {
  const b64 = Buffer.from(code.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
  const decoded = readMarshalledCode(b64)
  if (decoded !== null || /[^\x00-\xff]/.test(code)) return decoded
  return readMarshalledCode(Buffer.from(code, 'latin1'))
}

/** The `code` a `__lambda__` object carries: Lambda's `{code}` or serialization_lib's `{value: [code, defaults, closure]}`. */
function lambdaCode(config: unknown): unknown {
  if (!isDict(config)) return undefined
  if (config.code !== undefined) return config.code
  return Array.isArray(config.value) ? config.value[0] : config.value
}

/** `Lambda layer "name"` when a __lambda__ is the function of a Lambda layer's config. */
function lambdaOwner(frame: Frame): string | undefined {
  const config = frame.parent
  if (config?.owner !== 'Lambda' || !isDict(config.value)) return undefined
  return `Lambda layer ${quote(str(config.value.name) ?? '')}`
}

const MODULE_WHY =
  'Keras before 3.9 and tf.keras import any module a config names and take the object from it (CVE-2025-1550), so loading runs code outside Keras'

/** One dict with a `class_name`: an object deserialize_keras_object would build. */
function checkObject(obj: Dict, frame: Frame, out: Collector): void {
  const cls = str(obj.class_name) as string
  if (cls === '__lambda__') return out.lambda(frame, lambdaOwner(frame) ?? 'A serialized lambda', lambdaCode(obj.config))
  const isFunction = cls === 'function'
  const name = isFunction ? (str(obj.config) ?? '') : cls === '__typespec__' ? (str(obj.spec_name) ?? cls) : cls
  const module = str(obj.module)
  const registered = str(obj.registered_name)
  const reg = registration(registered) ?? registration(cls)
  const inner = isDict(obj.config) ? obj.config : undefined
  if (cls === 'TorchModuleWrapper' && typeof inner?.module === 'string') out.torchModule(field(field(frame, 'config'), 'module'))
  // Legacy model_from_config turns a list-valued Lambda function into a __lambda__.
  if (cls === 'Lambda' && Array.isArray(inner?.function) && inner.function_type !== 'lambda')
    out.lambda(field(field(frame, 'config'), 'function'), `Lambda layer ${quote(str(inner.name) ?? '')}`, inner.function[0])
  if (module !== undefined && module !== '') {
    if (isKerasModule(module) || (cls === '__typespec__' && module.startsWith('tensorflow.'))) {
      if (NON_MODELING_APIS.has(`${module}.${name}`)) out.unsafeModule(frame, module, name, 'a Keras API that is not a modeling object (file download, saving, loading); Keras before 3.11 ran it')
      return
    }
    if (module === 'builtins' && isFunction) {
      if (PYTHON_BUILTINS.has(name) && !KERAS_BUILTIN_NAMES.has(name)) out.unsafeModule(frame, module, name, MODULE_WHY)
      else if (!KERAS_BUILTIN_NAMES.has(name)) out.customObject(frame, name, reg !== null ? registered : undefined, undefined) // Keras writes registered_name "function" here
      return
    }
    const top = module.split('.')[0]
    // A registered custom class lives in the user's own package; the standard library never holds one.
    if (reg !== null && !isKerasRegistration(reg) && !PYTHON_STDLIB.has(top)) return out.customObject(frame, name, registered ?? cls, module)
    return out.unsafeModule(frame, module, name, MODULE_WHY)
  }
  if (reg !== null) {
    if (!isKerasRegistration(reg)) out.customObject(frame, name, registered ?? cls, undefined)
    return
  }
  if (cls.startsWith('__') && cls.endsWith('__')) return // __keras_tensor__, __numpy__, __tensor__, __bytes__…
  if (!KERAS_BUILTIN_NAMES.has(name)) out.customObject(frame, name, undefined, undefined)
}

/** Keras 2 Lambda configs: `function` / `output_shape` with `*_type` "lambda" (bytecode) or "function" (a name in `*module`). */
function checkLegacyFunctions(dict: Dict, frame: Frame, out: Collector): void {
  for (const key of ['function', 'output_shape', 'mask']) {
    const type = dict[`${key}_type`]
    const value = dict[key]
    if (value === undefined || value === null) continue
    if (type === 'lambda') {
      out.lambda(field(frame, key), frame.owner === 'Lambda' ? `Lambda layer ${quote(str(dict.name) ?? '')}` : `A Keras 2 lambda (${key})`, Array.isArray(value) ? value[0] : value)
      continue
    }
    const module = str(dict[key === 'function' ? 'module' : `${key}_module`])
    // tf.keras resolves the name among the module's globals when the module is already imported.
    if (type === 'function' && typeof value === 'string' && module !== undefined && module !== '' && !isKerasModule(module))
      out.unsafeModule(field(frame, key), module, value, 'tf.keras looks the function up in that module (any module already imported, such as os), so loading calls code outside Keras')
  }
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null

/** Findings for one parsed Keras config (any nesting). Synchronous, bounded (node count, depth). */
export function checkKerasConfig(config: unknown, where: KerasOrigin): Finding[] {
  const out = new Collector(where)
  const stack: Frame[] = [{ value: config, key: '', parent: null, depth: 0 }]
  let nodes = 0
  // Only containers get a frame: a long array of numbers costs one pass over it, not a frame per value.
  const push = (value: unknown, key: string | number, parent: Frame, owner?: string): void => {
    if (isContainer(value)) stack.push({ value, key, parent, depth: parent.depth + 1, ...(owner !== undefined ? { owner } : {}) })
  }
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    if (++nodes > MAX_NODES || frame.depth > MAX_DEPTH) return [...out.findings, incompleteConfig(where, nodes > MAX_NODES ? `it has more than ${MAX_NODES} objects and arrays` : `it is nested more than ${MAX_DEPTH} levels deep`)]
    const { value } = frame
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) push(value[i], i, frame)
      continue
    }
    const dict = value as Dict
    const cls = str(dict.class_name)
    if (cls !== undefined) checkObject(dict, frame, out)
    checkLegacyFunctions(dict, frame, out)
    const keys = Object.keys(dict)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]
      // A __lambda__'s config is its code: reported above, not walked as objects.
      if (cls === '__lambda__' && key === 'config') continue
      push(dict[key], key, frame, key === 'config' ? cls : undefined)
    }
  }
  return out.findings
}

function incompleteConfig(where: KerasOrigin, why: string): Finding {
  return {
    rule: RULES.incomplete,
    severity: 'high',
    message: `The Keras config in ${where.key} could not be analysed: ${why}. Keras may still load it and run what it names.`,
    ...locationOf(where),
    key: where.key
  }
}

/** JSON text → checkKerasConfig; text over 64 MiB or invalid JSON → one `scan/incomplete` (high) saying the config could not be analysed. */
export function checkKerasConfigText(text: string, where: KerasOrigin): Finding[] {
  if (text.length > MAX_CONFIG_TEXT) return [incompleteConfig(where, `it is ${text.length} characters long, more than the ${MAX_CONFIG_TEXT} modelgate reads`)]
  let config: unknown
  try {
    config = parsePythonJson(text)
  } catch (err) {
    return [incompleteConfig(where, `it is not valid JSON (${err instanceof Error ? short(err.message) : 'parse error'})`)]
  }
  return checkKerasConfig(config, where)
}
