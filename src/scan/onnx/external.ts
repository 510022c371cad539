// External data: the files a model's tensors read (`external_data` entries `location`,
// `offset`, `length`), grouped by location, and the checks on them. Syntactic checks always
// run; with the model's local path, each location is also resolved against the model's folder
// as a loader does (symlinks included) and the referenced file's size is compared with the
// ranges read. Referenced files are never opened: lstat, realpath and stat only.
import { lstat, realpath, stat } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { escapeReason, openedPath } from './location.js'
import { MAX_STRING, WalkLimit, type StringEntry, type TensorRef } from './walk.js'

/** Distinct locations followed; more stops the walk (no real model has this many files). */
export const MAX_EXTERNAL_FILES = 10_000

/** A number a loader would refuse (Python `int()` fails, or it is negative). */
export interface BadNumber {
  tensor: string
  key: string
  value: string
  offset: number
}

export interface ExternalFile {
  location: string
  /** The location was longer than the walk reads. */
  cut: boolean
  /** Where the first tensor's location value starts. */
  offset: number
  /** The first tensor reading it. */
  tensor: string
  tensors: number
  /** Sum of the `length`s given. */
  bytes: bigint
  /** The furthest byte a tensor reads (offset + length, or offset for a tensor reading to the end). */
  end: bigint
  /** The tensor reading furthest. */
  endTensor: string
  bad?: BadNumber
}

export class ExternalFiles {
  readonly files = new Map<string, ExternalFile>()

  /** Records a tensor's external-data locations, with its offset and length. */
  add(ref: TensorRef): void {
    const offset = numberOf(ref, ref.offset, 0n) as bigint | BadNumber
    const length = numberOf(ref, ref.length, undefined)
    for (const entry of ref.locations.values()) this.read(ref, entry, offset, length)
  }

  private read(ref: TensorRef, entry: StringEntry, offset: bigint | BadNumber, length: bigint | BadNumber | undefined): void {
    let file = this.files.get(entry.value)
    if (file === undefined) {
      if (this.files.size >= MAX_EXTERNAL_FILES) throw new WalkLimit(`tensors read more than ${MAX_EXTERNAL_FILES} distinct external files`, entry.offset)
      file = { location: entry.value, cut: entry.cut, offset: entry.offset, tensor: ref.name, tensors: 0, bytes: 0n, end: -1n, endTensor: ref.name }
      this.files.set(entry.value, file)
    }
    file.tensors++
    if (typeof offset !== 'bigint' || (length !== undefined && typeof length !== 'bigint')) {
      file.bad ??= typeof offset !== 'bigint' ? offset : (length as BadNumber)
      return
    }
    file.bytes += length ?? 0n
    const end = offset + (length ?? 0n)
    if (end > file.end) {
      file.end = end
      file.endTensor = ref.name
    }
  }
}

/** Python `int(value)` (what onnx's loader applies): digits with an optional sign, spaces around and single `_` between digits. */
function numberOf(ref: TensorRef, entry: StringEntry | undefined, absent: bigint | undefined): bigint | BadNumber | undefined {
  if (entry === undefined) return absent
  const text = entry.value.trim()
  if (/^[+-]?\d+(_\d+)*$/.test(text) && !text.startsWith('-')) return BigInt(text.replace(/[_+]/g, ''))
  return { tensor: ref.name, key: entry.key, value: entry.value.slice(0, 40), offset: entry.offset }
}

export type IssueKind = 'escape' | 'missing' | 'bounds'

export interface Issue {
  kind: IssueKind
  file: ExternalFile
  message: string
  offset: number
}

/** How a location is shown in messages: quoted with escapes (a NUL shows as \u0000), cut when long. */
export function shown(location: string): string {
  const text = JSON.stringify(location)
  return text.length > 200 ? `${text.slice(0, 200)}…"` : text
}

const tensorsOf = (file: ExternalFile): string => `${file.tensors} tensor${file.tensors === 1 ? '' : 's'} (first: ${JSON.stringify(file.tensor)})`

/** The checks without the file system: escapes and numbers loaders refuse. */
function lexicalIssues(file: ExternalFile): Issue[] {
  const issues: Issue[] = []
  const reason = file.cut ? `is over ${MAX_STRING} bytes long (not checked further)` : escapeReason(file.location)
  if (reason !== undefined) {
    issues.push({
      kind: 'escape',
      file,
      offset: file.offset,
      message: `external data of ${tensorsOf(file)} is read from ${shown(file.location)}, which ${reason}: loaders that do not refuse it (onnx before 1.16, other runtimes) read a file outside the model's folder`
    })
  }
  if (file.bad !== undefined) {
    const { tensor, key, value, offset } = file.bad
    issues.push({ kind: 'bounds', file, offset, message: `tensor ${JSON.stringify(tensor)} has external-data ${key} ${JSON.stringify(value)} for ${shown(file.location)}: not a non-negative integer` })
  }
  return issues
}

/** The checks against the model's folder, for a location that stays inside it lexically. */
async function localIssues(file: ExternalFile, base: string, realBase: string): Promise<Issue[]> {
  const target = join(base, openedPath(file.location))
  const issue = (kind: IssueKind, message: string): Issue[] => [{ kind, file, offset: file.offset, message }]
  try {
    await lstat(target)
  } catch {
    return issue('missing', `external data file ${shown(file.location)} of ${tensorsOf(file)} does not exist next to the model: the model does not load as it is`)
  }
  const real = await realpath(target).catch(() => undefined)
  if (real === undefined) return issue('missing', `external data ${shown(file.location)} of ${tensorsOf(file)} is a symbolic link to nothing (or an unreadable path)`)
  if (real !== realBase && !real.startsWith(realBase.endsWith(sep) ? realBase : realBase + sep)) {
    return issue('escape', `external data of ${tensorsOf(file)} is read from ${shown(file.location)}, which resolves outside the model's folder through a symbolic link (to ${shown(real)})`)
  }
  const info = await stat(target)
  if (!info.isFile()) return issue('missing', `external data ${shown(file.location)} of ${tensorsOf(file)} is not a regular file`)
  if (file.end > BigInt(info.size)) {
    return issue('bounds', `tensor ${JSON.stringify(file.endTensor)} reads external data up to byte ${file.end} of ${shown(file.location)}, which has ${info.size} bytes`)
  }
  return []
}

/**
 * Every issue of the external files; `modelPath`: the model's local path as a loader is given
 * it (undefined for remote files and archive members: only the lexical checks run).
 */
export async function externalIssues(files: Iterable<ExternalFile>, modelPath: string | undefined): Promise<Issue[]> {
  const base = modelPath === undefined ? undefined : dirname(modelPath)
  const realBase = base === undefined ? undefined : await realpath(base)
  const issues: Issue[] = []
  for (const file of files) {
    const lexical = lexicalIssues(file)
    issues.push(...lexical)
    if (base !== undefined && realBase !== undefined && !lexical.some((i) => i.kind === 'escape')) issues.push(...(await localIssues(file, base, realBase)))
  }
  return issues
}
