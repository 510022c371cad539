// The CLI front: parse, read the policy file, scan, suppress, render, exit status. Exit 0 =
// passed, 1 = blocked, 2 = usage, policy file, network (a remote listing or authentication)
// or internal error, 3 = nothing was scanned.
import { writeFile } from 'node:fs/promises'
import { HELP, parseArgs, UsageError, type ScanCommand } from './args.js'
import { Progress } from './progress.js'
import { MissingPathError } from '../scan/select.js'
import { defaultScanOptions } from '../scan/policy.js'
import { buildReport } from '../scan/summary.js'
import type { FileReport, Report } from '../scan/findings.js'
import { PolicyError, type LfsSetting } from '../policy/file.js'
import { parseBaseline, renderBaseline } from '../policy/baseline.js'
import { excludeFilter, loadRunPolicy, pathMapper, suppress, type RunPolicy } from '../policy/run-policy.js'
import { mergeSettings, type GivenSettings, type Settings } from '../policy/settings.js'
import { todayUtc } from '../policy/suppress.js'
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

export const EXIT = { passed: 0, blocked: 1, error: 2, nothingScanned: 3 } as const

type Render = (report: Report, cmd: ScanCommand, settings: Settings, color: boolean) => string

const RENDERERS: Record<ScanCommand['format'], Render> = {
  json: (report) => renderJson(report),
  sarif: (report) => renderSarif(report),
  markdown: (report, _cmd, settings) => renderJobSummary(report, { failOn: settings.failOn, scope: 'Paths given on the command line', notes: [] }, STEP_SUMMARY_LIMIT),
  text: (report, cmd, settings, color) => renderText(report, { failOn: settings.failOn, color, quiet: cmd.quiet, verbose: cmd.verbose })
}

/** The flags as settings: absent ones leave the decision to the policy file. */
function givenSettings(cmd: ScanCommand): GivenSettings {
  return {
    failOn: cmd.failOn,
    picklePolicy: cmd.picklePolicy,
    allowGlobals: cmd.allowGlobals,
    lfs: cmd.lfs === true ? 'true' : undefined,
    limits: cmd.limits
  }
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
    return await scanCommand(cmd, io)
  } catch (err) {
    if (err instanceof UsageError || err instanceof MissingPathError || err instanceof RemoteError || err instanceof PolicyError) {
      io.stderr(`modelgate: ${redact(err.message)}\n`)
    } else {
      io.stderr(`modelgate: internal error: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`)
    }
    return EXIT.error
  }
}

async function scanCommand(cmd: ScanCommand, io: CliIo): Promise<number> {
  const cwd = process.cwd()
  const env = io.env ?? process.env
  const policy = await loadRunPolicy(cwd, cmd.config, false)
  const settings = mergeSettings(givenSettings(cmd), policy.file, { lfs: 'false', base: cwd })
  const exclude = excludeFilter(settings.exclude, cwd)
  // Links are followed only to targets under the working directory.
  const options = defaultScanOptions({
    failOn: settings.failOn,
    picklePolicy: settings.picklePolicy,
    allowGlobals: settings.allowGlobals,
    limits: settings.limits,
    workspace: cwd,
    exclude: exclude.test
  })
  const progress = io.stderrIsTTY === true ? new Progress(io.stderr) : undefined
  const setup = await remoteSetup(cmd, settings.lfs, env, progress)
  const scanned = await scanTargets(cmd.paths, options, setup).finally(() => progress?.clear())
  let files = suppress(scanned.files, policy)
  if (cmd.writeBaseline !== undefined) files = await writeBaseline(cmd.writeBaseline, files, policy, io)
  const report = buildReport(files, options, scanned.shared)
  const text = RENDERERS[cmd.format](report, cmd, settings, io.isTTY && cmd.output === undefined && cmd.format === 'text')
  if (cmd.output !== undefined) await writeFile(cmd.output, text)
  else io.stdout(text)
  if (report.summary.files === 0) {
    const excluded = exclude.excluded()
    const why = excluded > 0 ? `all ${excluded} path(s) found were excluded by ${policy.file?.path ?? 'the policy'}` : 'no files under the given targets'
    if (cmd.allowEmpty) return EXIT.passed
    io.stderr(`modelgate: nothing was scanned: ${why} (exit 3; --allow-empty makes this a pass)\n`)
    return EXIT.nothingScanned
  }
  return report.summary.blocked ? EXIT.blocked : EXIT.passed
}

/**
 * Records every finding that counts in a baseline file, and reports them as suppressed by it:
 * the run that adopts the baseline passes, and later runs with `baseline:` agree with it.
 */
async function writeBaseline(path: string, files: FileReport[], policy: RunPolicy, io: CliIo): Promise<FileReport[]> {
  const today = todayUtc()
  const { text, count, outside } = renderBaseline(files, pathMapper(policy), today)
  await writeFile(path, text)
  const hint = policy.file?.baselineName === undefined ? `; add "baseline: ${path}" to ${policy.file?.path ?? '.modelgate.yml'} to use it` : ''
  io.stderr(`modelgate: wrote ${count} finding(s) to the baseline ${path}${hint}\n`)
  if (outside > 0) io.stderr(`modelgate: ${outside} finding(s) in files outside ${policy.base} were not recorded (a baseline names paths under the policy file's folder)\n`)
  return suppress(files, { ...policy, file: policy.file && { ...policy.file, suppress: [] }, baseline: parseBaseline(text, path) }, today)
}

/** Network settings from the command and the environment; tokens are registered for redaction first. */
async function remoteSetup(cmd: ScanCommand, lfs: LfsSetting, env: NodeJS.ProcessEnv, progress?: Progress): Promise<RemoteSetup> {
  const lfsToken = env.MODELGATE_LFS_TOKEN || undefined
  if (lfsToken !== undefined) addSecret(lfsToken)
  const setup: RemoteSetup = { client: new HttpClient(), hf: hfEnv(env), onFile: progress?.file }
  // `auto` (policy file): on when a token is there to read the objects with.
  if (lfs === 'true' || (lfs === 'auto' && lfsToken !== undefined)) setup.lfs = { endpoint: await findLfsEndpoint(process.cwd(), cmd.lfsUrl), token: lfsToken }
  return setup
}
