// Which files to scan for this event: the files a pull request or push changed, or the
// whole workspace. Every fallback widens the selection (never narrows it) and says why,
// so a failure to list changes can cost time but never lets a changed file through unscanned.
import type * as github from '@actions/github'
import { gitChangedFiles, type GitRunner } from './git.js'

export type Octokit = ReturnType<typeof github.getOctokit>

export type Selection = { kind: 'changed'; paths: string[] } | { kind: 'all' }

export interface SelectionResult {
  selection: Selection
  /** What was scanned, for the summary (plain text). */
  scope: string
  /** Fallbacks taken and why (plain text). */
  notes: string[]
}

export interface EventContext {
  eventName: string
  sha: string
  repo: { owner: string; repo: string }
  // The webhook payload, loosely typed as @actions/github types it.
  payload: Record<string, any>
}

export interface SelectionDeps {
  /** null when the `token` input is empty. */
  octokit: Octokit | null
  git: GitRunner
  workspace: string
}

/** `pulls.listFiles` returns at most this many files, however many the PR changes. */
export const PR_FILES_API_CAP = 3000
/** The compare API lists at most this many files. */
export const COMPARE_FILES_API_CAP = 300

const ZERO_SHA = /^0+$/

function describeError(err: unknown): string {
  const status = (err as { status?: unknown }).status
  const message = err instanceof Error ? err.message : String(err)
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : message
}

async function viaGit(deps: SelectionDeps, base: string, head: string, mergeBase: boolean, scope: string, notes: string[]): Promise<SelectionResult> {
  try {
    return { selection: { kind: 'changed', paths: await gitChangedFiles(deps.git, deps.workspace, base, head, mergeBase) }, scope, notes }
  } catch (err) {
    notes.push(
      `Listing the changed files with git failed (${describeError(err)}), so the whole workspace was scanned instead. ` +
        'Check out with fetch-depth: 0 to scan only the changed files.'
    )
    return { selection: { kind: 'all' }, scope: 'Whole workspace (fallback)', notes }
  }
}

async function pullRequest(ctx: EventContext, deps: SelectionDeps): Promise<SelectionResult> {
  const pr = ctx.payload.pull_request
  const base: string = pr.base.sha
  const head: string = pr.head.sha
  const scope = `Files changed by pull request #${pr.number}`
  const notes: string[] = []
  const overCap = (n: number) =>
    `The pull request changes ${n} files or more; the GitHub API lists only the first ${PR_FILES_API_CAP}, so the changed files come from git diff.`

  if (typeof pr.changed_files === 'number' && pr.changed_files > PR_FILES_API_CAP) {
    notes.push(overCap(pr.changed_files))
    return viaGit(deps, base, head, true, scope, notes)
  }
  if (deps.octokit === null) {
    notes.push("Input 'token' is empty, so the pull request's files come from git diff.")
    return viaGit(deps, base, head, true, scope, notes)
  }
  let files: { filename: string; status: string }[]
  try {
    files = await deps.octokit.paginate(deps.octokit.rest.pulls.listFiles, { ...ctx.repo, pull_number: pr.number, per_page: 100 })
  } catch (err) {
    const hint = [401, 403, 404].includes((err as { status?: number }).status ?? 0) ? ' The token needs pull-requests: read.' : ''
    notes.push(`Listing the pull request's files through the API failed (${describeError(err)}), so they come from git diff.${hint}`)
    return viaGit(deps, base, head, true, scope, notes)
  }
  if (files.length >= PR_FILES_API_CAP) {
    notes.push(overCap(files.length))
    return viaGit(deps, base, head, true, scope, notes)
  }
  // Removed files are gone from the head; a renamed file is scanned at its new name.
  return { selection: { kind: 'changed', paths: files.filter((f) => f.status !== 'removed').map((f) => f.filename) }, scope, notes }
}

async function push(ctx: EventContext, deps: SelectionDeps): Promise<SelectionResult> {
  const { before, after, created, deleted } = ctx.payload as { before: string; after: string; created?: boolean; deleted?: boolean }
  const scope = `Files changed by the push ${String(before).slice(0, 7)}..${String(after).slice(0, 7)}`
  if (deleted === true || ZERO_SHA.test(after)) return { selection: { kind: 'changed', paths: [] }, scope: 'The push deleted the branch', notes: [] }
  if (created === true || ZERO_SHA.test(before)) {
    return {
      selection: { kind: 'all' },
      scope: 'Whole workspace (new branch)',
      notes: ['The push created the branch: there is no previous commit to compare with, so the whole workspace was scanned.']
    }
  }
  const notes: string[] = []
  try {
    return { selection: { kind: 'changed', paths: await gitChangedFiles(deps.git, deps.workspace, before, after, false) }, scope, notes }
  } catch (err) {
    // A shallow checkout (the default, fetch-depth: 1) lacks `before`: ask the compare API.
    if (deps.octokit !== null) {
      try {
        const { data } = await deps.octokit.rest.repos.compareCommitsWithBasehead({ ...ctx.repo, basehead: `${before}...${after}` })
        const files = data.files ?? []
        if (files.length < COMPARE_FILES_API_CAP) {
          return { selection: { kind: 'changed', paths: files.filter((f) => f.status !== 'removed').map((f) => f.filename) }, scope, notes }
        }
        notes.push(`The push changes ${COMPARE_FILES_API_CAP} files or more, more than the compare API lists.`)
      } catch (apiErr) {
        notes.push(`The compare API failed (${describeError(apiErr)}).`)
      }
    }
    notes.push(
      `git diff could not list the pushed changes (${describeError(err)}), so the whole workspace was scanned instead. ` +
        'Check out with fetch-depth: 0 to scan only the changed files.'
    )
    return { selection: { kind: 'all' }, scope: 'Whole workspace (fallback)', notes }
  }
}

/** What to scan: `scope: all` or an event without a change set scans the workspace. */
export async function selectForEvent(ctx: EventContext, scope: 'changed' | 'all', deps: SelectionDeps): Promise<SelectionResult> {
  if (scope === 'all') return { selection: { kind: 'all' }, scope: 'Whole workspace (scope: all)', notes: [] }
  if (ctx.eventName === 'pull_request' && ctx.payload.pull_request !== undefined) return pullRequest(ctx, deps)
  if (ctx.eventName === 'push' && typeof ctx.payload.after === 'string') return push(ctx, deps)
  return { selection: { kind: 'all' }, scope: `Whole workspace (${ctx.eventName || 'unknown'} event)`, notes: [] }
}
