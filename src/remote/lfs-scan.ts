// Git LFS pointers among the scanned files: their objects are fetched through the LFS batch
// API and scanned by ranges in place of the pointer, under the pointer's path. An object the
// server lacks or that differs from the pointer is `lfs/object-missing`; objects small enough
// to be read whole are checked against the pointer's SHA-256.
import { createHash } from 'node:crypto'
import { RULES, type FileReport, type Finding } from '../scan/findings.js'
import type { ScanOptions } from '../scan/policy.js'
import { mapConcurrent } from '../scan/concurrency.js'
import type { HttpClient, Traffic } from './http.js'
import { resolveLfsObjects, type LfsEndpoint, type LfsObject } from './lfs.js'
import { fetchFailed, openRemote, scanOpenRemote, sourceOf, type RemoteTarget } from './scan-remote.js'

export interface LfsSettings {
  endpoint: LfsEndpoint
  token?: string
}

/** Objects up to this size are read whole anyway (the scan reads most of them): their SHA-256 is checked. */
export const LFS_VERIFY_LIMIT = 1024 * 1024

interface Pointer {
  index: number
  oid: string
  size: number
}

/** The pointer a file report stands for: a top-level `lfs/pointer` finding (not one inside an archive). */
function pointerOf(file: FileReport, index: number): Pointer | null {
  if (file.format !== 'lfs-pointer') return null
  const finding = file.findings.find((f) => f.rule === RULES.lfsPointer && f.location?.entry === undefined)
  if (finding === undefined || typeof finding.oid !== 'string' || typeof finding.size !== 'string') return null
  const size = Number(finding.size)
  return { index, oid: finding.oid.replace(/^sha256:/, ''), size }
}

const missing = (pointer: Pointer, why: string): Finding => ({
  rule: RULES.lfsObjectMissing,
  severity: 'high',
  message: `The LFS object for this pointer (oid sha256:${pointer.oid}, ${pointer.size} bytes) ${why}: git lfs would not fetch the file this pointer promises, and nothing was scanned.`,
  oid: `sha256:${pointer.oid}`,
  size: String(pointer.size)
})

/** The pointer's report with its `lfs/pointer` finding replaced by `finding`. */
function unresolved(file: FileReport, finding: Finding): FileReport {
  return { ...file, findings: [finding, ...file.findings.filter((f) => f.rule !== RULES.lfsPointer)] }
}

async function scanObject(client: HttpClient, file: FileReport, pointer: Pointer, object: LfsObject, options: ScanOptions): Promise<FileReport> {
  if (object.kind === 'missing') return unresolved(file, missing(pointer, `is missing: ${object.message}`))
  if (object.kind === 'failed') return unresolved(file, fetchFailed(object.message))
  const target: RemoteTarget = { path: file.path, url: object.href, credentials: object.credentials }
  const opened = await openRemote(client, target)
  if ('findings' in opened) return { ...unresolved(file, opened.findings[0]), source: opened.source }
  const refuse = async (why: string): Promise<FileReport> => {
    await opened.close()
    return { ...unresolved(file, missing(pointer, why)), source: sourceOf(target, opened.traffic) }
  }
  if (opened.size !== pointer.size) return refuse(`served by the server has ${opened.size} bytes`)
  if (pointer.size <= LFS_VERIFY_LIMIT) {
    const bytes = await opened.read(0, pointer.size).catch(() => null)
    const digest = bytes === null || bytes.length !== pointer.size ? null : createHash('sha256').update(bytes).digest('hex')
    if (digest !== null && digest !== pointer.oid) return refuse(`served by the server has SHA-256 ${digest}`)
  }
  return scanOpenRemote(opened, target, options)
}

/**
 * Returns `files` with every top-level LFS pointer replaced by the scan of its object.
 * Throws RemoteError when the batch API as a whole fails (authentication, no endpoint).
 */
export async function scanLfsObjects(client: HttpClient, files: readonly FileReport[], lfs: LfsSettings, options: ScanOptions, traffic: Traffic): Promise<FileReport[]> {
  const pointers = files.map(pointerOf).filter((p): p is Pointer => p !== null)
  const out = [...files]
  // A size no JavaScript number holds exactly cannot be an object anyone stored.
  const valid = pointers.filter((p) => Number.isSafeInteger(p.size))
  for (const p of pointers) if (!valid.includes(p)) out[p.index] = unresolved(files[p.index], missing(p, 'has a size beyond 2^53 bytes'))
  if (valid.length === 0) return out
  const objects = await resolveLfsObjects(client, lfs.endpoint, lfs.token, valid.map((p) => ({ oid: p.oid, size: p.size })), traffic)
  const scanned = await mapConcurrent(valid, options.concurrency, (p, i) => scanObject(client, files[p.index], p, objects[i], options))
  valid.forEach((p, i) => (out[p.index] = scanned[i]))
  return out
}
