// The sticky pull request comment: one comment per pull request, found again by a hidden
// marker and edited in place on re-runs. Only a comment written by the token's own identity
// is ever edited: anyone can paste the marker into a comment of theirs, and the action must
// never rewrite (or be steered by) someone else's words. A comment that cannot be written
// (fork pull requests get a read-only token) is a warning: the job's exit status is the gate.
import * as core from '@actions/core'
import { SEVERITIES, type Report } from '../scan/findings.js'
import { renderJobSummary, type SummaryContext } from '../report/job-summary.js'
import { truncate, visible } from '../report/escape.js'
import type { EventContext, Octokit } from './changed-files.js'

export const COMMENT_MODES = ['off', 'on-findings', 'always'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** Starts every comment the action writes; a comment is ours only when it also has our author. */
export const COMMENT_MARKER = '<!-- modelgate:comment -->'
/** Who GITHUB_TOKEN (an installation token, for which `GET /user` is refused) writes as. */
export const ACTIONS_BOT = 'github-actions[bot]'
/** GitHub refuses comment bodies over 65,536 characters; the marker and a margin fit under it. */
export const COMMENT_LIMIT = { max: 65_000, measure: (text: string) => text.length }

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** The comment's text: the marker, then the job summary within the comment size limit. */
export function commentBody(report: Report, ctx: SummaryContext): string {
  return `${COMMENT_MARKER}\n${renderJobSummary(report, ctx, COMMENT_LIMIT)}`
}

/** Findings a reader must see: counted (not suppressed) and above info. */
function hasFindings(report: Report): boolean {
  return SEVERITIES.some((s) => s !== 'info' && report.summary.findings[s] > 0)
}

/**
 * The login the token writes comments as: its user for a personal token, else the Actions
 * bot (installation tokens cannot read `/user`).
 */
async function ownLogin(octokit: Octokit): Promise<string> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login
  } catch {
    return ACTIONS_BOT
  }
}

interface IssueComment {
  id: number
  body?: string
  user: { login: string } | null
}

/** The one-line warning for a comment that could not be written, naming the permission when that is the cause. */
export function commentProblem(err: unknown): string {
  const status = (err as { status?: unknown }).status
  const message = visible(truncate(err instanceof Error ? err.message : String(err), 300))
  const why = typeof status === 'number' ? `HTTP ${status}: ${message}` : message
  const permission =
    status === 403 || status === 404
      ? ": the token needs 'pull-requests: write' (pull requests from forks only ever get a read-only token)"
      : ''
  return `modelgate could not comment on the pull request (${why})${permission}. The job status, annotations and summary still report the result.`
}

/**
 * Creates or updates the sticky comment as `mode` says. Returns a warning to report when
 * the comment could not be written, or null.
 */
export async function publishComment(octokit: Octokit | null, ctx: EventContext, report: Report, mode: CommentMode, body: string): Promise<string | null> {
  if (mode === 'off') return null
  const number = ctx.payload.pull_request?.number
  if (!PR_EVENTS.has(ctx.eventName) || typeof number !== 'number') {
    core.info(`No pull request comment: the ${visible(ctx.eventName)} event is not a pull request.`)
    return null
  }
  if (octokit === null) return "modelgate could not comment on the pull request: input 'token' is empty."
  const issue = { ...ctx.repo, issue_number: number }
  try {
    const login = await ownLogin(octokit)
    const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 })
    const ours = comments.find((c) => c.user?.login === login && (c.body ?? '').startsWith(COMMENT_MARKER))
    if (ours !== undefined) {
      await octokit.rest.issues.updateComment({ ...ctx.repo, comment_id: ours.id, body })
      core.info(`Pull request comment ${ours.id} updated.`)
    } else if (mode === 'always' || hasFindings(report)) {
      const { data } = await octokit.rest.issues.createComment({ ...issue, body })
      core.info(`Pull request comment ${data.id} created.`)
    } else {
      core.info('No pull request comment: no findings.')
    }
    return null
  } catch (err) {
    return commentProblem(err)
  }
}
