// run(): inputs -> select -> scan -> report (log, check run, annotations, files, summary,
// outputs) -> exit status. The job's exit status is the gate; everything else informs.
import * as core from '@actions/core'
import * as github from '@actions/github'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { readInputs, InputError, type ActionInputs } from './inputs.js'
import { selectForEvent, type EventContext, type Octokit, type Selection } from './changed-files.js'
import { PolicyError } from '../policy/file.js'
import { excludeFilter, loadRunPolicy, suppress, type RunPolicy } from '../policy/run-policy.js'
import { mergeSettings, type Settings } from '../policy/settings.js'
import { resolveTargets } from './targets.js'
import { pathFilter } from '../policy/globs.js'
import { runGit } from './git.js'
import { annotate, type Level } from './annotations.js'
import { logFindings } from './log.js'
import { checkAnnotations, checkRunProblem, publishCheckRun } from './check-run.js'
import { commentBody, publishComment } from './comment.js'
import { scanFiles } from '../scan/scan.js'
import type { FailOn, ScanOptions } from '../scan/policy.js'
import type { FileReport } from '../scan/findings.js'
import { addSecret, HttpClient, redact, type Traffic } from '../remote/http.js'
import { githubLfsEndpoint } from '../remote/lfs.js'
import { scanLfsObjects } from '../remote/lfs-scan.js'
import { buildReport } from '../scan/summary.js'
import { defaultScanOptions } from '../scan/policy.js'
import type { Report } from '../scan/findings.js'
import { renderJson } from '../report/json.js'
import { renderSarif } from '../report/sarif.js'
import { CHECK_SUMMARY_LIMIT, renderJobSummary, STEP_SUMMARY_LIMIT } from '../report/job-summary.js'
import { describeCounts } from '../report/describe.js'
import { truncate, visible } from '../report/escape.js'

const ZERO_SHA = /^0+$/

/** The commit a check run belongs on: a PR's head (not the merge commit GITHUB_SHA names). */
function checkRunSha(ctx: EventContext): string | undefined {
  if (ctx.eventName === 'pull_request') return ctx.payload.pull_request?.head?.sha
  if (ctx.eventName === 'push' && typeof ctx.payload.after === 'string' && !ZERO_SHA.test(ctx.payload.after)) return ctx.payload.after
  return ctx.sha || undefined
}

/** Returns a problem to report when the check run could not be created, or null. */
async function checkRun(inputs: ActionInputs, failOn: FailOn, ctx: EventContext, octokit: Octokit | null, report: Report, scope: string, notes: string[]): Promise<string | null> {
  if (inputs.checkRun === 'false') return null
  const headSha = checkRunSha(ctx)
  if (octokit === null || headSha === undefined) {
    const why = octokit === null ? "input 'token' is empty" : 'no commit to attach it to'
    if (inputs.checkRun === 'true') return `modelgate could not create the check run: ${why}.`
    core.info(`No check run (${why}).`)
    return null
  }
  const { annotations, omitted } = checkAnnotations(report)
  const extra = omitted > 0 ? [`${omitted} more finding(s) are not annotated on this check run; the job summary and the log list them all.`] : []
  const title = `${report.summary.blocked ? 'Blocked' : 'Passed'}: ${report.summary.files} file(s) scanned, ${describeCounts(report)}`
  try {
    const id = await publishCheckRun(octokit, {
      ...ctx.repo,
      name: inputs.checkName,
      headSha,
      conclusion: report.summary.blocked ? 'failure' : 'success',
      title,
      summary: renderJobSummary(report, { failOn, scope, notes: [...notes, ...extra] }, CHECK_SUMMARY_LIMIT),
      annotations
    })
    core.info(`Check run ${id} created on ${headSha}.`)
    return null
  } catch (err) {
    return checkRunProblem(err)
  }
}

async function writeOutputFile(workspace: string, name: string, text: string): Promise<string> {
  const path = resolve(workspace, name)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
  return path
}

/** LFS pointers replaced by the scans of their objects, read from the repository's LFS store with the token. */
async function withLfsObjects(lfs: boolean, token: string, ctx: EventContext, files: FileReport[], options: ScanOptions, shared: Traffic): Promise<FileReport[]> {
  if (!lfs || !files.some((f) => f.format === 'lfs-pointer')) return files
  if (token !== '') addSecret(token)
  const endpoint = githubLfsEndpoint(process.env.GITHUB_SERVER_URL || 'https://github.com', ctx.repo.owner, ctx.repo.repo)
  core.info(`Reading Git LFS objects through ${endpoint.url}.`)
  return scanLfsObjects(new HttpClient(), files, { endpoint, token: token || undefined }, options, shared)
}

/** Notes for a change to the policy file or its baseline: the same change can suppress its own findings. */
function policyChangeNotes(selection: Selection, policy: RunPolicy, workspace: string): string[] {
  if (selection.kind !== 'changed' || policy.file === undefined) return []
  const policyFiles = [resolve(workspace, policy.file.path), ...(policy.file.baseline !== undefined ? [policy.file.baseline] : [])]
  const changed = policyFiles.filter((f) => selection.paths.some((p) => resolve(workspace, p) === f)).map((f) => relative(workspace, f))
  return changed.map((f) => `This change edits ${f}, which decides what modelgate reports and blocks: review its suppressions and settings with the change.`)
}

