// The CLI front: parse, scan, render, exit status. Exit 0 = passed, 1 = blocked, 2 = usage,
// network (a remote listing or authentication) or internal error.
import { writeFile } from 'node:fs/promises'
import { HELP, parseArgs, UsageError, type ScanCommand } from './args.js'
import { Progress } from './progress.js'
import { MissingPathError } from '../scan/select.js'
import { defaultScanOptions } from '../scan/policy.js'
import { buildReport } from '../scan/summary.js'
import type { Report } from '../scan/findings.js'
import { RemoteError } from '../remote/errors.js'
import { addSecret, HttpClient, redact } from '../remote/http.js'
import { hfEnv } from '../remote/hf.js'
import { findLfsEndpoint } from '../remote/lfs.js'
import { scanTargets, type RemoteSetup } from '../remote/targets.js'
import { renderJson } from '../report/json.js'
import { renderJobSummary, STEP_SUMMARY_LIMIT } from '../report/job-summary.js'
import { renderSarif } from '../report/sarif.js'
import { renderText } from '../report/text.js'
import { VERSION } from '../version.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether standard output is a terminal (colours). */
  isTTY: boolean
  /** Whether standard error is a terminal (a progress line). */
  stderrIsTTY?: boolean
  env?: NodeJS.ProcessEnv
}

export const EXIT = { passed: 0, blocked: 1, error: 2 } as const

const RENDERERS: Record<ScanCommand['format'], (report: Report, cmd: ScanCommand, color: boolean) => string> = {
  json: (report) => renderJson(report),
  sarif: (report) => renderSarif(report),
  markdown: (report, cmd) => renderJobSummary(report, { failOn: cmd.failOn, scope: 'Paths given on the command line', notes: [] }, STEP_SUMMARY_LIMIT),
  text: (report, cmd, color) => renderText(report, { failOn: cmd.failOn, color, quiet: cmd.quiet, verbose: false })
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseArgs(argv)
    if (cmd.command === 'help') {
      io.stdout(HELP)
      return EXIT.passed
    }
    if (cmd.command === 'version') {
      io.stdout(`modelgate ${VERSION}\n`)
      return EXIT.passed
    }
    // Links are followed only to targets under the working directory.
    const options = defaultScanOptions({ failOn: cmd.failOn, picklePolicy: cmd.picklePolicy, allowGlobals: cmd.allowGlobals, limits: cmd.limits, workspace: process.cwd() })
    const progress = io.stderrIsTTY === true ? new Progress(io.stderr) : undefined
    const setup = await remoteSetup(cmd, io.env ?? process.env, progress)
    const scanned = await scanTargets(cmd.paths, options, setup).finally(() => progress?.clear())
    const report = buildReport(scanned.files, options, scanned.shared)
    const text = RENDERERS[cmd.format](report, cmd, io.isTTY && cmd.output === undefined && cmd.format === 'text')
    if (cmd.output !== undefined) await writeFile(cmd.output, text)
    else io.stdout(text)
    return report.summary.blocked ? EXIT.blocked : EXIT.passed
  } catch (err) {
    if (err instanceof UsageError || err instanceof MissingPathError || err instanceof RemoteError) {
      io.stderr(`modelgate: ${redact(err.message)}\n`)
    } else {
      io.stderr(`modelgate: internal error: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`)
    }
    return EXIT.error
  }
}

/** Network settings from the command and the environment; tokens are registered for redaction first. */
async function remoteSetup(cmd: ScanCommand, env: NodeJS.ProcessEnv, progress?: Progress): Promise<RemoteSetup> {
  const lfsToken = env.MODELGATE_LFS_TOKEN || undefined
  if (lfsToken !== undefined) addSecret(lfsToken)
  const setup: RemoteSetup = { client: new HttpClient(), hf: hfEnv(env), onFile: progress?.file }
  if (cmd.lfs) setup.lfs = { endpoint: await findLfsEndpoint(process.cwd(), cmd.lfsUrl), token: lfsToken }
  return setup
}
