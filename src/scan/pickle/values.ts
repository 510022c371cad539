// Symbolic values of the pickle machine. Python constants map to JS primitives where
// the type is unambiguous (None → null, bool, int → number | bigint, str → string) so
// the hot path allocates nothing for them; everything else is a small class. Objects
// are tracked by identity, so memo aliases and in-place mutation behave as in CPython.

/** Items kept per container: enough for argument tuples and state dicts, bounded on huge lists. */
export const CONTAINER_ITEMS = 256

/** A Python float. Its value never matters to the analysis, so one shared instance stands for all (no allocation per float). */
export class PyFloat {
  get kind(): 'float' {
    return 'float'
  }
}
export const FLOAT = new PyFloat()

/** bytes / bytearray. `data` may be a prefix of a payload too large to keep (`length` is the real size). */
export class PyBytes {
  get kind(): 'bytes' {
    return 'bytes'
  }
  constructor(
    readonly data: Uint8Array,
    readonly length: number,
    /** Stream offset of the opcode that produced it. */
    readonly offset: number,
    readonly mutable = false
  ) {}
  get truncated(): boolean {
    return this.data.length < this.length
  }
}

/** A str too large to keep whole: its prefix and its length in UTF-8 bytes. */
export class PyLongStr {
  get kind(): 'longstr' {
    return 'longstr'
  }
  constructor(
    readonly prefix: string,
    readonly byteLength: number
  ) {}
}

export type ContainerKind = 'tuple' | 'list' | 'dict' | 'set' | 'frozenset'

/**
 * Strs a container holds as placeholders, their bytes kept elsewhere (the machine's memo):
 * `decode` puts them into `items` in place, reading its entries from `from` on, in order.
 */
export interface DeferredTexts {
  decode(items: Value[], from: number): void
}

/**
 * A literal container built by opcodes (exact builtin type). Dicts store keys and values
 * alternately. It keeps at most `CONTAINER_ITEMS` values, and fewer once the stream's
 * item budget is spent (the machine decides); `size` still counts every element.
 */
export class PyContainer {
  get kind(): 'container' {
    return 'container'
  }
  private list: Value[]
  private deferred: DeferredTexts | undefined = undefined
  private deferredFrom = 0

  constructor(
    readonly type: ContainerKind,
    items: Value[] = [],
    /** Elements (pairs for dicts) ever added, including those not kept. */
    public size = items.length
  ) {
    this.list = items
  }

  /** The kept values; strs left undecoded (see `defer`) are decoded on first use. */
  get items(): Value[] {
    if (this.deferred !== undefined) {
      this.deferred.decode(this.list, this.deferredFrom)
      this.deferred = undefined
    }
    return this.list
  }

  set items(items: Value[]) {
    this.list = items
    this.deferred = undefined
  }

  /** How many values it keeps (without decoding deferred strs). */
  get keptCount(): number {
    return this.list.length
  }

  /** Its placeholder strs are decoded by `texts` (entries from `from` on) when first read. */
  defer(texts: DeferredTexts, from: number): void {
    this.deferred = texts
    this.deferredFrom = from
  }

  /** Adds the elements `from[start..]`, keeping at most `budget` values; returns how many it kept. */
  addRange(from: readonly Value[], start: number, budget: number): number {
    const n = from.length - start
    this.size += this.type === 'dict' ? n >> 1 : n
    let room = Math.min(CONTAINER_ITEMS - this.items.length, n, budget)
    if (this.type === 'dict') room &= ~1
    if (room <= 0) return 0
    // A fresh container takes an exact-size copy (pushing would over-allocate its backing store).
    if (this.items.length === 0) this.items = from.slice(start, start + room)
    else for (let i = 0; i < room; i++) this.items.push(from[start + i])
    return room
  }

  /** Some elements were not kept. */
  get partial(): boolean {
    return this.list.length < (this.type === 'dict' ? this.size * 2 : this.size)
  }
}

/** What `find_class` returned: a resolved `module.qualname`, or an unresolvable callable. */
export class PyGlobal {
  get kind(): 'global' {
    return 'global'
  }
  constructor(
    /** Resolved name the policy judged (`posix.system`), or a description when dynamic. */
    readonly name: string,
    /** Stream offset of the importing opcode. */
    readonly offset: number,
    readonly allowed: AllowCaps | null,
    /** Not resolvable statically (EXT code, non-constant STACK_GLOBAL operand). */
    readonly dynamic = false
  ) {}
}

/** What an allowlisted global may be used for (reference/pickle.md §10). */
export interface AllowCaps {
  /** May be called (REDUCE, NEWOBJ, OBJ, INST). */
  readonly call: boolean
  /** Instances it returns may receive BUILD. */
  readonly build: boolean
  /** Instances it returns may receive SETITEM(S) / APPEND(S) / ADDITEMS. */
  readonly items: boolean
}

/** The result of a call (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST). */
export class PyInstance {
  get kind(): 'instance' {
    return 'instance'
  }
  constructor(
    readonly callee: Value,
    readonly args: Value,
    /** Stream offset of the calling opcode. */
    readonly offset: number
  ) {}
  /** The global that made this instance, when it was a resolved global. */
  get cls(): PyGlobal | null {
    return this.callee instanceof PyGlobal ? this.callee : null
  }
}

/**
 * A value the machine cannot know: a persistent-id object, an out-of-band buffer, a
 * huge number. `poisoned` marks placeholders pushed after a loader error, so later
 * operations on them report nothing the loader would never have reached.
 */
export class PyOpaque {
  get kind(): 'opaque' {
    return 'opaque'
  }
  constructor(
    readonly what: string,
    readonly poisoned = false
  ) {}
}

export type PyObject = PyFloat | PyBytes | PyLongStr | PyContainer | PyGlobal | PyInstance | PyOpaque
export type Value = null | boolean | number | bigint | string | PyObject

/** Short human description for messages. */
export function describe(value: Value): string {
  if (value === null) return 'None'
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False'
    case 'number':
    case 'bigint':
      return `int ${value}`
    case 'string':
      return `str ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`
  }
  switch (value.kind) {
    case 'float':
      return 'a float'
    case 'bytes':
      return `${value.mutable ? 'bytearray' : 'bytes'} of ${value.length} bytes`
    case 'longstr':
      return `str of ${value.byteLength} bytes`
    case 'container':
      return `${value.type} of ${value.size}`
    case 'global':
      return value.dynamic ? value.name : `global ${value.name}`
    case 'instance': {
      const cls = value.cls
      return cls ? `result of ${cls.name} (offset ${value.offset})` : `result of a call at offset ${value.offset}`
    }
    case 'opaque':
      return value.what
  }
}
