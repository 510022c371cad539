// Policy: what blocks, how pickle data is judged, which user globals are allowed.
import { SEVERITIES, severityRank, type Severity } from './findings.js'

export const FAIL_ON_VALUES = [...SEVERITIES.filter((s) => s !== 'info'), 'never'] as const
export type FailOn = (typeof FAIL_ON_VALUES)[number]

export const PICKLE_POLICIES = ['block', 'allow-safe'] as const
export type PicklePolicy = (typeof PICKLE_POLICIES)[number]

/**
 * Bounds on the work one file can cause. Reaching any of them is a `scan/incomplete` (high)
 * finding naming the limit, never a silent pass. User values are parsed in limits.ts.
 */
export interface Limits {
  /** Containers in containers and nested deserializers, counted from the file (0). */
  maxDepth: number
  /** Opcodes decoded per pickle stream before `scan/incomplete`. */
  maxOpcodes: number
  /** Bytes inflated per archive member or compressed stream before `scan/incomplete`. */
  maxDecompressedBytes: number
  /** Wall-clock time per file (budget.ts); the scan keeps what it found before the stop. */
  timeBudgetMs: number
}

export interface ScanOptions {
  failOn: FailOn
  picklePolicy: PicklePolicy
  /** User allow patterns: exact `module.qualname` or `prefix.*`. */
  allowGlobals: string[]
  /** Files scanned at once. */
  concurrency: number
  limits: Limits
  /** Symbolic links are followed only to targets under this directory (the CLI's working directory, the action's workspace). */
  workspace: string
  /** Report paths the policy file excludes: named or found, they are not scanned. */
  exclude?: (path: string) => boolean
}

/**
 * Defaults: deep enough for every real layout (a torch zip in a zip, an object array's pickle
 * in an .npz, one nested `pickle.loads`), and large enough that a multi-GB checkpoint finishes
 * (its pickle streams run ~10^7 opcodes; members of real archives inflate to under 4 GiB),
 * while a crafted file costs at most about a minute of CPU and bounded memory.
 */
export const DEFAULT_LIMITS: Limits = {
  maxDepth: 3,
  maxOpcodes: 50_000_000,
  maxDecompressedBytes: 4 * 1024 ** 3,
  timeBudgetMs: 60_000
}

/** Overrides for `defaultScanOptions`; limits not given keep their defaults. */
export type ScanOptionOverrides = Partial<Omit<ScanOptions, 'limits'>> & { limits?: Partial<Limits> }

export function defaultScanOptions(overrides: ScanOptionOverrides = {}): ScanOptions {
  return {
    failOn: 'medium',
    picklePolicy: 'block',
    allowGlobals: [],
    concurrency: 8,
    workspace: process.cwd(),
    ...overrides,
    limits: { ...DEFAULT_LIMITS, ...overrides.limits }
  }
}

/** True when a finding of `severity` reaches the fail-on threshold. */
export function blocks(severity: Severity | null, failOn: FailOn): boolean {
  if (severity === null || failOn === 'never') return false
  return severityRank(severity) >= severityRank(failOn)
}

const PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\.\*)?$/

/** Throws a one-line reason when a user allow pattern is not `a.b.C` or `a.b.*`. */
export function validateAllowPattern(pattern: string): string {
  if (!PATTERN.test(pattern)) {
    throw new Error(`invalid allow-global pattern ${JSON.stringify(pattern)}: expected module.qualname or module.* (e.g. sklearn.*)`)
  }
  return pattern
}

/** Does `global` (resolved `module.qualname`) match one of the user's allow patterns? */
export function matchesAllowPattern(global: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('.*') ? global.startsWith(p.slice(0, -1)) : global === p))
}
