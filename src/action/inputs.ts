// Action inputs -> validated settings. A bad value fails with one line naming the input.
import * as core from '@actions/core'
import { FAIL_ON_VALUES, PICKLE_POLICIES, validateAllowPattern, type FailOn, type Limits, type PicklePolicy } from '../scan/policy.js'
import { LIMIT_SETTINGS } from '../scan/limits.js'
import { compileGlob } from './globs.js'
import { LFS_SETTINGS, type LfsSetting } from '../policy/file.js'

export const SCOPES = ['changed', 'all'] as const
export const CHECK_RUN_MODES = ['auto', 'true', 'false'] as const
/** Distinct from the usual job name (`modelgate`): a required status check must name one thing. */
export const DEFAULT_CHECK_NAME = 'modelgate findings'

/**
 * Settings inputs left empty (action.yml gives them no default) are absent: the policy file
 * decides, else the engine's defaults. Explicit inputs win over the policy file.
 */
export interface ActionInputs {
  paths: string[]
  exclude?: string[]
  scope: (typeof SCOPES)[number]
  failOn?: FailOn
  picklePolicy?: PicklePolicy
  allowGlobals?: string[]
  checkRun: (typeof CHECK_RUN_MODES)[number]
  checkName: string
  sarifFile: string
  reportFile: string
  token: string
  /** Whether LFS pointers are resolved: `auto` = when a token is set. */
  lfs?: LfsSetting
  /** Limits given; the others come from the policy file or the engine's defaults. */
  limits: Partial<Limits>
  /** The policy file, relative to the workspace (default: .modelgate.yml or .modelgate.yaml there). */
  config?: string
}

export class InputError extends Error {}

/** Non-empty lines, trimmed; `#` starts a comment line. */
function lines(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  return optionalChoice(name, allowed) ?? fallback
}

/** The input's value when given, checked against `allowed`; undefined when empty. */
function optionalChoice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const value = core.getInput(name).trim()
  if (value === '') return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`input '${name}' is ${JSON.stringify(value)}; expected one of: ${allowed.join(', ')}`)
  }
  return value as T
}

function globs(name: string): string[] {
  return lines(name).map((pattern) => {
    if (pattern.startsWith('!')) throw new InputError(`input '${name}': ${JSON.stringify(pattern)} is a negated glob; list it under 'exclude' instead`)
    try {
      compileGlob(pattern)
    } catch (err) {
      throw new InputError(`input '${name}': ${(err as Error).message}`)
    }
    return pattern
  })
}

function limits(): Partial<Limits> {
  const out: Partial<Limits> = {}
  for (const setting of LIMIT_SETTINGS) {
    const text = core.getInput(setting.name).trim()
    if (text === '') continue
    const value = setting.parse(text)
    if (value === undefined) throw new InputError(`input '${setting.name}' is ${JSON.stringify(text)}; expected ${setting.expected}`)
    out[setting.key] = value
  }
  return out
}

/** A list input: undefined when empty (not said), so that the policy file's list applies. */
const given = (list: string[]): string[] | undefined => (list.length > 0 ? list : undefined)

export function readInputs(): ActionInputs {
  const allowGlobals = lines('allow-globals').map((pattern) => {
    try {
      return validateAllowPattern(pattern)
    } catch (err) {
      throw new InputError(`input 'allow-globals': ${(err as Error).message}`)
    }
  })
  const paths = globs('paths')
  const config = core.getInput('config').trim()
  return {
    paths: paths.length > 0 ? paths : ['**'],
    exclude: given(globs('exclude')),
    scope: choice('scope', SCOPES, 'changed'),
    failOn: optionalChoice('fail-on', FAIL_ON_VALUES),
    picklePolicy: optionalChoice('pickle-policy', PICKLE_POLICIES),
    allowGlobals: given(allowGlobals),
    checkRun: choice('check-run', CHECK_RUN_MODES, 'auto'),
    checkName: core.getInput('check-name').trim() || DEFAULT_CHECK_NAME,
    sarifFile: core.getInput('sarif-file').trim(),
    reportFile: core.getInput('report-file').trim(),
    token: core.getInput('token').trim(),
    lfs: optionalChoice('lfs', LFS_SETTINGS),
    limits: limits(),
    config: config !== '' ? config : undefined
  }
}
