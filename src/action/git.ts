// The files git says changed between two commits. git is run with an argument array
// (never a shell), commit ids are checked to be hex before they reach the command line
// (so nothing can pass for an option), and names come back NUL-separated (-z), so
// newlines, quotes or `$(...)` in file names are just bytes.
import { execFile } from 'node:child_process'

export type GitRunner = (args: string[], cwd: string) => Promise<string>

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/

export const runGit: GitRunner = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 5 * 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args.join(' ')} failed: ${stderr.trim().split('\n')[0] || err.message}`))
      else resolve(stdout)
    })
  })

/**
 * Paths added, copied or modified from `base` to `head`, never deleted ones; renames count
 * as an added new path. `mergeBase` diffs from their merge base (`base...head`, what a pull
 * request shows); otherwise the two trees are compared (`base head`, what a push changed).
 */
export async function gitChangedFiles(git: GitRunner, cwd: string, base: string, head: string, mergeBase: boolean): Promise<string[]> {
  for (const sha of [base, head]) if (!SHA.test(sha)) throw new Error(`not a commit id: ${JSON.stringify(sha)}`)
  const range = mergeBase ? [`${base}...${head}`] : [base, head]
  const out = await git(['-c', 'core.quotePath=off', 'diff', '--no-ext-diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', ...range, '--'], cwd)
  return out.split('\0').filter((name) => name !== '')
}
