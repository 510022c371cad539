// Walks a parsed chat template (never renders it) and lists what it reaches: constructs Jinja's
// sandbox forbids or that touch Python internals (`injection`), and constructs real chat
// templates do not use (`unusual`). Bounded: a tree past MAX_NODES or MAX_DEPTH is `unusual`.
import { collectBindings, MAX_ROUNDS } from './bindings.js'
import { ATTRIBUTE_FILTERS, DANGEROUS_GLOBALS, FILTERS, FUNCTION_GLOBALS, isUnsafeName, MAX_RANGE, METHODS, plain, TESTS } from './names.js'
import { evaluate, filterParts, node, type AnyNode, type Bindings } from './values.js'

export const MAX_NODES = 200_000
export const MAX_DEPTH = 256

export interface Issue {
  kind: 'injection' | 'unusual'
  /** What was found, e.g. `attribute __class__`, `filter attr with a computed name`. */
  construct: string
}

type Report = (kind: Issue['kind'], construct: string) => void

/** The child nodes to walk. Names that are not references (`.prop`, filter and test names, assigned and parameter names) are left out. */
function children(n: AnyNode): unknown[] {
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : [])
  const valuesOf = (params: unknown) => list(params).filter((p) => node(p).type === 'KeywordArgumentExpression')
  switch (n.type) {
    case 'MemberExpression':
      return n.computed === true ? [n.object, n.property] : [n.object]
    case 'FilterExpression':
      return [n.operand, ...filterParts(node(n.filter)).args]
    case 'FilterStatement':
      return [...filterParts(node(n.filter)).args, ...list(n.body)]
    case 'TestExpression':
      return [n.operand]
    case 'KeywordArgumentExpression':
      return [n.value]
    case 'Macro':
      return [...valuesOf(n.args), ...list(n.body)]
    case 'For':
      return [n.iterable, ...list(n.body), ...list(n.defaultBlock)]
    case 'Set':
      return [...(node(n.assignee).type === 'MemberExpression' ? [n.assignee] : []), n.value, ...list(n.body)]
    case 'CallStatement':
      return [n.call, ...valuesOf(n.callerArgs), ...list(n.body)]
    case 'ObjectLiteral':
      return [...(n.value as Map<unknown, unknown>).entries()].flat()
    default:
      return Object.entries(n).flatMap(([field, v]) => (field === 'operator' ? [] : Array.isArray(v) ? v : [v]))
  }
}

// Operator tokens (the only non-node objects with a `type`) sit in `operator` fields, which children() skips.
const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as AnyNode).type === 'string'

/** Every node of the tree, depth-first, or why the walk stopped. */
function collect(program: unknown): { nodes: AnyNode[]; exceeded?: string } {
  const nodes: AnyNode[] = []
  const stack: [AnyNode, number][] = [[node(program), 0]]
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!
    if (depth > MAX_DEPTH) return { nodes, exceeded: `nesting deeper than ${MAX_DEPTH} levels` }
    if (nodes.push(n) > MAX_NODES) return { nodes, exceeded: `more than ${MAX_NODES} syntax nodes` }
    const kids = children(n).filter(isNode)
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1])
  }
  return { nodes }
}

/** What the template reaches, in the order found, each construct once. */
export function walkTemplate(program: unknown): Issue[] {
  const issues: Issue[] = []
  const seen = new Set<string>()
  const report: Report = (kind, construct) => {
    if (seen.has(construct)) return
    seen.add(construct)
    issues.push({ kind, construct })
  }
  const { nodes, exceeded } = collect(program)
  if (exceeded !== undefined) {
    report('unusual', exceeded)
    return issues
  }
  const { bindings, locals, settled } = collectBindings(nodes)
  if (!settled) report('unusual', `values passed through more than ${MAX_ROUNDS} assignments`)
  for (const n of nodes) checkNode(n, bindings, locals, report)
  return issues
}

function checkNode(n: AnyNode, b: Bindings, locals: Set<string>, report: Report): void {
  switch (n.type) {
    case 'Identifier': {
      const name = n.value as string
      if (DANGEROUS_GLOBALS.has(name) && !locals.has(name)) report('injection', `global ${name}`)
      else if (name.startsWith('__') && !locals.has(name)) report('injection', `name ${name}`)
      return
    }
    case 'MemberExpression':
      return checkMember(n, b, report)
    case 'CallExpression':
      return checkCall(n, b, report)
    case 'FilterExpression':
    case 'FilterStatement':
      return checkFilter(node(n.filter), b, report)
    case 'TestExpression': {
      const test = node(n.test).value as string
      if (!TESTS.has(test)) report('unusual', `test ${test}`)
      return
    }
    case 'SpreadExpression':
    case 'KeywordSpreadExpression':
      report('unusual', 'argument unpacking')
      return
  }
}

