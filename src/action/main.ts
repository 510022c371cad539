// run(): inputs -> select -> scan -> report -> exit status.
import * as core from '@actions/core'
import * as github from '@actions/github'
import { writeFile } from 'node:fs/promises'
import { readInputs, InputError, type ActionInputs } from './inputs.js'
import { workspaceFiles } from './workspace-files.js'
import { annotate } from './annotations.js'
import { scanPaths } from '../scan/scan.js'
import { defaultScanOptions } from '../scan/policy.js'
import { renderJson } from '../report/json.js'
import { renderMarkdown } from '../report/markdown.js'
import { describeCounts } from '../report/describe.js'

const CHANGED_EVENTS = new Set(['pull_request', 'push'])

/** Inputs whose non-default values this version cannot honour: fail loudly rather than ignore them. */
function rejectUnimplemented(inputs: ActionInputs, eventName: string): void {
  if (inputs.scope === 'changed' && CHANGED_EVENTS.has(eventName)) {
    throw new InputError(`input 'scope': 'changed' (the default) is not implemented yet for ${eventName} events; set scope: all`)
  }
  if (inputs.checkRun === 'true') throw new InputError(`input 'check-run': 'true' is not implemented yet; use 'false' or 'auto'`)
  if (inputs.sarifFile !== '') throw new InputError(`input 'sarif-file' is not implemented yet; leave it empty`)
}

export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    rejectUnimplemented(inputs, github.context.eventName)
    if (inputs.checkRun === 'auto') core.info('check-run: auto — check runs are not implemented yet; the job status is the gate.')

    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const files = await workspaceFiles(workspace, inputs.paths, inputs.exclude)
    core.info(`Scanning ${files.length} file(s) in the workspace (scope: ${inputs.scope}).`)
    const options = defaultScanOptions({ failOn: inputs.failOn, picklePolicy: inputs.picklePolicy, allowGlobals: inputs.allowGlobals })
    const scanned = await scanPaths(
      files.map((f) => `${workspace}/${f}`),
      options
    )
    // Report repository-relative paths (what annotations and SARIF need).
    const report = { ...scanned, files: scanned.files.map((f) => ({ ...f, path: f.path.slice(workspace.length + 1) })) }

    annotate(report)
    await core.summary.addRaw(renderMarkdown(report, inputs.failOn)).write()
    if (inputs.reportFile !== '') {
      await writeFile(inputs.reportFile, renderJson(report))
      core.setOutput('report-file', inputs.reportFile)
    }
    const total = Object.values(report.summary.findings).reduce((a, b) => a + b, 0)
    core.setOutput('findings', String(total))
    core.setOutput('max-severity', report.summary.maxSeverity ?? 'none')
    core.setOutput('blocked', String(report.summary.blocked))
    core.setOutput('sarif-file', '')
    if (report.summary.blocked) core.setFailed(`modelgate blocked this change: ${describeCounts(report)} (fail-on ${inputs.failOn}).`)
  } catch (err) {
    core.setFailed(err instanceof InputError ? err.message : `modelgate failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}
