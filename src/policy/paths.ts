// Report paths as the policy file sees them: relative to its folder, with `/` separators.
// Local report paths are as given on the command line (relative to the working directory,
// or absolute) or repository-relative (the action); remote ones (`hf://…`, `https://…`)
// have no folder and are matched as reported.
import { isAbsolute, relative, resolve, sep } from 'node:path'

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * The path `suppress[].paths`, `exclude` and baseline fingerprints use for a report path:
 * relative to `base` (the policy file's folder), or as reported for a remote file, or null
 * for a local file outside `base` (no policy glob can name it).
 */
export function policyPath(reportPath: string, base: string, cwd: string): string | null {
  if (REMOTE.test(reportPath)) return reportPath
  const rel = relative(base, resolve(cwd, reportPath))
  if (rel === '') return '.'
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null
  return sep === '/' ? rel : rel.split(sep).join('/')
}