/** The policy file and the settings this run uses: explicit inputs over the file, the file over defaults. */
async function runSettings(inputs: ActionInputs, workspace: string): Promise<{ policy: RunPolicy; settings: Settings; lfs: boolean }> {
  const policy = await loadRunPolicy(workspace, inputs.config, true)
  if (policy.file !== undefined) core.info(`Policy file: ${visible(policy.file.path)}${policy.baseline !== undefined ? `, baseline ${visible(policy.baseline.name)}` : ''}.`)
  const settings = mergeSettings(inputs, policy.file, { lfs: 'auto', base: workspace })
  return { policy, settings, lfs: settings.lfs === 'auto' ? inputs.token !== '' : settings.lfs === 'true' }
}

export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const { policy, settings, lfs } = await runSettings(inputs, workspace)
    // github.context satisfies EventContext; its `repo` getter is only read when the API is used.
    const ctx: EventContext = github.context
    const octokit = inputs.token !== '' ? github.getOctokit(inputs.token) : null

    const selected = await selectForEvent(ctx, inputs.scope, { octokit, git: runGit, workspace })
    const notes = [...selected.notes, ...policyChangeNotes(selected.selection, policy, workspace)]
    const scope = selected.scope
    for (const note of notes) core.info(visible(note))
    const include = pathFilter(inputs.paths, [])
    const exclude = excludeFilter(settings.exclude, workspace)
    const targets = await resolveTargets(workspace, selected.selection, (path) => include(path) && !exclude.test(path))
    core.info(`${visible(scope)}: scanning ${targets.scan.length} file(s)${exclude.excluded() > 0 ? `, ${exclude.excluded()} excluded by the policy` : ''}.`)

    // Links are followed only to targets inside the workspace.
    const options = defaultScanOptions({
      failOn: settings.failOn,
      picklePolicy: settings.picklePolicy,
      allowGlobals: settings.allowGlobals,
      limits: settings.limits,
      workspace: targets.root
    })
    const shared: Traffic = { requests: 0, bytes: 0 }
    const scanned = await withLfsObjects(lfs, inputs.token, ctx, await scanFiles(targets.scan, options), options, shared)
    // Repository-relative paths: what annotations, check runs, SARIF and the policy need.
    const files = [...scanned.map((f) => ({ ...f, path: f.path.slice(targets.root.length + 1) })), ...targets.listed].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0
    )
    const report = buildReport(suppress(files, policy), options, shared)
    await publish(inputs, settings.failOn, ctx, octokit, report, scope, notes, workspace)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const known = err instanceof InputError || err instanceof PolicyError
    core.setFailed(visible(truncate(redact(known ? message : `modelgate failed: ${message}`), 1000)))
  }
}

/** True when nothing in the report is a model: no file, or only files of no known format and no findings. */
function noModelFiles(report: Report): boolean {
  return report.files.every((f) => f.format === 'other' && f.findings.length === 0)
}

/** Log, check run, annotations, files, job summary, outputs; then the step's verdict. */
async function publish(inputs: ActionInputs, failOn: FailOn, ctx: EventContext, octokit: Octokit | null, report: Report, scope: string, notes: string[], workspace: string): Promise<void> {
  logFindings(report)
  // The check run goes first so that its warning, if any, is counted against the per-step cap.
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 }
  if (noModelFiles(report)) {
    core.notice(`modelgate: no model files to scan (${visible(scope)}: ${report.summary.files} file(s), none in a model format); passed.`)
    used.notice++
  }
  const problem = await checkRun(inputs, failOn, ctx, octokit, report, scope, notes)
  const failures: string[] = []
  if (report.summary.blocked) failures.push(`modelgate blocked this change: ${describeCounts(report)} (fail-on ${failOn}).`)
  if (problem !== null) {
    if (inputs.checkRun === 'true') failures.push(problem)
    else {
      core.warning(problem)
      used.warning++
    }
  }
  // setFailed() below is an error annotation too: keep it a slot.
  if (failures.length > 0) used.error++
  annotate(report, used)

  if (inputs.reportFile !== '') core.setOutput('report-file', await writeOutputFile(workspace, inputs.reportFile, renderJson(report)))
  else core.setOutput('report-file', '')
  if (inputs.sarifFile !== '') core.setOutput('sarif-file', await writeOutputFile(workspace, inputs.sarifFile, renderSarif(report, { srcRoot: workspace })))
  else core.setOutput('sarif-file', '')

  const summaryNotes = problem !== null ? [...notes, problem] : notes
  try {
    await core.summary.addRaw(renderJobSummary(report, { failOn, scope, notes: summaryNotes }, STEP_SUMMARY_LIMIT)).write()
  } catch (err) {
    core.info(`No job summary written: ${visible((err as Error).message)}`)
  }
  if (inputs.comment !== 'off') {
    const problem = await publishComment(octokit, ctx, report, inputs.comment, commentBody(report, { failOn, scope, notes: summaryNotes }))
    if (problem !== null) core.warning(problem)
  }

  const total = Object.values(report.summary.findings).reduce((a, b) => a + b, 0)
  core.setOutput('findings', String(total))
  core.setOutput('max-severity', report.summary.maxSeverity ?? 'none')
  core.setOutput('blocked', String(report.summary.blocked))
  if (failures.length > 0) core.setFailed(failures.join(' '))
}

