// The adversarial-safe zip reader: one pass over the end records, the central directory as
// miniz and as Python zipfile read it, and a forward walk of local headers; then the union of
// every data range any of them would decode, with their disagreements as findings.
// Only positioned reads: a well-formed archive costs the tail, the central directory and one
// small read per local header, whatever the size of its members.
import type { Finding } from '../findings.js'
import type { Limits } from '../policy.js'
import type { Source } from '../source.js'
import { MAX_ZIP_ENTRIES, minizView, pythonView, scanCentral, type CentralScan, type MinizView, type PythonView } from './central.js'
import { minizEnd, pythonEnd, readTail } from './eocd.js'
import { LocalHeaders, MAX_SEARCH_BYTES, walkLocalHeaders, type WalkView } from './local-walk.js'
import { SIG, asciiLowerKey, u32 } from './records.js'
import { incomplete } from './report.js'
import type { ZipMember } from './types.js'
import { unite } from './union.js'

export { MAX_CENTRAL_DIRECTORY_BYTES, MAX_ZIP_ENTRIES } from './central.js'
export type { CentralEntry, MinizView, PythonEntry, PythonView } from './central.js'
export { directoryFromEnd, tailSource, TAIL_WINDOW } from './eocd.js'
export { MAX_SEARCH_BYTES, type WalkEntry, type WalkView } from './local-walk.js'
export { memberReadFindings, openMember, type MemberReadResult, type MemberReader } from './entry-stream.js'
export type { MemberRef, ZipMember, ZipViewName } from './types.js'

export interface ZipArchive {
  /** An end record was found by either loader's search, or the file starts with a local header. */
  isZip: boolean
  /** `PK\x03\x04` at offset 0: torch.load's `_is_zipfile` test (otherwise it takes the legacy path). */
  startsWithLocalHeader: boolean
  views: { miniz: MinizView; python: PythonView; walk: WalkView }
  /** Distinct data ranges to analyse, by local header offset. */
  members: ZipMember[]
  /** `zip/anomaly` and `scan/incomplete`, `location.entry` prefixed with `opts.entry`. */
  findings: Finding[]
}

export interface ReadZipOptions {
  /** Path of this archive inside an outer one; prefixed to every `location.entry`. */
  entry?: string
  limits: Limits
}

export async function readZip(source: Source, opts: ReadZipOptions): Promise<ZipArchive> {
  const head = await source.read(0, 4)
  const startsWithLocalHeader = head.length === 4 && u32(head, 0) === SIG.local
  const tail = await readTail(source)
  const [mEnd, pEnd] = await Promise.all([minizEnd(source, tail), pythonEnd(source, tail)])
  const isZip = startsWithLocalHeader || 'eocd' in mEnd || 'eocd' in pEnd

  const scans = new Map<string, Promise<CentralScan>>()
  const scan = (start: number, size: number): Promise<CentralScan> => {
    const key = `${start}:${size}`
    let s = scans.get(key)
    if (!s) {
      s = scanCentral(source, start, size)
      scans.set(key, s)
    }
    return s
  }
  const miniz: MinizView =
    'eocd' in mEnd
      ? mEnd.rejected
        ? { end: mEnd, entries: [], rejected: mEnd.rejected }
        : minizView(mEnd, await scan(mEnd.cdOffset, mEnd.cdSize), source.size)
      : { entries: [], rejected: mEnd.rejected }
  const python: PythonView =
    'eocd' in pEnd
      ? pEnd.rejected
        ? { end: pEnd, entries: [], rejected: pEnd.rejected }
        : pythonView(pEnd, await scan(pEnd.cdStart, pEnd.cdSize))
      : { entries: [], rejected: pEnd.rejected }

  const hints = new Map<number, number[]>()
  for (const e of [...miniz.entries, ...python.entries]) {
    const sizes = hints.get(e.localOffset)
    if (!sizes) hints.set(e.localOffset, [e.compSize])
    else if (!sizes.includes(e.compSize)) sizes.push(e.compSize)
  }
  const headers = new LocalHeaders(source, [...hints.keys()].sort((a, b) => a - b))
  const walk: WalkView = isZip ? await walkLocalHeaders(source, headers, hints) : { entries: [], stoppedAt: 0, stop: 'not a zip' }
  if (!isZip) return { isZip, startsWithLocalHeader, views: { miniz, python, walk }, members: [], findings: [] }

  const { members, findings } = await unite({
    miniz,
    python,
    walk,
    headers,
    endSignatures: tail.signatures,
    startsWithLocalHeader,
    prefix: opts.entry
  })
  for (const s of await Promise.all(scans.values())) {
    if (!s.capped) continue
    findings.push(
      incomplete(
        s.capped === 'entries'
          ? `the central directory has more than ${MAX_ZIP_ENTRIES} entries: the rest were not analysed`
          : `the central directory is ${s.size} bytes, more than modelgate reads: entries past the limit were not analysed`,
        opts.entry,
        undefined,
        s.start
      )
    )
  }
  if (walk.capped) {
    findings.push(
      incomplete(
        walk.capped === 'entries'
          ? `more than ${MAX_ZIP_ENTRIES} local headers: the rest were not analysed`
          : `local headers past offset ${walk.stoppedAt} were not searched for (search limit ${MAX_SEARCH_BYTES} bytes): hidden entries there were not analysed`,
        opts.entry,
        undefined,
        walk.stoppedAt
      )
    )
  }
  return { isZip, startsWithLocalHeader, views: { miniz, python, walk }, members, findings }
}

/**
 * `mz_zip_reader_locate_file(name, flags=0)` as PyTorch calls it: ASCII case-insensitive over
 * raw name bytes. miniz's winner among several matches depends on an unstable sort, so every
 * match is returned (in directory order); scan them all.
 */
export function minizLookup(archive: ZipArchive, name: string): ZipMember[] {
  const wanted = asciiLowerKey(new TextEncoder().encode(name))
  const found: ZipMember[] = []
  for (const e of archive.views.miniz.entries) {
    if (e.member && asciiLowerKey(e.nameBytes) === wanted && !found.includes(e.member)) found.push(e.member)
  }
  return found
}

/** `ZipFile.getinfo(name)`: the exact final name, the last duplicate wins. */
export function pythonLookup(archive: ZipArchive, name: string): ZipMember | undefined {
  const entries = archive.views.python.entries
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].name === name) return entries[i].member
  return undefined
}

/**
 * torch's `archive_name_`: central directory entry 0's name up to its first `/`. Null when that
 * name has no `/` (torch then fails: "file in archive is not in a subdirectory"); undefined when
 * miniz reads no entries.
 */
export function minizArchivePrefix(archive: ZipArchive): string | null | undefined {
  const first = archive.views.miniz.entries[0]
  if (!first) return undefined
  const slash = first.nameBytes.indexOf(0x2f)
  return slash < 0 ? null : new TextDecoder().decode(first.nameBytes.subarray(0, slash))
}
