// The limits as users set them: one table for the CLI flags (`--max-depth 5`) and the action
// inputs (`max-depth: 5`), so both take the same names and units and refuse the same values.
// Parsing is strict (digits and one unit, nothing else): a typo must not become a silent default.
import type { Limits } from './policy.js'

export interface LimitSetting {
  /** Flag without `--`, and action input name. */
  name: string
  key: keyof Limits
  /** What a valid value looks like, for the one-line error. */
  expected: string
  /** The value in the engine's unit, or undefined when the text is not valid. */
  parse(text: string): number | undefined
  /** A limit value as users write it (help, docs). */
  show(value: number): string
}

/** Each level of nesting may buffer a member of up to 64 MiB for random access: 16 levels bound that to 1 GiB. */
export const MAX_DEPTH_CEILING = 16
/** A day: past that a budget is no bound at all. */
const MAX_SECONDS = 86_400

const UNITS: Record<string, number> = { '': 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 }

function integer(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined
  const n = Number(text)
  return n >= min && n <= max ? n : undefined
}

function bytes(text: string): number | undefined {
  const m = /^(\d{1,16})(KiB|MiB|GiB|TiB)?$/.exec(text)
  if (m === null) return undefined
  const n = Number(m[1]) * UNITS[m[2] ?? '']
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined
}

function showBytes(n: number): string {
  for (const unit of ['TiB', 'GiB', 'MiB', 'KiB']) if (n % UNITS[unit] === 0) return `${n / UNITS[unit]}${unit}`
  return String(n)
}

function seconds(text: string): number | undefined {
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(text)) return undefined
  const s = Number(text)
  return s > 0 && s <= MAX_SECONDS ? Math.round(s * 1000 * 1000) / 1000 : undefined
}

export const LIMIT_SETTINGS: readonly LimitSetting[] = [
  {
    name: 'max-depth',
    key: 'maxDepth',
    expected: `an integer from 0 to ${MAX_DEPTH_CEILING}`,
    parse: (t) => integer(t, 0, MAX_DEPTH_CEILING),
    show: String
  },
  {
    name: 'max-opcodes',
    key: 'maxOpcodes',
    expected: 'a positive integer',
    parse: (t) => integer(t, 1, Number.MAX_SAFE_INTEGER),
    show: String
  },
  {
    name: 'max-decompressed-bytes',
    key: 'maxDecompressedBytes',
    expected: 'a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB)',
    parse: bytes,
    show: showBytes
  },
  {
    name: 'time-budget',
    key: 'timeBudgetMs',
    expected: `seconds, more than 0 and at most ${MAX_SECONDS} (e.g. 60 or 0.5)`,
    parse: seconds,
    show: (ms) => String(ms / 1000)
  }
]

export function limitSetting(name: string): LimitSetting | undefined {
  return LIMIT_SETTINGS.find((s) => s.name === name)
}
