// From a selection to the files the engine reads. Links are selected by their own names and
// resolved by the engine, which follows them only inside the workspace; here a changed path
// with a linked directory on it leading outside the workspace is listed, never touched.
// A changed file that is missing from the checkout is listed as a finding (fail closed), not
// silently dropped.
import { lstat, realpath } from 'node:fs/promises'
import { dirname } from 'node:path'
import { RULES, type FileReport, type Finding } from '../scan/findings.js'
import { selectFiles } from '../scan/select.js'
import { isWithin, unverifiedLinkFinding } from '../scan/links.js'
import type { Selection } from './changed-files.js'

export interface Targets {
  /** Absolute path of the workspace with symlinks resolved; `scan` paths live under it. */
  root: string
  /** Absolute paths for the engine. */
  scan: string[]
  /** Files reported without being read (repository-relative paths). */
  listed: FileReport[]
}

export const NOT_IN_CHECKOUT = RULES.notInCheckout

const listedFile = (path: string, finding: Finding): FileReport => ({ path, format: 'other', size: 0, findings: [finding] })

const notInCheckout = (path: string): FileReport =>
  listedFile(path, {
    rule: NOT_IN_CHECKOUT,
    severity: 'high',
    message:
      'Changed, but missing from the checked-out workspace: not scanned, so it is not known to be safe. Check out the pull request (actions/checkout with its defaults) before this step.'
  })

const linkedOutside = (path: string, parent: string): FileReport =>
  listedFile(path, unverifiedLinkFinding(`on this path (a directory) leading outside the workspace (to ${parent})`))

const isCode = (err: unknown, code: string) => (err as NodeJS.ErrnoException).code === code

async function changedTargets(root: string, paths: readonly string[], keep: (path: string) => boolean): Promise<Targets> {
  const targets: Targets = { root, scan: [], listed: [] }
  for (const path of [...new Set(paths)].filter(keep)) {
    // Paths from git and the API are clean repository paths; anything else is never opened.
    if (path.startsWith('/') || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      targets.listed.push(notInCheckout(path))
      continue
    }
    const absolute = `${root}/${path}`
    try {
      // `root` has no links in it, so a parent outside it is reached through a linked directory.
      // One inside it is resolved by the engine like any link.
      const parent = await realpath(dirname(absolute))
      if (!isWithin(parent, root)) {
        targets.listed.push(linkedOutside(path, parent))
        continue
      }
      // A changed directory is a submodule (gitlink): its files belong to another repository.
      if ((await lstat(absolute)).isDirectory()) continue
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) {
        targets.listed.push(notInCheckout(path))
        continue
      }
      throw err
    }
    targets.scan.push(absolute)
  }
  return targets
}

export async function resolveTargets(workspace: string, selection: Selection, keep: (path: string) => boolean): Promise<Targets> {
  const root = await realpath(workspace)
  if (selection.kind === 'changed') return changedTargets(root, selection.paths, keep)
  // The engine's walk of the whole workspace skips .git/ and selects links by their own names.
  // Links it does not read (leading outside, dangling, directories listed where they lie) are
  // listed as it reported them; links to files are handed back to it.
  const targets: Targets = { root, scan: [], listed: [] }
  for (const candidate of await selectFiles([root], root)) {
    const path = candidate.path.slice(root.length + 1)
    if (!keep(path)) continue
    if (candidate.kind === 'link') targets.listed.push(listedFile(path, candidate.finding))
    else targets.scan.push(candidate.path)
  }
  return targets
}
