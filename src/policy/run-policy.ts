// What one run takes from the policy file: the file itself, its baseline, the exclude
// predicate and the suppressions, with report paths mapped to the file's folder.
import { compileGlob } from '../action/globs.js'
import type { FileReport } from '../scan/findings.js'
import { findPolicy, insideOnly, type PolicyFile } from './file.js'
import { loadBaseline, type Baseline } from './baseline.js'
import { policyPath } from './paths.js'
import { applySuppressions, todayUtc } from './suppress.js'
import type { Settings } from './settings.js'

export interface RunPolicy {
  file?: PolicyFile
  baseline?: Baseline
  /** Folder policy paths are relative to: the file's, else `cwd`. */
  base: string
  cwd: string
}

/**
 * Finds and reads the policy file (and its baseline). `confined`: the file and baseline must
 * lie inside `cwd` (the action's workspace, whose content a pull request controls).
 */
export async function loadRunPolicy(cwd: string, explicit: string | undefined, confined: boolean): Promise<RunPolicy> {
  if (confined && explicit !== undefined) await insideOnly(cwd, explicit)
  const file = await findPolicy(cwd, explicit)
  let baseline: Baseline | undefined
  if (file?.baseline !== undefined) {
    if (confined) await insideOnly(cwd, file.baseline)
    baseline = await loadBaseline(file.baseline, file.baselineName!)
  }
  return { file, baseline, base: file?.dir ?? cwd, cwd }
}

/** Maps a report path to the policy's folder (null: outside it). */
export function pathMapper(policy: RunPolicy): (reportPath: string) => string | null {
  return (reportPath) => policyPath(reportPath, policy.base, policy.cwd)
}

/** A predicate over report paths: true for paths an exclude glob names; counts what it excluded. */
export function excludeFilter(exclude: Settings['exclude'], cwd: string): { test: (reportPath: string) => boolean; excluded: () => number } {
  const globs = exclude.patterns.map(compileGlob)
  let count = 0
  return {
    test: (reportPath) => {
      if (globs.length === 0) return false
      const path = policyPath(reportPath, exclude.base, cwd)
      const hit = path !== null && globs.some((g) => g.test(path))
      if (hit) count++
      return hit
    },
    excluded: () => count
  }
}

/** The scan results with the policy's suppressions and baseline applied. */
export function suppress(files: FileReport[], policy: RunPolicy, today = todayUtc()): FileReport[] {
  return applySuppressions(files, { by: policy.file?.path ?? '', entries: policy.file?.suppress ?? [], baseline: policy.baseline, pathOf: pathMapper(policy), today })
}
