// Which files a scan covers: the given files, and every entry under the given directories.
// Symlinks are never followed (they are listed, not read); `.git/` is skipped;
// FIFOs, sockets and devices are listed, never opened.
import { lstat, readdir } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { describeError } from './errors.js'

export type CandidateKind = 'file' | 'symlink' | 'special' | 'unreadable'

export interface Candidate {
  /** The path as given, joined with the sub-path found under a directory. */
  path: string
  kind: CandidateKind
  /** For 'unreadable': the system error (code and message). */
  error?: string
}

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

function kindOf(stats: Stats): CandidateKind | 'directory' {
  if (stats.isSymbolicLink()) return 'symlink'
  if (stats.isDirectory()) return 'directory'
  if (stats.isFile()) return 'file'
  return 'special'
}

async function walk(path: string, out: Candidate[]): Promise<void> {
  let names: string[]
  try {
    names = (await readdir(path)).sort()
  } catch (err) {
    out.push({ path, kind: 'unreadable', error: describeError(err) })
    return
  }
  for (const name of names) {
    const child = joinPath(path, name)
    let stats: Stats
    try {
      stats = await lstat(child)
    } catch (err) {
      out.push({ path: child, kind: 'unreadable', error: describeError(err) })
      continue
    }
    const kind = kindOf(stats)
    if (kind === 'directory') {
      if (!SKIPPED_DIRECTORIES.has(name)) await walk(child, out)
    } else {
      out.push({ path: child, kind })
    }
  }
}

/** Expands `paths` into candidates, in the order given (directories sorted by name), each path once. */
export async function selectFiles(paths: readonly string[]): Promise<Candidate[]> {
  const out: Candidate[] = []
  for (const path of paths) {
    let stats: Stats
    try {
      stats = await lstat(path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingPathError(path)
      out.push({ path, kind: 'unreadable', error: describeError(err) })
      continue
    }
    const kind = kindOf(stats)
    if (kind === 'directory') await walk(path, out)
    else out.push({ path, kind })
  }
  const seen = new Set<string>()
  return out.filter((c) => !seen.has(c.path) && seen.add(c.path))
}
