// `paths` / `exclude` / suppression globs over repository-relative paths (action inputs, policy file), matched with minimatch (the
// matcher behind @actions/glob). The same predicate serves the changed-file list (paths
// only, no filesystem) and the workspace walk, so both scopes select exactly the same
// files. As in @actions/glob: hidden files match, and a pattern naming a directory
// matches everything under it.
import { Minimatch } from 'minimatch'

export class GlobError extends Error {}

export interface Glob {
  test(path: string): boolean
}

const OPTIONS = { dot: true, nocomment: true, nonegate: true, optimizationLevel: 1 }

/** Compiles one pattern; throws GlobError for patterns that could never match a repository path. */
export function compileGlob(pattern: string): Glob {
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '')
  if (trimmed === '' || trimmed.startsWith('/')) throw new GlobError(`${JSON.stringify(pattern)} must be relative to the repository root`)
  if (trimmed.split('/').includes('..')) throw new GlobError(`${JSON.stringify(pattern)} must not contain '..'`)
  const self = new Minimatch(trimmed, OPTIONS)
  const descendants = new Minimatch(`${trimmed}/**`, OPTIONS)
  return { test: (path) => self.match(path) || descendants.match(path) }
}

/** A predicate over repository-relative paths: matches one of `include` and none of `exclude`. */
export function pathFilter(include: readonly string[], exclude: readonly string[]): (path: string) => boolean {
  const inc = include.map(compileGlob)
  const exc = exclude.map(compileGlob)
  return (path) => inc.some((g) => g.test(path)) && !exc.some((g) => g.test(path))
}
