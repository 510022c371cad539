// The policy file `.modelgate.yml`: found, parsed with a real YAML parser, and validated
// strictly. An unknown key, a wrong type or a bad value is a PolicyError naming the file,
// the line, the key and the value: a typo must never silently weaken the gate.
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml'
import { lstat, realpath } from 'node:fs/promises'
import { isWithin } from '../scan/links.js'
import { FAIL_ON_VALUES, PICKLE_POLICIES, validateAllowPattern } from '../scan/policy.js'
import { LIMIT_SETTINGS } from '../scan/limits.js'
import { compileGlob } from './globs.js'
import { validateSuppressRule } from './rules.js'
import type { GivenSettings } from './settings.js'

export const POLICY_FILE_NAMES = ['.modelgate.yml', '.modelgate.yaml'] as const
export const LFS_SETTINGS = ['auto', 'true', 'false'] as const
export type LfsSetting = (typeof LFS_SETTINGS)[number]

/** A policy file larger than this is refused: it is a config file, not data. */
const MAX_POLICY_BYTES = 1024 * 1024

export class PolicyError extends Error {}

export interface SuppressEntry {
  rule: string
  /** Globs relative to the policy file's folder (or over remote target paths as reported). */
  paths: string[]
  /** Pickle global pattern (`module.Name` or `module.*`); the finding must name a matching global. */
  global?: string
  reason: string
  /** YYYY-MM-DD, last day the suppression holds. */
  expires?: string
}

/** The options a policy file may set (absent keys leave the decision to flags or defaults), and its own keys. */
export interface PolicyFile extends GivenSettings {
  /** The file as named to the user (relative when found by discovery). */
  path: string
  /** Absolute folder of the file: base of `exclude`, `suppress[].paths` and `baseline`. */
  dir: string
  suppress: SuppressEntry[]
  /** Baseline file, absolute. */
  baseline?: string
  /** The baseline as written in the file (for messages). */
  baselineName?: string
}

interface Reader {
  file: string
  lines: LineCounter
}

/** "file:line" of a node, or the file alone when the node has no position. */
function where(r: Reader, node: YamlNode | null | undefined): string {
  const offset = node?.range?.[0]
  return offset === undefined ? r.file : `${r.file}:${r.lines.linePos(offset).line}`
}

function fail(r: Reader, node: YamlNode | null | undefined, message: string): never {
  throw new PolicyError(`${where(r, node)}: ${message}`)
}

function show(node: YamlNode): string {
  if (isScalar(node)) return ['string', 'number', 'boolean'].includes(typeof node.value) || node.value === null ? JSON.stringify(node.value) : `a ${node.tag ?? 'tagged'} value`
  return isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'an alias'
}

function scalarText(r: Reader, node: YamlNode, key: string, expected: string): string {
  if (!isScalar(node) || typeof node.value !== 'string') fail(r, node, `${key}: invalid value ${show(node)} (expected ${expected})`)
  return node.value as string
}

function choice<T extends string>(r: Reader, node: YamlNode, key: string, allowed: readonly T[]): T {
  // YAML reads `true`/`false` as booleans: accept them where the choices are those words.
  const value = isScalar(node) && typeof node.value === 'boolean' ? String(node.value) : undefined
  const text = value ?? scalarText(r, node, key, allowed.join(', '))
  if (!(allowed as readonly string[]).includes(text)) fail(r, node, `${key}: invalid value ${JSON.stringify(text)} (expected ${allowed.join(', ')})`)
  return text as T
}

/** A list of strings (a single string is a list of one), each checked by `item`. */
function list(r: Reader, node: YamlNode, key: string, item: (text: string, node: YamlNode, key: string) => string): string[] {
  const items = isSeq(node) ? (node.items as YamlNode[]) : [node]
  return items.map((child, i) => {
    const itemKey = isSeq(node) ? `${key}[${i}]` : key
    return item(scalarText(r, child, itemKey, 'a string'), child, itemKey)
  })
}

function allowPattern(r: Reader): (text: string, node: YamlNode, key: string) => string {
  return (text, node, key) => {
    try {
      return validateAllowPattern(text)
    } catch (err) {
      fail(r, node, `${key}: ${(err as Error).message}`)
    }
  }
}

function glob(r: Reader): (text: string, node: YamlNode, key: string) => string {
  return (text, node, key) => {
    try {
      compileGlob(text)
    } catch (err) {
      fail(r, node, `${key}: invalid glob: ${(err as Error).message}`)
    }
    return text
  }
}

