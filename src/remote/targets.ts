// The CLI's targets: local paths, `http(s)://` URLs and `hf://` hub repos, scanned in the
// order given; then LFS pointers among the local files, when LFS is on. Hub listings all run
// first, so a missing repo or a refused token stops the run (exit 2) before any verdict.
import type { FileReport } from '../scan/findings.js'
import type { ScanOptions } from '../scan/policy.js'
import { scanFiles } from '../scan/scan.js'
import { mapConcurrent } from '../scan/concurrency.js'
import { RemoteError } from './errors.js'
import { listHfFiles, parseHfTarget, type HfEnv, type HfTarget } from './hf.js'
import { scanLfsObjects, type LfsSettings } from './lfs-scan.js'
import { scanRemote, type RemoteTarget } from './scan-remote.js'
import { displayUrl, type HttpClient, type Traffic } from './http.js'

export type Target = { kind: 'path'; path: string } | { kind: 'url'; url: string } | { kind: 'hf'; hf: HfTarget }

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i

/** Classifies one command-line target; throws RemoteError for a scheme we do not read. */
export function classifyTarget(text: string): Target {
  const scheme = SCHEME.exec(text)?.[1].toLowerCase()
  if (scheme === undefined) return { kind: 'path', path: text }
  if (scheme === 'http' || scheme === 'https') return { kind: 'url', url: text }
  if (scheme === 'hf') return { kind: 'hf', hf: parseHfTarget(text) }
  throw new RemoteError(`unsupported target ${JSON.stringify(displayUrl(text))}: expected a path, an http(s):// URL or hf://org/name`)
}

export interface RemoteSetup {
  client: HttpClient
  hf: HfEnv
  /** LFS pointers among local files are resolved when set. */
  lfs?: LfsSettings
  /** Called as each file's report is ready (progress). */
  onFile?: (file: FileReport) => void
}

export interface TargetsScan {
  files: FileReport[]
  /** Requests that belong to no one file: hub listings, LFS batch calls. */
  shared: Traffic
}

/** A URL on the hub's own host gets the hub token; any other URL only what it carries itself. */
function urlTarget(url: string, hf: HfEnv): RemoteTarget {
  let sameHost = false
  try {
    sameHost = new URL(url).origin === new URL(hf.endpoint).origin
  } catch {
    // an invalid URL fails when opened, as a finding
  }
  const credentials: Record<string, string> = sameHost && hf.token !== undefined ? { authorization: `Bearer ${hf.token}` } : {}
  return { path: displayUrl(url), url, credentials }
}

export async function scanTargets(texts: readonly string[], options: ScanOptions, setup: RemoteSetup): Promise<TargetsScan> {
  const targets = texts.map(classifyTarget)
  const shared: Traffic = { requests: 0, bytes: 0 }
  const listings = new Map<number, RemoteTarget[]>()
  for (const [i, t] of targets.entries()) {
    if (t.kind !== 'hf') continue
    const listing = await listHfFiles(setup.client, t.hf, setup.hf)
    shared.requests += listing.traffic.requests
    shared.bytes += listing.traffic.bytes
    if (listing.files.length === 0) throw new RemoteError(`${texts[i]}: no files at commit ${listing.commit}`)
    // Path order, as a local folder is listed: reports do not depend on the server's order.
    listings.set(i, [...listing.files].filter((f) => !(options.exclude?.(f.path) ?? false)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))
  }
  const scanOne = async (target: RemoteTarget): Promise<FileReport> => {
    const file = await scanRemote(setup.client, target, options)
    setup.onFile?.(file)
    return file
  }
  let files: FileReport[] = []
  // Consecutive paths go to the engine together: it lists each file once however often named.
  let paths: string[] = []
  const flush = async (): Promise<void> => {
    if (paths.length > 0) files.push(...(await scanFiles(paths, options, undefined, setup.onFile)))
    paths = []
  }
  for (const [i, t] of targets.entries()) {
    if (t.kind === 'path') {
      paths.push(t.path)
      continue
    }
    await flush()
    if (t.kind === 'url') {
      if (!(options.exclude?.(displayUrl(t.url)) ?? false)) files.push(await scanOne(urlTarget(t.url, setup.hf)))
    }
    else files.push(...(await mapConcurrent(listings.get(i)!, options.concurrency, scanOne)))
  }
  await flush()
  if (setup.lfs !== undefined) files = await scanLfsObjects(setup.client, files, setup.lfs, options, shared)
  return { files, shared }
}
