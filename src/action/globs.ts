// `paths` / `exclude` globs over repository-relative paths. The same matcher serves the
// changed-file list (paths only, no filesystem) and the workspace walk, so both scopes
// select exactly the same files. Semantics follow @actions/glob: patterns are anchored
// at the workspace root, `*`/`?`/`[...]` stay within a segment, `**` spans segments,
// `{a,b}` alternates, hidden files match, and a pattern naming a directory matches
// everything under it.

export class GlobError extends Error {}

function segmentSource(segment: string): string {
  let out = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]
    if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2)
      if (close < 0) {
        out += '\\['
        continue
      }
      let body = segment.slice(i + 1, close)
      const negate = body.startsWith('!') || body.startsWith('^')
      if (negate) body = body.slice(1)
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`
      i = close
    } else if (c === '{') {
      const close = segment.indexOf('}', i)
      if (close < 0) {
        out += '\\{'
        continue
      }
      out += `(?:${segment
        .slice(i + 1, close)
        .split(',')
        .map(segmentSource)
        .join('|')})`
      i = close
    } else out += c.replace(/[.+^$|()\\{}]/g, '\\$&')
  }
  return out
}

/** Compiles one pattern; throws GlobError for patterns that could never match a repository path. */
export function compileGlob(pattern: string): RegExp {
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '')
  if (trimmed === '' || trimmed.startsWith('/')) throw new GlobError(`${JSON.stringify(pattern)} must be relative to the repository root`)
  const segments = trimmed.split('/')
  if (segments.includes('..')) throw new GlobError(`${JSON.stringify(pattern)} must not contain '..'`)
  let source = ''
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1
    if (segment === '**') source += last ? '.*' : '(?:[^/]*/)*'
    else source += segmentSource(segment) + (last ? '' : '/')
  })
  // `(?:/.*)?`: a pattern that names a directory selects what is under it.
  return new RegExp(`^${source}(?:/.*)?$`, 's')
}

/** A predicate over repository-relative paths: matches one of `include` and none of `exclude`. */
export function pathFilter(include: readonly string[], exclude: readonly string[]): (path: string) => boolean {
  const inc = include.map(compileGlob)
  const exc = exclude.map(compileGlob)
  return (path) => inc.some((re) => re.test(path)) && !exc.some((re) => re.test(path))
}
