// The check run: a convenience view on the commit (the job's exit status stays the gate).
// Created completed, on the commit the user sees (a pull request's head, not the merge
// commit), with its annotations sent 50 per request: the Checks API's limit per call.
import { SEVERITIES, type Report, type Severity } from '../scan/findings.js'
import { describeLocation, suppressionNote } from '../report/describe.js'
import { truncate, visible } from '../report/escape.js'
import type { Octokit } from './changed-files.js'

export const ANNOTATIONS_PER_REQUEST = 50
/** Each batch is one request (the token allows 1,000 an hour); the UI struggles long before this. */
export const MAX_CHECK_ANNOTATIONS = 1000

type Level = 'failure' | 'warning' | 'notice'
const LEVEL: Record<Exclude<Severity, 'info'>, Level> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice' }

export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: Level
  title: string
  message: string
}

export interface CheckRunRequest {
  owner: string
  repo: string
  name: string
  headSha: string
  conclusion: 'success' | 'failure'
  title: string
  summary: string
  annotations: CheckAnnotation[]
}

/** Findings at or above `low` that count (not suppressed), worst first, as file-level annotations (line 1: model files have no lines). */
export function checkAnnotations(report: Report): { annotations: CheckAnnotation[]; omitted: number } {
  const all = report.files
    .flatMap((file) => file.findings.map((finding) => ({ file, finding })))
    .filter(({ finding }) => finding.severity !== 'info' && finding.suppressed === undefined)
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity))
    .map(({ file, finding }): CheckAnnotation => {
      const where = describeLocation(finding)
      return {
        path: file.path,
        start_line: 1,
        end_line: 1,
        annotation_level: LEVEL[finding.severity as Exclude<Severity, 'info'>],
        title: truncate(visible(`${finding.severity}: ${finding.rule}`), 200),
        message: visible(truncate(`${finding.message}${where ? ` (${where})` : ''}${suppressionNote(finding)}`, 4000))
      }
    })
  return { annotations: all.slice(0, MAX_CHECK_ANNOTATIONS), omitted: Math.max(0, all.length - MAX_CHECK_ANNOTATIONS) }
}

/** Creates the check run with the first batch of annotations and appends the rest with updates. */
export async function publishCheckRun(octokit: Octokit, request: CheckRunRequest): Promise<number> {
  const { owner, repo, title, summary, annotations } = request
  const batches: CheckAnnotation[][] = []
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  const { data } = await octokit.rest.checks.create({
    owner,
    repo,
    name: request.name,
    head_sha: request.headSha,
    status: 'completed',
    conclusion: request.conclusion,
    output: { title, summary, annotations: batches[0] ?? [] }
  })
  // Annotations sent with `checks.update` are appended to those already on the run.
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: data.id, output: { title, summary, annotations: batch } })
  }
  return data.id
}

/** The one-line warning for a failed check run, naming the permission when that is the cause. */
export function checkRunProblem(err: unknown): string {
  const status = (err as { status?: unknown }).status
  const message = visible(truncate(err instanceof Error ? err.message : String(err), 300))
  if (status === 403) {
    return (
      `modelgate could not create the check run (HTTP 403: ${message}): the token needs 'checks: write' ` +
      '(pull requests from forks only ever get a read-only token). The job status, annotations and summary still report the result.'
    )
  }
  return `modelgate could not create the check run (${typeof status === 'number' ? `HTTP ${status}: ` : ''}${message}). The job status, annotations and summary still report the result.`
}
