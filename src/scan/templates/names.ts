// What chat templates may name: Jinja2's sandbox rules (jinja2/sandbox.py) for attribute names,
// and the allowlists of globals, filters, tests and methods that real chat templates use
// (calibrated on the templates in fixtures/templates/real/). Anything outside the allowlists is
// `gguf/template-unusual`; what the sandbox forbids is `gguf/template-injection`.

/**
 * Attributes the sandbox refuses whatever the object (`is_internal_attribute`, the UNSAFE_*
 * sets): function, method, generator, coroutine internals, and `mro` of types.
 */
const UNSAFE_ATTRIBUTES = new Set([
  'mro',
  'func_closure',
  'func_code',
  'func_dict',
  'func_defaults',
  'func_globals',
  'im_class',
  'im_func',
  'im_self',
  'gi_frame',
  'gi_code',
  'gi_yieldfrom',
  'cr_frame',
  'cr_code',
  'cr_await',
  'ag_code',
  'ag_frame',
  'ag_await'
])

/** Code, traceback and frame objects: the sandbox refuses every attribute of theirs. */
const INTERNAL_PREFIX = /^(f|tb|co)_/

/** A name as Jinja2 reads it: a NUL stands for a line continuation it removes (chat-template.ts continueLines). */
export const plain = (name: string): string => name.replaceAll('\0', '')

/** An attribute or item name the sandbox refuses (or that only reaches interpreter internals). */
export function isUnsafeName(raw: string): boolean {
  const name = plain(raw)
  return name.startsWith('_') || UNSAFE_ATTRIBUTES.has(name) || INTERNAL_PREFIX.test(name)
}

/**
 * Globals that reach Python internals or the host application: Jinja's own (`self`, `cycler`,
 * `joiner`, `lipsum`: objects whose `__init__.__globals__` is a module's), Flask's (`config`,
 * `request`, `g`, `session`, `url_for`, `get_flashed_messages`), and runtime namespaces.
 */
export const DANGEROUS_GLOBALS = new Set([
  'self',
  'cycler',
  'joiner',
  'lipsum',
  'config',
  'request',
  'session',
  'g',
  'url_for',
  'get_flashed_messages',
  'environment',
  'context'
])

/** Functions real chat templates call (besides their own macros and `loop.cycle`). */
export const FUNCTION_GLOBALS = new Set(['raise_exception', 'strftime_now', 'namespace', 'range', 'dict', 'caller'])

/** Jinja's `range` limit in the sandbox (MAX_RANGE): larger ranges are refused. */
export const MAX_RANGE = 100_000

/** Filters real chat templates use. */
export const FILTERS = new Set([
  'abs',
  'capitalize',
  'count',
  'd',
  'default',
  'dictsort',
  'e',
  'escape',
  'first',
  'float',
  'indent',
  'int',
  'items',
  'join',
  'last',
  'length',
  'list',
  'lower',
  'map',
  'max',
  'min',
  'reject',
  'rejectattr',
  'replace',
  'reverse',
  'round',
  'safe',
  'select',
  'selectattr',
  'sort',
  'string',
  'sum',
  'title',
  'tojson',
  'trim',
  'unique',
  'upper',
  'wordcount'
])

/** Filters whose named argument (`attribute=`) or first positional argument is an attribute path. */
export const ATTRIBUTE_FILTERS: Readonly<Record<string, { positional: boolean }>> = {
  attr: { positional: true },
  selectattr: { positional: true },
  rejectattr: { positional: true },
  groupby: { positional: true },
  map: { positional: false },
  sort: { positional: false },
  sum: { positional: false },
  unique: { positional: false },
  min: { positional: false },
  max: { positional: false },
  dictsort: { positional: false }
}

/** Tests real chat templates use (`is defined`, `selectattr('x', 'equalto', ...)`). */
export const TESTS = new Set([
  'boolean',
  'callable',
  'defined',
  'divisibleby',
  'eq',
  'equalto',
  'even',
  'false',
  'float',
  'ge',
  'gt',
  'in',
  'integer',
  'iterable',
  'le',
  'lt',
  'mapping',
  'ne',
  'none',
  'number',
  'odd',
  'sameas',
  'sequence',
  'string',
  'true',
  'undefined'
])

/** Methods real chat templates call on strings, lists and dicts (read-only ones). */
export const METHODS = new Set([
  'count',
  'endswith',
  'find',
  'get',
  'index',
  'items',
  'join',
  'keys',
  'lower',
  'lstrip',
  'replace',
  'rfind',
  'rsplit',
  'rstrip',
  'split',
  'splitlines',
  'startswith',
  'strip',
  'title',
  'upper',
  'values',
  'cycle'
])

/** Filters whose result is a string (or list of strings) made from their operand: building blocks for hidden names. */
export const STRING_BUILDING_FILTERS = new Set([
  'string',
  'list',
  'join',
  'format',
  'replace',
  'reverse',
  'lower',
  'upper',
  'title',
  'capitalize',
  'trim',
  'center',
  'indent',
  'truncate',
  'wordwrap',
  'striptags',
  'urlencode',
  'safe',
  'e',
  'escape',
  'forceescape',
  'pprint',
  'tojson',
  'default',
  'd'
])

/** Filters whose result is drawn from their operand alone (its items, or characters of a string): their arguments are tests or keys. */
export const SELECTING_FILTERS = new Set(['first', 'last', 'sort', 'unique', 'batch', 'slice', 'min', 'max', 'random', 'select', 'reject', 'selectattr', 'rejectattr', 'map', 'dictsort', 'groupby'])

/** Filters that turn any value into a string or list of its characters (`lipsum|string|list`). */
export const STRINGIFYING_FILTERS = new Set(['string', 'list', 'pprint', 'tojson', 'format', 'join', 'urlencode', 'filesizeformat'])

/** String methods that build a new string from their object or arguments. */
export const STRING_BUILDING_METHODS = new Set([
  'format',
  'format_map',
  'join',
  'replace',
  'lower',
  'upper',
  'title',
  'capitalize',
  'casefold',
  'swapcase',
  'strip',
  'lstrip',
  'rstrip',
  'center',
  'ljust',
  'rjust',
  'zfill',
  'translate',
  'removeprefix',
  'removesuffix',
  'split',
  'rsplit',
  'encode',
  'decode'
])
