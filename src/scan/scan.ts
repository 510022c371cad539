// The engine entry: paths in, Report out. Knows nothing of GitHub or terminals.
import { RULES, type FileReport, type Finding, type Report } from './findings.js'
import type { ScanOptions } from './policy.js'
import { buildReport } from './summary.js'
import { openFileSource, ChangedFileError, NotRegularFileError, type ClosableSource, type ExpectedFile, type Source } from './source.js'
import { selectFiles, type Candidate } from './select.js'
import { unverifiedLinkFinding, type FileIdentity } from './links.js'
import { scanSource } from './dispatch.js'
import { mapConcurrent } from './concurrency.js'
import { TimeBudget } from './budget.js'
import { describeError } from './errors.js'

export interface ScanIo {
  openSource(path: string, expected?: ExpectedFile): Promise<ClosableSource>
  /** Milliseconds from an arbitrary origin, for the time budget (tests inject a clock). */
  now?: () => number
}

const defaultIo: ScanIo = { openSource: openFileSource }

function listed(path: string, finding: Finding): FileReport {
  return { path, format: 'other', size: 0, findings: [finding] }
}


const skippedSpecial = (path: string): FileReport =>
  listed(path, {
    rule: RULES.skippedSpecial,
    severity: 'info',
    message: 'Not a regular file (FIFO, socket or device): not opened and not scanned.'
  })

const unreadable = (path: string, error: string): FileReport =>
  listed(path, {
    rule: RULES.unreadable,
    severity: 'high',
    message: `Could not be read (${error}): not scanned, so it is not known to be safe. Fix the permissions and scan again.`
  })

/**
 * Scans one regular file, reported as `path`; `target`: the file a link at `path` resolved to,
 * opened instead (and only if it is still that file). Never throws: a failure becomes a finding.
 */
export async function scanFile(path: string, options: ScanOptions, io: ScanIo = defaultIo, target?: FileIdentity): Promise<FileReport> {
  let source: ClosableSource
  try {
    source = await (target === undefined ? io.openSource(path) : io.openSource(target.path, target))
  } catch (err) {
    if (err instanceof NotRegularFileError) return skippedSpecial(path)
    if (err instanceof ChangedFileError) return listed(path, unverifiedLinkFinding('whose target changed after it was resolved'))
    // O_NOFOLLOW refused a link swapped in after listing.
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') return listed(path, unverifiedLinkFinding('swapped in after the file was listed'))
    return unreadable(path, describeError(err))
  }
  try {
    return await scanOpenSource(path, source, options, io.now, path)
  } finally {
    await source.close()
  }
}

/**
 * Scans an opened source (a local file, an HTTP object), reported as `path`, within the
 * file's time budget. Never throws: a failure becomes a finding. `localPath`: the local file's
 * path, for a local file only (ScanContext.localPath).
 */
export async function scanOpenSource(path: string, source: Source, options: ScanOptions, now?: () => number, localPath?: string): Promise<FileReport> {
  try {
    const budget = new TimeBudget(options.limits.timeBudgetMs, now)
    const result = await scanSource(source, { options, depth: 0, budget, ...(localPath !== undefined ? { localPath } : {}) }, path)
    const stopped = budget.finding()
    const findings = stopped !== undefined ? [...result.findings, stopped] : result.findings
    return { path, format: result.format, size: source.size, findings, ...(result.details ? { details: result.details } : {}) }
  } catch (err) {
    // A scanner bug or an I/O error mid-file must not read as "clean".
    return {
      path,
      format: 'other',
      size: source.size,
      findings: [{ rule: RULES.incomplete, severity: 'high', message: `Scan failed (${describeError(err)}): the file was not fully analysed.` }]
    }
  }
}

async function scanCandidate(candidate: Candidate, options: ScanOptions, io: ScanIo): Promise<FileReport> {
  switch (candidate.kind) {
    case 'link':
      return listed(candidate.path, candidate.finding)
    case 'special':
      return skippedSpecial(candidate.path)
    case 'unreadable':
      return unreadable(candidate.path, candidate.error)
    case 'file': {
      const { via } = candidate
      if (via === undefined) return scanFile(candidate.path, options, io)
      const file = await scanFile(candidate.path, options, io, via.target)
      return { ...file, findings: [via.finding, ...file.findings] }
    }
  }
}

/**
 * Scans every regular file under `paths`, and what links lead to inside `options.workspace`,
 * in the order given. Throws MissingPathError for a path that does not exist.
 */
export async function scanFiles(paths: readonly string[], options: ScanOptions, io: ScanIo = defaultIo, onFile?: (file: FileReport) => void): Promise<FileReport[]> {
  const candidates = await selectFiles(paths, options.workspace, options.exclude)
  return mapConcurrent(candidates, options.concurrency, async (c) => {
    const file = await scanCandidate(c, options, io)
    onFile?.(file)
    return file
  })
}

export async function scanPaths(paths: readonly string[], options: ScanOptions, io: ScanIo = defaultIo): Promise<Report> {
  return buildReport(await scanFiles(paths, options, io), options)
}
