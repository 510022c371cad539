// One remote file through the engine: opened as an HTTP Source, scanned as a local file would
// be, reported with where its bytes came from and what reading them cost. Bytes that could not
// be fetched are `remote/fetch-failed`, whatever the format scanners made of the failed read.
import { RULES, type FileReport, type Finding } from '../scan/findings.js'
import type { ScanOptions } from '../scan/policy.js'
import { scanOpenSource } from '../scan/scan.js'
import { displayUrl, type HttpClient, type Traffic } from './http.js'
import { openHttpSource, type HttpSource } from './http-source.js'

/** A file to read over HTTP. */
export interface RemoteTarget {
  /** Report path (a URL, `hf://…`, or the LFS pointer's path). */
  path: string
  url: string
  /** Sent to the URL's origin only. */
  credentials: Record<string, string>
  /** Size the listing or pointer promised; a different object size is a failure. */
  size?: number
  /** The commit a hub revision resolved to. */
  revision?: string
}

export function fetchFailed(reason: string): Finding {
  return {
    rule: RULES.remoteFetchFailed,
    severity: 'high',
    message: `Bytes a loader would read could not be fetched (${reason}): the file was not fully analysed, so it is not known to be safe.`
  }
}

export function sourceOf(target: RemoteTarget, traffic: Traffic): NonNullable<FileReport['source']> {
  return {
    url: displayUrl(target.url),
    ...(target.revision !== undefined ? { revision: target.revision } : {}),
    requests: traffic.requests,
    bytes: traffic.bytes
  }
}

/** Opens `target`; a failure to open is a report with `remote/fetch-failed`. */
export async function openRemote(client: HttpClient, target: RemoteTarget): Promise<HttpSource | FileReport> {
  const traffic: Traffic = { requests: 0, bytes: 0 }
  try {
    return await openHttpSource(client, target.url, { credentials: target.credentials, expectedSize: target.size, traffic })
  } catch (err) {
    return { path: target.path, format: 'other', size: target.size ?? 0, findings: [fetchFailed((err as Error).message)], source: sourceOf(target, traffic) }
  }
}

/** Scans an opened remote source and closes it. */
export async function scanOpenRemote(source: HttpSource, target: RemoteTarget, options: ScanOptions, lead: Finding[] = []): Promise<FileReport> {
  try {
    const file = await scanOpenSource(target.path, source, options)
    const failure = source.failure
    // The engine's own "scan failed" for the same error says nothing the fetch finding does not.
    const findings = failure === undefined ? file.findings : [...file.findings.filter((f) => !f.message.includes(failure.message)), fetchFailed(failure.message)]
    return { ...file, findings: [...lead, ...findings], source: sourceOf(target, source.traffic) }
  } finally {
    await source.close()
  }
}

export async function scanRemote(client: HttpClient, target: RemoteTarget, options: ScanOptions): Promise<FileReport> {
  const opened = await openRemote(client, target)
  return 'findings' in opened ? opened : scanOpenRemote(opened, target, options)
}
