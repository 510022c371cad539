// From a selection to the files the engine reads. Only regular files inside the workspace
// are read: the engine itself never follows a symlink at the file, and here a changed path
// with a linked directory on it (leading outside the workspace or not) is listed, not read.
// A changed file that is missing from the checkout is listed as a finding (fail closed), not
// silently dropped.
import { lstat, realpath } from 'node:fs/promises'
import { dirname } from 'node:path'
import { RULES, type FileReport, type Finding } from '../scan/findings.js'
import { selectFiles } from '../scan/select.js'
import type { Selection } from './changed-files.js'

export interface Targets {
  /** Absolute path of the workspace with symlinks resolved; `scan` paths live under it. */
  root: string
  /** Absolute paths for the engine. */
  scan: string[]
  /** Files reported without being read (repository-relative paths). */
  listed: FileReport[]
}

export const NOT_IN_CHECKOUT = 'scan/not-in-checkout'

const listedFile = (path: string, finding: Finding): FileReport => ({ path, format: 'other', size: 0, findings: [finding] })

const notInCheckout = (path: string): FileReport =>
  listedFile(path, {
    rule: NOT_IN_CHECKOUT,
    severity: 'high',
    message:
      'Changed, but missing from the checked-out workspace: not scanned, so it is not known to be safe. Check out the pull request (actions/checkout with its defaults) before this step.'
  })

const linkedDirectory = (path: string, outside: boolean): FileReport =>
  listedFile(path, {
    rule: RULES.symlinkOutside,
    severity: 'info',
    message: outside
      ? 'A directory on this path is a symbolic link leading outside the workspace: not followed and not scanned.'
      : 'A directory on this path is a symbolic link: not followed and not scanned (git never stores files behind a link; scan the path it points to).'
  })

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
      // `root` has no links in it, so any difference is a linked directory on the path.
      const parent = await realpath(dirname(absolute))
      if (parent !== dirname(absolute)) {
        targets.listed.push(linkedDirectory(path, parent !== root && !parent.startsWith(`${root}/`)))
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
  // The engine's walk lists symlinks without following them and skips .git/.
  const candidates = await selectFiles([root], root)
  return { root, scan: candidates.map((c) => c.path).filter((p) => keep(p.slice(root.length + 1))), listed: [] }
}