function limit(r: Reader, node: YamlNode, key: string): number {
  const setting = LIMIT_SETTINGS.find((s) => s.name === key)!
  const raw = isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'string') ? String(node.value) : undefined
  const value = raw === undefined ? undefined : setting.parse(raw)
  if (value === undefined) fail(r, node, `${key}: invalid value ${show(node)} (expected ${setting.expected})`)
  return value
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text)
  if (m === null) return false
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return date.toISOString().slice(0, 10) === text
}

/** The pairs of a mapping, with unknown keys refused. */
function pairs(r: Reader, node: YamlNode, key: string, known: readonly string[]): Map<string, YamlNode> {
  if (!isMap(node)) fail(r, node, `${key === '' ? 'the policy file' : key}: expected a mapping, found ${show(node)}`)
  const out = new Map<string, YamlNode>()
  for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
    const name = isScalar(pair.key) ? pair.key.value : undefined
    const full = key === '' ? String(name) : `${key}.${String(name)}`
    if (typeof name !== 'string') fail(r, pair.key, `${key === '' ? 'keys' : `${key} keys`} must be strings, found ${pair.key !== null ? show(pair.key) : 'an empty key'}`)
    if (!known.includes(name)) fail(r, pair.key, `unknown key ${JSON.stringify(full)} (expected one of: ${known.join(', ')})`)
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) fail(r, pair.key, `${full}: a value is required`)
    out.set(name, pair.value)
  }
  return out
}

const SUPPRESS_KEYS = ['rule', 'paths', 'global', 'reason', 'expires'] as const

function suppressEntry(r: Reader, node: YamlNode, key: string): SuppressEntry {
  const fields = pairs(r, node, key, SUPPRESS_KEYS)
  const required = (name: string): YamlNode => fields.get(name) ?? fail(r, node, `${key}.${name} is required`)
  const ruleNode = required('rule')
  const rule = scalarText(r, ruleNode, `${key}.rule`, 'a rule id such as pickle/unknown-global')
  const ruleProblem = validateSuppressRule(rule)
  if (ruleProblem !== null) fail(r, ruleNode, `${key}.rule: invalid value ${JSON.stringify(rule)} (${ruleProblem})`)
  const paths = list(r, required('paths'), `${key}.paths`, glob(r))
  if (paths.length === 0) fail(r, fields.get('paths'), `${key}.paths: at least one glob is required`)
  const reasonNode = required('reason')
  const reason = scalarText(r, reasonNode, `${key}.reason`, 'a non-empty text').trim()
  if (reason === '') fail(r, reasonNode, `${key}.reason: must not be empty`)
  const entry: SuppressEntry = { rule, paths, reason }
  const globalNode = fields.get('global')
  if (globalNode !== undefined) entry.global = allowPattern(r)(scalarText(r, globalNode, `${key}.global`, 'module.Name or module.*'), globalNode, `${key}.global`)
  const expiresNode = fields.get('expires')
  if (expiresNode !== undefined) {
    const text = scalarText(r, expiresNode, `${key}.expires`, 'a date YYYY-MM-DD')
    if (!isIsoDate(text)) fail(r, expiresNode, `${key}.expires: invalid value ${JSON.stringify(text)} (expected a date YYYY-MM-DD)`)
    entry.expires = text
  }
  return entry
}

const TOP_KEYS = ['fail-on', 'pickle-policy', 'allow-globals', 'exclude', 'lfs', ...LIMIT_SETTINGS.map((s) => s.name), 'suppress', 'baseline'] as const

