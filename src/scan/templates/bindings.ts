// What each name may hold, as far as template-built strings go (values.ts), found by iterating
// over every assignment until nothing changes: `set` (plain, block, tuple, namespace attribute),
// namespace(...) keywords, loop variables, macro parameters (defaults and call sites), caller
// arguments. Scopes are merged: conservative, and enough for names a template hides.
import { DATA, evaluate, join, node, stringish, type AnyNode, type Bindings, type StrValue } from './values.js'

/** Rounds before giving up on a fixed point: each round only grows the values; real templates need 2 or 3. */
export const MAX_ROUNDS = 32
const BUILT: StrValue = { built: true, consts: [] }

export interface Collected {
  bindings: Bindings
  /** Names bound by loops, macro parameters and call blocks: they shadow globals where they are used. */
  locals: Set<string>
  /** False when MAX_ROUNDS passed before the values settled (a long chain of copies): some may be missing. */
  settled: boolean
}

export function collectBindings(nodes: AnyNode[]): Collected {
  const macros = new Map<string, AnyNode>()
  for (const n of nodes) if (n.type === 'Macro') macros.set(node(n.name).value as string, n)
  const b: Bindings = { values: new Map(), macros: new Set(macros.keys()) }
  const locals = new Set<string>()
  let changed = true
  for (let round = 0; changed && round < MAX_ROUNDS; round++) {
    changed = false
    const bind = (name: string, v: StrValue) => {
      const before = b.values.get(name) ?? DATA
      const after = join(before, v)
      if (after.built !== before.built || after.consts.length !== before.consts.length) {
        b.values.set(name, after)
        changed = true
      }
    }
    for (const n of nodes) assignments(n, b, macros, locals, bind)
  }
  return { bindings: b, locals, settled: !changed }
}

type Bind = (name: string, v: StrValue) => void

/** Names a target binds (`x`, `a, b`, `ns.attr`). */
function targets(assignee: AnyNode): string[] {
  if (assignee.type === 'Identifier') return [assignee.value as string]
  if (assignee.type === 'TupleLiteral' || assignee.type === 'ArrayLiteral') return (assignee.value as AnyNode[]).flatMap(targets)
  if (assignee.type === 'MemberExpression' && assignee.computed !== true && node(assignee.object).type === 'Identifier') {
    return [`${node(assignee.object).value as string}.${node(assignee.property).value as string}`]
  }
  return []
}

const paramName = (p: AnyNode) => (p.type === 'KeywordArgumentExpression' ? (node(p.key).value as string) : (p.value as string))

function assignments(n: AnyNode, b: Bindings, macros: Map<string, AnyNode>, locals: Set<string>, bind: Bind): void {
  switch (n.type) {
    case 'Set': {
      const value = n.value === null ? BUILT : evaluate(n.value, b)
      const names = targets(node(n.assignee))
      for (const name of names) bind(name, value)
      const call = node(n.value)
      if (names.length === 1 && call?.type === 'CallExpression' && node(call.callee).value === 'namespace') {
        for (const arg of call.args as AnyNode[]) if (arg.type === 'KeywordArgumentExpression') bind(`${names[0]}.${node(arg.key).value as string}`, evaluate(arg.value, b))
      }
      return
    }
    case 'For': {
      // Iterating a string the template holds yields its characters; a list of strings, its strings.
      const items = evaluate(n.iterable, b)
      for (const name of targets(node(n.loopvar))) {
        locals.add(name)
        bind(name, stringish(items) ? { built: true, consts: items.consts } : DATA)
      }
      return
    }
    case 'Macro':
      for (const p of n.args as AnyNode[]) {
        locals.add(paramName(p))
        if (p.type === 'KeywordArgumentExpression') bind(paramName(p), evaluate(p.value, b))
      }
      return
    case 'CallStatement':
      // What caller(...) passes is the macro's business: assume it builds names.
      for (const p of (n.callerArgs as AnyNode[] | null) ?? []) {
        locals.add(paramName(p))
        bind(paramName(p), BUILT)
      }
      return
    case 'CallExpression': {
      const macro = macros.get(node(n.callee).value as string)
      if (node(n.callee).type === 'Identifier' && macro !== undefined) bindArguments(macro, n.args as AnyNode[], b, bind)
      return
    }
  }
}

/** Call-site arguments flow into the macro's parameters (positional by index, keywords by name; extras into varargs/kwargs). */
function bindArguments(macro: AnyNode, args: AnyNode[], b: Bindings, bind: Bind): void {
  const params = (macro.args as AnyNode[]).map(paramName)
  let index = 0
  for (const arg of args) {
    if (arg.type === 'KeywordArgumentExpression') {
      const key = node(arg.key).value as string
      bind(params.includes(key) ? key : 'kwargs', evaluate(arg.value, b))
    } else {
      bind(params[index] ?? 'varargs', evaluate(arg.type === 'SpreadExpression' ? arg.argument : arg, b))
      index++
    }
  }
}
