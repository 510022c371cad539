// The CLI front: parse, scan, render, exit status. Exit 0 = passed, 1 = blocked, 2 = usage or internal error.
import { writeFile } from 'node:fs/promises'
import { HELP, parseArgs, UsageError, type ScanCommand } from './args.js'
import { scanPaths } from '../scan/scan.js'
import { MissingPathError } from '../scan/select.js'
import { defaultScanOptions } from '../scan/policy.js'
import type { Report } from '../scan/findings.js'
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
}

export const EXIT = { passed: 0, blocked: 1, error: 2 } as const

const RENDERERS: Record<ScanCommand['format'], (report: Report, cmd: ScanCommand, color: boolean) => string> = {
  json: (report) => renderJson(report),
  sarif: (report) => renderSarif(report),
  markdown: (report, cmd) => renderJobSummary(report, { failOn: cmd.failOn, scope: 'Paths given on the command line', notes: [] }, STEP_SUMMARY_LIMIT),
  text: (report, cmd, color) => renderText(report, { failOn: cmd.failOn, color, quiet: cmd.quiet })
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
    const report = await scanPaths(cmd.paths, options)
    const text = RENDERERS[cmd.format](report, cmd, io.isTTY && cmd.output === undefined && cmd.format === 'text')
    if (cmd.output !== undefined) await writeFile(cmd.output, text)
    else io.stdout(text)
    return report.summary.blocked ? EXIT.blocked : EXIT.passed
  } catch (err) {
    if (err instanceof UsageError || err instanceof MissingPathError) {
      io.stderr(`modelgate: ${err.message}\n`)
    } else {
      io.stderr(`modelgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    }
    return EXIT.error
  }
}