/** Validates the parsed document into a PolicyFile. */
function readPolicy(r: Reader, root: YamlNode | null, dir: string): PolicyFile {
  const policy: PolicyFile = { path: r.file, dir, limits: {}, suppress: [] }
  if (root === null || (isScalar(root) && root.value === null)) return policy
  for (const [key, node] of pairs(r, root, '', TOP_KEYS)) {
    if (key === 'fail-on') policy.failOn = choice(r, node, key, FAIL_ON_VALUES)
    else if (key === 'pickle-policy') policy.picklePolicy = choice(r, node, key, PICKLE_POLICIES)
    else if (key === 'lfs') policy.lfs = choice(r, node, key, LFS_SETTINGS)
    else if (key === 'allow-globals') policy.allowGlobals = list(r, node, key, allowPattern(r))
    else if (key === 'exclude') policy.exclude = list(r, node, key, glob(r))
    else if (key === 'suppress') {
      if (!isSeq(node)) fail(r, node, `suppress: expected a list of {rule, paths, reason, global?, expires?}, found ${show(node)}`)
      policy.suppress = (node.items as YamlNode[]).map((item, i) => suppressEntry(r, item, `suppress[${i}]`))
    } else if (key === 'baseline') {
      const name = scalarText(r, node, key, 'a file name')
      if (name.trim() === '') fail(r, node, 'baseline: must not be empty')
      policy.baselineName = name
      policy.baseline = resolve(dir, name)
    } else {
      policy.limits[LIMIT_SETTINGS.find((s) => s.name === key)!.key] = limit(r, node, key)
    }
  }
  return policy
}

/** Parses and validates policy text; `path` names the file in messages, `dir` anchors its relative paths. */
export function parsePolicy(text: string, path: string, dir: string): PolicyFile {
  const lines = new LineCounter()
  const r: Reader = { file: path, lines }
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true, version: '1.2' })
  const problem = doc.errors[0] ?? doc.warnings[0]
  if (problem !== undefined) {
    if (problem.code === 'MULTIPLE_DOCS') throw new PolicyError(`${path}: more than one YAML document (---): a policy file is one mapping`)
    const line = problem.linePos?.[0]?.line
    throw new PolicyError(`${path}${line !== undefined ? `:${line}` : ''}: not valid YAML: ${problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`)
  }
  let alias: YamlNode | undefined
  const visit = (node: unknown): void => {
    if (isAlias(node)) alias ??= node as YamlNode
    else if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) visit(item)
    else if (node !== null && typeof node === 'object' && 'key' in node) {
      visit((node as Pair).key)
      visit((node as Pair).value)
    }
  }
  visit(doc.contents)
  // Aliases make one edit change many places; a policy is short enough to write out.
  if (alias !== undefined) fail(r, alias, 'aliases (*name) are not allowed in the policy file')
  return readPolicy(r, doc.contents as YamlNode | null, dir)
}

/** The bytes of a policy or baseline file; a read error is a PolicyError naming `what` (e.g. "the baseline x.json"). */
export async function readPolicyInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new PolicyError(`cannot read ${what}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
}

/** Reads and validates the policy file at `path` (relative to `cwd` unless absolute). */
export async function loadPolicy(path: string, cwd: string): Promise<PolicyFile> {
  const absolute = resolve(cwd, path)
  const data = await readPolicyInput(absolute, `the policy file ${path}`)
  if (data.length > MAX_POLICY_BYTES) throw new PolicyError(`${path}: the policy file is larger than 1 MiB`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    throw new PolicyError(`${path}: not valid UTF-8`)
  }
  return parsePolicy(text, path, dirname(absolute))
}

/** Whether `name` exists in `dir` (a link counts: loadPolicy then checks where it leads). */
async function exists(dir: string, name: string): Promise<boolean> {
  try {
    await lstat(join(dir, name))
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw new PolicyError(`cannot read the policy file ${name}: ${(err as Error).message}`)
  }
}

/**
 * The policy file to use: `explicit` when given (it must exist), else `.modelgate.yml` or
 * `.modelgate.yaml` in `dir` (both present is ambiguous: an error), else none. A file found
 * in `dir` must not lead outside it through a link: its text could end up in messages.
 */
export async function findPolicy(dir: string, explicit?: string): Promise<PolicyFile | undefined> {
  if (explicit !== undefined) return loadPolicy(explicit, dir)
  const present: string[] = []
  for (const name of POLICY_FILE_NAMES) if (await exists(dir, name)) present.push(name)
  if (present.length > 1) throw new PolicyError(`both ${present.join(' and ')} exist: keep one (or name it with --config)`)
  if (present.length === 0) return undefined
  await insideOnly(dir, present[0])
  return loadPolicy(present[0], dir)
}

/** Refuses a policy file (or baseline) named inside `dir` whose real path leaves it. */
export async function insideOnly(dir: string, name: string): Promise<void> {
  let real: string
  try {
    real = await realpath(resolve(dir, name))
  } catch {
    return // loading reports it
  }
  if (!isWithin(real, await realpath(dir))) throw new PolicyError(`${name} is a link to a file outside ${dir}: not read`)
}