/** `.name`, `['name']`, `[expr]`: Jinja's getitem falls back to getattr for strings, so both reach attributes. */
function checkMember(n: AnyNode, b: Bindings, report: Report): void {
  const property = node(n.property)
  if (n.computed !== true) {
    if (property.type === 'Identifier' && isUnsafeName(property.value as string)) report('injection', `attribute ${property.value as string}`)
    return
  }
  if (property.type === 'SliceExpression' || property.type === 'IntegerLiteral' || property.type === 'UnaryExpression') return
  checkName(evaluate(property, b), 'item', 'item access', report)
}

/** A name given as a value: unsafe constants, or built at run time. */
function checkName(v: { built: boolean; consts: string[] }, what: string, access: string, report: Report): void {
  for (const name of v.consts) if (isUnsafeName(name)) report('injection', `${what} ${plain(name)}`)
  if (v.built) report('injection', `${access} with a computed name`)
}

function checkCall(n: AnyNode, b: Bindings, report: Report): void {
  const callee = node(n.callee)
  const args = n.args as AnyNode[]
  if (callee.type === 'Identifier') {
    const name = callee.value as string
    if (name === 'range' && args.some((a) => a.type === 'IntegerLiteral' && (a.value as number) > MAX_RANGE)) report('unusual', `range over ${MAX_RANGE} items`)
    if (!FUNCTION_GLOBALS.has(name) && !b.macros.has(name) && !DANGEROUS_GLOBALS.has(name)) report('unusual', `call to ${name}`)
    return
  }
  if (callee.type !== 'MemberExpression' || callee.computed === true) {
    report('unusual', 'call of a computed value')
    return
  }
  const method = node(callee.property).value as string
  if (method === 'format' || method === 'format_map') return checkFormat(node(callee.object), report)
  if (!METHODS.has(method) && !isUnsafeName(method)) report('unusual', `method ${method}`)
}

/** str.format reads attributes and items of its arguments (`{0.__class__}`): only a constant format without them is plain. */
function checkFormat(object: AnyNode, report: Report): void {
  if (object.type !== 'StringLiteral') report('injection', 'str.format with a computed format string')
  else if (/\{[^{}]*[.[]/.test(object.value as string)) report('injection', 'str.format with attribute access')
  else report('unusual', 'method format')
}

function checkFilter(filter: AnyNode, b: Bindings, report: Report): void {
  const { name, args } = filterParts(filter)
  const known = FILTERS.has(name)
  if (!known) report('unusual', `filter ${name}`)
  const positional = args.filter((a) => a.type !== 'KeywordArgumentExpression')
  const keyword = (key: string) => node(args.find((a) => a.type === 'KeywordArgumentExpression' && node(a.key).value === key)?.value)
  if (name === 'map' && positional.length > 0) {
    // map('filter', args...): the named filter runs on each item.
    const [inner, ...rest] = positional
    if (inner.type !== 'StringLiteral') report('injection', 'filter map with a computed filter name')
    else checkFilter(node({ type: 'CallExpression', callee: { type: 'Identifier', value: inner.value }, args: rest }), b, report)
  }
  const spec = ATTRIBUTE_FILTERS[name]
  if (spec !== undefined) {
    const attribute = spec.positional ? positional[0] : keyword('attribute')
    if (attribute !== undefined) checkAttributeArgument(name, attribute, b, report)
  }
  const testArgument = name === 'select' || name === 'reject' ? positional[0] : name === 'selectattr' || name === 'rejectattr' ? positional[1] : undefined
  if (testArgument !== undefined) {
    if (testArgument.type !== 'StringLiteral') report('unusual', `filter ${name} with a computed test name`)
    else if (!TESTS.has(testArgument.value as string)) report('unusual', `test ${testArgument.value as string}`)
  }
}

/** An attribute path (`a.b.0`, split on dots like Jinja's make_attrgetter) given to attr, map, selectattr, sort, ... */
function checkAttributeArgument(filter: string, attribute: AnyNode, b: Bindings, report: Report): void {
  if (attribute.type === 'StringLiteral') {
    for (const part of (attribute.value as string).split('.')) if (isUnsafeName(part)) report('injection', `filter ${filter} attribute ${plain(part)}`)
    return
  }
  const v = evaluate(attribute, b)
  for (const name of v.consts) for (const part of name.split('.')) if (isUnsafeName(part)) report('injection', `filter ${filter} attribute ${plain(part)}`)
  // A name from a variable holding only safe constants is still a name the template chose; anything else is computed.
  if (v.built || v.consts.length === 0) report('injection', `filter ${filter} with a computed name`)
}
