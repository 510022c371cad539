// Which files a scan covers: the given files, and every entry under the given directories.
// Symbolic links are followed only to targets inside the workspace (links.ts), and what they
// lead to is reported under the link's path; `.git/` is skipped; FIFOs, sockets and devices
// are listed, never opened.
import { lstat, readdir, realpath } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { resolve } from 'node:path'
import type { Finding } from './findings.js'
import { describeError } from './errors.js'
import { isWithin, linkedDirectoryFinding, linkedFileFinding, resolveLink, workspaceRelative, type FileIdentity } from './links.js'

/** Each candidate's `path` is the path as given, joined with the sub-path found under a directory. */
export type Candidate =
  /** `via`: reached through a symbolic link; open `via.target`, and report `via.finding` too. */
  | { path: string; kind: 'file'; via?: { target: FileIdentity; finding: Finding } }
  | { path: string; kind: 'special' }
  | { path: string; kind: 'unreadable'; error: string }
  /** A link reported, not read: `finding` says why. */
  | { path: string; kind: 'link'; finding: Finding }

/** A path given by the user that does not exist: a usage error, not a finding. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`)
  }
}

const SKIPPED_DIRECTORIES = new Set(['.git'])

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`
}

interface Walk {
  /** Real path of the workspace: links are followed only to targets under it. */
  workspace: string
  /** Real directories whose files are listed anyway (given directories, followed links): links into them are not followed. */
  covered: string[]
  out: Candidate[]
  /** Paths (as reported) the policy excludes: neither listed nor, for directories, entered. */
  exclude: (path: string) => boolean
}

/**
 * Lists the entry `path`. `real`: its real path when `path` was reached through a link
 * (then everything is read at `real` and reported under `path`).
 */
async function add(walk: Walk, path: string, stats: Stats, real?: string): Promise<void> {
  if (stats.isSymbolicLink()) return addLink(walk, path, real ?? path)
  if (stats.isDirectory()) return listDirectory(walk, path, real)
  if (!stats.isFile()) walk.out.push({ path, kind: 'special' })
  else if (real === undefined) walk.out.push({ path, kind: 'file' })
  else {
    const target = { path: real, dev: stats.dev, ino: stats.ino }
    walk.out.push({ path, kind: 'file', via: { target, finding: linkedFileFinding(workspaceRelative(real, walk.workspace)) } })
  }
}

async function listDirectory(walk: Walk, path: string, real?: string): Promise<void> {
  const at = real ?? path
  let names: string[]
  try {
    names = (await readdir(at)).sort()
  } catch (err) {
    walk.out.push({ path, kind: 'unreadable', error: describeError(err) })
    return
  }
  for (const name of names) {
    const child = joinPath(path, name)
    if (walk.exclude(child)) continue
    const childReal = real === undefined ? undefined : joinPath(real, name)
    let stats: Stats
    try {
      stats = await lstat(childReal ?? child)
    } catch (err) {
      walk.out.push({ path: child, kind: 'unreadable', error: describeError(err) })
      continue
    }
    if (!(stats.isDirectory() && SKIPPED_DIRECTORIES.has(name))) await add(walk, child, stats, childReal)
  }
}

/** The link at `path` (read at `at`): its target if it lies inside the workspace, else a finding. */
async function addLink(walk: Walk, path: string, at: string): Promise<void> {
  const resolved = await resolveLink(at, walk.workspace)
  if (resolved.kind === 'unverified') {
    walk.out.push({ path, kind: 'link', finding: resolved.finding })
    return
  }
  const { real, stats } = resolved
  if (!stats.isDirectory()) return add(walk, path, stats, real)
  // A directory already listed elsewhere is not listed again: this also bounds link cycles.
  const target = workspaceRelative(real, walk.workspace)
  const covered = walk.covered.some((root) => isWithin(real, root))
  walk.out.push({ path, kind: 'link', finding: linkedDirectoryFinding(target, !covered) })
  if (covered) return
  walk.covered.push(real)
  await listDirectory(walk, path, real)
}

/**
 * A given path is treated as a link when it is one, or when it lies in the workspace but a
 * directory on it is a link (its real path differs). Other paths, even outside the workspace,
 * are the user's explicit choice and are read where they are.
 */
async function isLinked(path: string, stats: Stats, workspaces: readonly string[]): Promise<boolean> {
  if (stats.isSymbolicLink()) return true
  const absolute = resolve(path)
  if (!workspaces.some((w) => isWithin(absolute, w))) return false
  try {
    return (await realpath(path)) !== absolute
  } catch {
    return true // resolved (and reported) as a link
  }
}

type Given = { path: string; stats: Stats; linked: boolean } | { path: string; error: string }

/**
 * Expands `paths` into candidates, in the order given (directories sorted by name), each path
 * once, leaving out what `exclude` names. Links are followed only to targets inside `workspace`.
 */
export async function selectFiles(paths: readonly string[], workspace: string, exclude: (path: string) => boolean = () => false): Promise<Candidate[]> {
  const walk: Walk = { workspace: await realpath(workspace), covered: [], out: [], exclude }
  // Every given directory is in `covered` before anything is listed: links into them are not followed.
  const given: Given[] = []
  for (const path of paths) {
    if (exclude(path)) continue
    try {
      const stats = await lstat(path)
      const linked = await isLinked(path, stats, [walk.workspace, resolve(workspace)])
      if (stats.isDirectory() && !linked) walk.covered.push(await realpath(path))
      given.push({ path, stats, linked })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingPathError(path)
      given.push({ path, error: describeError(err) })
    }
  }
  for (const g of given) {
    if ('error' in g) walk.out.push({ path: g.path, kind: 'unreadable', error: g.error })
    else if (g.linked) await addLink(walk, g.path, g.path)
    else await add(walk, g.path, g.stats)
  }
  const seen = new Set<string>()
  return walk.out.filter((c) => !seen.has(c.path) && seen.add(c.path))
}
