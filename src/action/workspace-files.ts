// The workspace files matching the `paths` globs minus `exclude`, never through symlinks.
import * as glob from '@actions/glob'
import { relative, sep } from 'node:path'

export async function workspaceFiles(workspace: string, paths: string[], exclude: string[]): Promise<string[]> {
  const patterns = [...paths, ...exclude.map((p) => `!${p}`)].map((p) => (p.startsWith('!') ? `!${workspace}/${p.slice(1)}` : `${workspace}/${p}`))
  const globber = await glob.create(patterns.join('\n'), {
    followSymbolicLinks: false,
    matchDirectories: false,
    implicitDescendants: true,
    omitBrokenSymbolicLinks: false
  })
  const files = await globber.glob()
  return files
    .map((f) => relative(workspace, f).split(sep).join('/'))
    .filter((f) => f !== '' && !f.startsWith('..') && f !== '.git' && !f.startsWith('.git/'))
    .sort()
}
