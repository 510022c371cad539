// Precedence: what the command line (or an explicit action input) says wins over the policy
// file, and the file over the defaults. Lists are replaced, not merged: a flag that names
// allow-globals says which globals are allowed for this run, whatever the file lists.
import type { FailOn, Limits, PicklePolicy } from '../scan/policy.js'
import type { LfsSetting, PolicyFile } from './file.js'

/** Settings as one source gives them: absent means "not said here". */
export interface GivenSettings {
  failOn?: FailOn
  picklePolicy?: PicklePolicy
  allowGlobals?: string[]
  exclude?: string[]
  lfs?: LfsSetting
  limits: Partial<Limits>
}

export interface Settings {
  failOn: FailOn
  picklePolicy: PicklePolicy
  allowGlobals: string[]
  /** Exclude globs and the folder they are relative to. */
  exclude: { patterns: string[]; base: string }
  lfs: LfsSetting
  /** Limits said by the flags or the file; the others keep the engine's defaults. */
  limits: Partial<Limits>
}

export interface Defaults {
  lfs: LfsSetting
  /** Folder the given exclude globs are relative to (the working directory, the repository root). */
  base: string
}

export function mergeSettings(given: GivenSettings, file: PolicyFile | undefined, defaults: Defaults): Settings {
  const exclude =
    given.exclude !== undefined
      ? { patterns: given.exclude, base: defaults.base }
      : { patterns: file?.exclude ?? [], base: file?.dir ?? defaults.base }
  return {
    failOn: given.failOn ?? file?.failOn ?? 'medium',
    picklePolicy: given.picklePolicy ?? file?.picklePolicy ?? 'block',
    allowGlobals: given.allowGlobals ?? file?.allowGlobals ?? [],
    exclude,
    lfs: given.lfs ?? file?.lfs ?? defaults.lfs,
    limits: { ...file?.limits, ...given.limits }
  }
}
