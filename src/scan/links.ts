// Symbolic links: resolved with realpath (the kernel bounds chains and loops: ELOOP) and
// followed only when the real target lies inside the workspace. Nothing outside it is opened.
import { lstat, realpath } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { relative } from 'node:path'
import { RULES, type Finding } from './findings.js'
import { describeError } from './errors.js'

/** The file to open for a path reached through a link, and what `lstat` saw there (checked again at open). */
export interface FileIdentity {
  path: string
  dev: number
  ino: number
}

export type LinkResolution =
  | { kind: 'resolved'; real: string; stats: Stats }
  /** Not followed: `finding` says why (outside the workspace, dangling, loop). */
  | { kind: 'unverified'; finding: Finding }

/** Is `path` (absolute, no links) `root` or under it? */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`)
}

/** The target as named in findings: relative to the workspace, `.` for the workspace itself. */
export function workspaceRelative(real: string, workspace: string): string {
  return relative(workspace, real) || '.'
}

export const linkedFileFinding = (target: string): Finding => ({
  rule: RULES.symlink,
  severity: 'info',
  message: `Symbolic link to ${target} (inside the workspace): scanned as its target.`
})

export const linkedDirectoryFinding = (target: string, followed: boolean): Finding => ({
  rule: RULES.symlink,
  severity: 'info',
  message: followed
    ? `Symbolic link to the directory ${target} (inside the workspace): followed, its files are listed under this path.`
    : `Symbolic link to the directory ${target} (inside the workspace): not followed here, its files are scanned where they lie in the tree.`
})

export const unverifiedLinkFinding = (why: string): Finding => ({
  rule: RULES.symlinkOutside,
  severity: 'medium',
  message: `Symbolic link ${why}: not followed and not scanned, so what a loader would read here is not known to be safe.`
})

function unresolvable(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'whose target does not exist (dangling)'
    case 'ELOOP':
      return 'that cannot be resolved (a loop, or too long a chain of links)'
    default:
      return `that cannot be resolved (${describeError(err)})`
  }
}

/** Resolves the link at `path` against `workspace` (a real path). Never throws. */
export async function resolveLink(path: string, workspace: string): Promise<LinkResolution> {
  let real: string
  try {
    real = await realpath(path)
  } catch (err) {
    return { kind: 'unverified', finding: unverifiedLinkFinding(unresolvable(err)) }
  }
  if (!isWithin(real, workspace)) return { kind: 'unverified', finding: unverifiedLinkFinding(`leading outside the workspace (to ${real})`) }
  try {
    const stats = await lstat(real)
    // `real` has no links in it; one appearing now was swapped in after realpath.
    if (stats.isSymbolicLink()) return { kind: 'unverified', finding: unverifiedLinkFinding('whose target changed while it was resolved') }
    return { kind: 'resolved', real, stats }
  } catch (err) {
    return { kind: 'unverified', finding: unverifiedLinkFinding(unresolvable(err)) }
  }
}
