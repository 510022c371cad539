// Which strings a template builds itself (from its own constants, by concatenation, formatting,
// joining, slicing...): a name built at run time and then used as an attribute hides what the
// template reaches. Flow-insensitive and conservative: every assignment to a name (in any scope,
// any branch) contributes to what the name may hold.
import { SELECTING_FILTERS, STRING_BUILDING_FILTERS, STRING_BUILDING_METHODS, STRINGIFYING_FILTERS } from './names.js'

/** What a string-valued expression may be: built at run time, and/or one of these constants. */
export interface StrValue {
  built: boolean
  consts: string[]
}

export const DATA: StrValue = { built: false, consts: [] }
const BUILT: StrValue = { built: true, consts: [] }
/** More distinct constants than this for one name: treat it as built. */
const MAX_CONSTS = 32

export const stringish = (v: StrValue): boolean => v.built || v.consts.length > 0

export function join(a: StrValue, b: StrValue): StrValue {
  if (!stringish(b)) return a
  if (!stringish(a)) return b
  const consts = [...new Set([...a.consts, ...b.consts])]
  return consts.length > MAX_CONSTS ? BUILT : { built: a.built || b.built, consts }
}

/** Names (`x`, or `ns.attr` for namespace attributes) to what they may hold; `macros` are the template's macro names. */
export interface Bindings {
  values: Map<string, StrValue>
  macros: Set<string>
}

/**
 * Any AST node as a record of its fields (the package exports no AST types): nodes are told
 * apart by `type`, as in @huggingface/jinja's ast.ts.
 */
export type AnyNode = { type: string } & Record<string, unknown>
export const node = (n: unknown) => n as AnyNode

/** The filter's name and call arguments (`x|f` or `x|f(a, b=c)`). */
export function filterParts(filter: AnyNode): { name: string; args: AnyNode[] } {
  if (filter.type === 'CallExpression') return { name: String(node(filter.callee).value), args: filter.args as AnyNode[] }
  return { name: String(filter.value), args: [] }
}

/** What the expression may evaluate to, as far as strings the template builds are concerned. */
export function evaluate(expr: unknown, b: Bindings): StrValue {
  if (expr === null || expr === undefined) return DATA
  const e = node(expr)
  switch (e.type) {
    case 'StringLiteral':
      return { built: false, consts: [e.value as string] }
    case 'Identifier':
      return b.values.get(e.value as string) ?? DATA
    case 'MemberExpression':
      return member(e, b)
    case 'BinaryExpression': {
      const left = evaluate(node(e.left), b)
      const right = evaluate(node(e.right), b)
      // `~` always makes a string; `+`, `*`, `%` do when a side is one ('_' * 2, '%c' % 95).
      return (e.operator as { value: string }).value === '~' || stringish(left) || stringish(right) ? BUILT : DATA
    }
    case 'FilterExpression':
      return filtered(e, b)
    case 'CallExpression':
      return called(e, b)
    case 'Ternary':
      return join(evaluate(node(e.trueExpr), b), evaluate(node(e.falseExpr), b))
    case 'SelectExpression':
      return evaluate(node(e.lhs), b)
    case 'ArrayLiteral':
    case 'TupleLiteral':
      return (e.value as unknown[]).reduce((acc: StrValue, item) => join(acc, evaluate(item, b)), DATA)
    default:
      return DATA
  }
}

function member(e: AnyNode, b: Bindings): StrValue {
  const object = node(e.object)
  const property = node(e.property)
  if (!(e.computed as boolean)) {
    return object.type === 'Identifier' ? (b.values.get(`${object.value as string}.${property.value as string}`) ?? DATA) : DATA
  }
  // Indexing or slicing a string the template made ('__ssalc__'[::-1], 'abc'[0]) builds another.
  return stringish(evaluate(object, b)) ? BUILT : DATA
}

function filtered(e: AnyNode, b: Bindings): StrValue {
  const { name, args } = filterParts(node(e.filter))
  if (STRINGIFYING_FILTERS.has(name)) return BUILT
  if (SELECTING_FILTERS.has(name)) return stringish(evaluate(node(e.operand), b)) ? BUILT : DATA
  if (!STRING_BUILDING_FILTERS.has(name)) return DATA
  const inputs = [node(e.operand), ...args]
  return inputs.some((input) => stringish(evaluate(input, b))) ? BUILT : DATA
}

function called(e: AnyNode, b: Bindings): StrValue {
  const callee = node(e.callee)
  // A macro's output (or a call block's body through caller()) is text the template wrote.
  if (callee.type === 'Identifier') return b.macros.has(callee.value as string) || callee.value === 'caller' ? BUILT : DATA
  if (callee.type !== 'MemberExpression' || (callee.computed as boolean)) return DATA
  if (!STRING_BUILDING_METHODS.has(node(callee.property).value as string)) return DATA
  const inputs = [node(callee.object), ...(e.args as AnyNode[])]
  return inputs.some((input) => stringish(evaluate(input, b))) ? BUILT : DATA
}
