// Unites the miniz, Python and local-walk views: every distinct data range any of them would
// read becomes one member, and every way they disagree becomes a `zip/anomaly` finding.
// Flags and methods that stop the analysis become `scan/incomplete`.
import type { Finding } from '../findings.js'
import type { CentralEntry, MinizView, PythonEntry, PythonView } from './central.js'
import type { LocalHeaders, WalkView } from './local-walk.js'
import { ZIP_METHODS } from '../decompress/index.js'
import { FLAG, asciiLowerKey, bytesEqual, displayName, methodName } from './records.js'
import { describePrefix } from './prefix.js'
import { incomplete, quote, quoteList, zipAnomaly } from './report.js'
import type { MemberRef, ZipMember } from './types.js'

/** Reference §9: a member is a likely bomb when it claims more than 256 MiB at a ratio above 100. */
const BOMB_SIZE = 256 * 1024 * 1024
const BOMB_RATIO = 100
/** Anomalies reported per archive; the rest are summarised in one more finding. */
export const MAX_ANOMALIES = 200

export interface UnionInput {
  miniz: MinizView
  python: PythonView
  walk: WalkView
  headers: LocalHeaders
  /** Every `PK\x05\x06` in the searched tail. */
  endSignatures: number[]
  startsWithLocalHeader: boolean
  prefix?: string
}

function end(m: ZipMember): number {
  return m.dataOffset + m.compSize
}

function cdViews(m: ZipMember): boolean {
  return m.views.includes('miniz') || m.views.includes('python')
}

/** For an offset, the member whose [local header, data end) range contains it (after its start), if any. */
function containerFinder(candidates: ZipMember[]): (offset: number) => ZipMember | undefined {
  const sorted = [...candidates].sort((a, b) => a.localOffset - b.localOffset)
  // widest[i]: the member reaching furthest among sorted[0..i].
  const widest: ZipMember[] = []
  for (const [i, m] of sorted.entries()) widest.push(i > 0 && end(widest[i - 1]) >= end(m) ? widest[i - 1] : m)
  return (offset) => {
    let lo = 0
    let hi = sorted.length - 1
    let last = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid].localOffset < offset) {
        last = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return last >= 0 && end(widest[last]) > offset ? widest[last] : undefined
  }
}

export async function unite(input: UnionInput): Promise<{ members: ZipMember[]; findings: Finding[] }> {
  const { miniz, python, walk, headers, prefix } = input
  const anomalies: Finding[] = []
  const incompletes: Finding[] = []
  const byKey = new Map<string, ZipMember>()

  const add = async (
    ref: MemberRef,
    localOffset: number,
    fields: { method: number; compSize: number; uncompSize: number; crc: number; flags: number }
  ): Promise<ZipMember | undefined> => {
    const header = await headers.get(localOffset)
    if (!header) return undefined // no loader can read an entry without its local header
    const key = `${localOffset}:${fields.method}:${fields.compSize}`
    let member = byKey.get(key)
    if (!member) {
      member = {
        localOffset,
        dataOffset: header.dataOffset,
        method: fields.method,
        compSize: fields.compSize,
        uncompSize: fields.uncompSize,
        crc: fields.crc,
        flags: 0,
        localName: displayName(header.nameBytes),
        names: [],
        refs: [],
        views: [],
        label: ref.name
      }
      byKey.set(key, member)
    }
    member.uncompSize = Math.max(member.uncompSize, fields.uncompSize)
    member.flags |= fields.flags
    member.refs.push(ref)
    if (!member.names.includes(ref.name)) member.names.push(ref.name)
    if (!member.views.includes(ref.view)) member.views.push(ref.view)
    return member
  }

  for (const [view, entries] of [
    ['miniz', miniz.entries],
    ['python', python.entries]
  ] as const) {
    for (const e of entries) e.member = await add({ view, index: e.index, name: e.name }, e.localOffset, e)
  }
  const walkMembers: ZipMember[] = []
  for (const [index, w] of walk.entries.entries()) {
    const member = await add({ view: 'walk', index, name: displayName(w.header.nameBytes) }, w.header.offset, {
      method: w.header.method,
      compSize: w.compSize,
      uncompSize: w.descriptor?.uncompSize ?? w.header.uncompSize,
      crc: w.descriptor?.crc ?? w.header.crc,
      flags: w.header.flags
    })
    if (member) walkMembers.push(member)
  }
  const members = [...byKey.values()].sort((a, b) => a.localOffset - b.localOffset || a.compSize - b.compSize)

  // --- End records and Zip64 ---------------------------------------------------------------
  const mEnd = miniz.end
  const pEnd = python.end
  if (mEnd && pEnd && mEnd.eocd.offset !== pEnd.eocd.offset) {
    anomalies.push(
      zipAnomaly(
        `torch.load (miniz) uses the end of central directory record at offset ${mEnd.eocd.offset}, Python zipfile the one at ${pEnd.eocd.offset}: they read different archives from one file`,
        prefix,
        [],
        mEnd.eocd.offset
      )
    )
  }
  const cdStarts = [mEnd?.cdOffset, pEnd?.cdStart].filter((s): s is number => s !== undefined && !Number.isNaN(s))
  const floor = cdStarts.length > 0 ? Math.min(...cdStarts) : 0
  const used = new Set([mEnd?.eocd.offset, pEnd?.eocd.offset])
  const extraEnds = input.endSignatures.filter((s) => s >= floor && !used.has(s))
  if (extraEnds.length > 0) {
    anomalies.push(
      zipAnomaly(
        `another end of central directory signature${extraEnds.length > 1 ? 's' : ''} at offset ${extraEnds.slice(0, 10).join(', ')}${extraEnds.length > 10 ? ', ...' : ''} after the central directory (in the archive comment or trailing data): readers that search differently pick different end records`,
        prefix,
        [],
        extraEnds[0],
        { offsets: extraEnds.slice(0, 10) }
      )
    )
  }
  const locator = mEnd?.locator ?? pEnd?.locator
  if (locator && mEnd && pEnd && mEnd.zip64?.offset !== pEnd.zip64?.offset) {
    const fixed = locator.offset - 56
    anomalies.push(
      zipAnomaly(
        `the Zip64 locator points to offset ${locator.recordOffset} (used by torch.load/miniz) but Python zipfile reads the Zip64 end record at the fixed position ${fixed}${pEnd.zip64 ? '' : ' (none there, so it falls back to the 32-bit fields)'}: the loaders use different central directories`,
        prefix,
        [],
        locator.offset,
        { locatorOffset: locator.recordOffset, fixedOffset: fixed }
      )
    )
  }

  // --- Whole-archive refusals ---------------------------------------------------------------
  const reading = (v: MinizView | PythonView) => `${v.entries.length} entr${v.entries.length === 1 ? 'y' : 'ies'}`
  if (miniz.rejected && !python.rejected) {
    anomalies.push(
      zipAnomaly(
        `torch.load (miniz) refuses this archive (${miniz.rejected}) but Python zipfile reads ${reading(python)}: the loaders disagree`,
        prefix,
        [],
        mEnd?.eocd.offset ?? 0
      )
    )
  } else if (python.rejected && !miniz.rejected) {
    anomalies.push(
      zipAnomaly(
        `Python zipfile refuses this archive (${python.rejected}) but torch.load (miniz) reads ${reading(miniz)}: the loaders disagree`,
        prefix,
        [],
        pEnd?.eocd.offset ?? mEnd?.eocd.offset ?? 0
      )
    )
  } else if (python.rejected && miniz.rejected) {
    anomalies.push(
      zipAnomaly(
        `neither torch.load (miniz: ${miniz.rejected}) nor Python zipfile (${python.rejected}) can read the central directory, yet streaming unzippers see ${walk.entries.length} local entr${walk.entries.length === 1 ? 'y' : 'ies'}`,
        prefix,
        [],
        mEnd?.eocd.offset ?? pEnd?.eocd.offset ?? 0
      )
    )
  }

  // --- Prepended data -----------------------------------------------------------------------
  const firstLocal = members.length > 0 ? members[0].localOffset : 0
  if (!input.startsWithLocalHeader && members.length > 0) {
    const looks = await describePrefix(headers.source, firstLocal)
    anomalies.push(
      zipAnomaly(
        `${firstLocal} bytes precede the first local header: prepended data that looks like ${looks.description}. ` +
          `Python zipfile (zipfile.is_zipfile, Keras, custom loaders) still opens the archive${pEnd && pEnd.concat !== 0 ? `, shifting every offset by ${pEnd.concat}` : ''}; ` +
          'torch.load and np.load need PK\\x03\\x04 at offset 0 and read the leading bytes instead (torch.load\'s legacy path and np.load(allow_pickle=True) unpickle them): the loaders run different content',
        prefix,
        [],
        0,
        { prepended: firstLocal, prependedKind: looks.kind }
      )
    )
  } else if (pEnd && !python.rejected && pEnd.concat !== 0) {
    anomalies.push(
      zipAnomaly(
        `Python zipfile assumes ${pEnd.concat} bytes were prepended (the end record's directory offset and size do not meet it) and shifts every offset by that; torch.load (miniz) uses the offsets as written`,
        prefix,
        [],
        pEnd.eocd.offset,
        { concat: pEnd.concat }
      )
    )
  }

  // --- miniz vs Python entry lists ----------------------------------------------------------
  if (!miniz.rejected && !python.rejected && mEnd && pEnd) {
    if (mEnd.cdOffset === pEnd.cdStart) {
      const onlyPython = python.entries.slice(miniz.entries.length).map((e) => e.name)
      const onlyMiniz = miniz.entries.slice(python.entries.length).map((e) => e.name)
      for (const [names, who, other] of [
        [onlyPython, 'Python zipfile', 'torch.load (miniz)'],
        [onlyMiniz, 'torch.load (miniz)', 'Python zipfile']
      ] as const) {
        if (names.length === 0) continue
        anomalies.push(
          zipAnomaly(
            `${names.length} central directory entr${names.length === 1 ? 'y is' : 'ies are'} read by ${who} but not by ${other} (the end record counts ${mEnd.totalEntries}, the directory holds more or fewer): ${quoteList(names)}`,
            prefix,
            names,
            mEnd.cdOffset
          )
        )
      }
    } else {
      const at = (e: CentralEntry) => `${e.name}\u0000${e.localOffset}`
      const mKeys = new Set(miniz.entries.map(at))
      const pKeys = new Set(python.entries.map(at))
      const onlyM = miniz.entries.filter((e) => !pKeys.has(at(e)))
      const onlyP = python.entries.filter((e) => !mKeys.has(at(e)))
      const list = (es: CentralEntry[]) => es.slice(0, 10).map((e) => `${quote(e.name)} at offset ${e.localOffset}`).join(', ')
      anomalies.push(
        zipAnomaly(
          `torch.load (miniz) reads the central directory at offset ${mEnd.cdOffset} (${reading(miniz)}), Python zipfile the one at ${pEnd.cdStart} (${reading(python)})${onlyM.length ? `; only miniz reads ${list(onlyM)}` : ''}${onlyP.length ? `; only Python reads ${list(onlyP)}` : ''}`,
          prefix,
          [...onlyM, ...onlyP].map((e) => e.name),
          mEnd.cdOffset
        )
      )
    }
  }
  for (const e of python.entries) {
    if (e.name === e.origName) continue
    anomalies.push(
      zipAnomaly(
        `Python zipfile names entry ${quote(e.origName)} ${quote(e.name)} (cut at a NUL byte or replaced by a Unicode Path extra field), while torch.load (miniz) and the local header use the raw name: the loaders look it up under different names`,
        prefix,
        [e.name, e.origName],
        e.recordOffset
      )
    )
  }

  // --- Local header vs central directory ----------------------------------------------------
  const walkByOffset = new Map(walk.entries.map((w) => [w.header.offset, w]))
  const checked = new Set<string>()
  for (const e of [...miniz.entries, ...python.entries] as CentralEntry[]) {
    const header = e.member && (await headers.get(e.localOffset))
    if (!header) continue
    const key = `${e.localOffset}:${e.recordOffset}`
    if (checked.has(key)) continue
    checked.add(key)
    const localName = displayName(header.nameBytes)
    if (!bytesEqual(header.nameBytes, e.nameBytes)) {
      anomalies.push(
        zipAnomaly(
          `the local header at offset ${e.localOffset} names the entry ${quote(localName)} but the central directory ${quote(e.name)}: Python zipfile refuses to open it, torch.load (miniz) never compares the names, and streaming unzippers extract it as ${quote(localName)}`,
          prefix,
          [e.name, localName],
          e.localOffset
        )
      )
    }
    const diffs: string[] = []
    if (header.method !== e.method) diffs.push(`method ${header.method} vs ${e.method}`)
    const deferred = (header.flags & FLAG.descriptor) !== 0 && header.compSize === 0
    if (!deferred) {
      if (header.compSize !== e.compSize) diffs.push(`compressed size ${header.compSize} vs ${e.compSize}`)
      if (header.uncompSize !== e.uncompSize) diffs.push(`uncompressed size ${header.uncompSize} vs ${e.uncompSize}`)
      if (header.crc !== e.crc && !(header.flags & FLAG.descriptor)) diffs.push(`CRC ${header.crc} vs ${e.crc}`)
    } else {
      const w = walkByOffset.get(e.localOffset)
      if (w && w.compSize !== e.compSize) {
        diffs.push(
          `sizes deferred to a data descriptor (local sizes zero): a streaming reader ends the data after ${w.compSize} bytes (${w.sizeFrom}), the central directory says ${e.compSize}`
        )
      }
    }
    if (diffs.length > 0) {
      anomalies.push(
        zipAnomaly(
          `entry ${quote(e.name)}: local header and central directory disagree (${diffs.join('; ')}); loaders take the central directory, streaming unzippers the local header`,
          prefix,
          [e.name],
          e.localOffset
        )
      )
    }
  }

  // --- Hidden local headers -----------------------------------------------------------------
  const referenced = new Set([...miniz.entries, ...python.entries].map((e) => e.localOffset))
  const hidden = new Set<ZipMember>()
  if (!miniz.rejected || !python.rejected) {
    const containing = containerFinder(members.filter(cdViews))
    for (const m of walkMembers) {
      if (referenced.has(m.localOffset) || hidden.has(m)) continue
      hidden.add(m)
      const container = containing(m.localOffset)
      anomalies.push(
        zipAnomaly(
          `the local header at offset ${m.localOffset} (${quote(m.localName)}) is not in the central directory${container ? ` and lies inside the data of ${quote(container.label)}` : ''}: zip loaders do not list it, streaming unzippers extract it`,
          prefix,
          container ? [m.localName, container.label] : [m.localName],
          m.localOffset
        )
      )
    }
  }

  // --- Overlapping and shared data ----------------------------------------------------------
  let cover: ZipMember | undefined
  for (const m of members.filter(cdViews).sort((a, b) => a.localOffset - b.localOffset || end(b) - end(a))) {
    if (cover && m.localOffset < end(cover)) {
      anomalies.push(
        zipAnomaly(
          m.localOffset === cover.localOffset
            ? `entries ${quote(cover.label)} and ${quote(m.label)} start at the same local header (offset ${m.localOffset}) with different sizes or methods: readers decode different data for them`
            : `the local header of ${quote(m.label)} (offset ${m.localOffset}) lies inside the data of ${quote(cover.label)} (${cover.dataOffset}-${end(cover)}): an entry hidden inside another, which Python zipfile rejects as overlapped and miniz reads`,
          prefix,
          [m.label, cover.label],
          m.localOffset
        )
      )
    }
    if (!cover || end(m) > end(cover)) cover = m
  }
  for (const m of members) {
    for (const view of ['miniz', 'python'] as const) {
      const refs = m.refs.filter((r) => r.view === view)
      if (refs.length < 2) continue
      const names = refs.map((r) => r.name)
      anomalies.push(
        zipAnomaly(
          `${refs.length} central directory entries (${quoteList(names)}) share the data at offset ${m.localOffset} in the ${view === 'miniz' ? 'miniz' : 'Python'} view: one local header read under several names (Python zipfile reports overlapped entries)`,
          prefix,
          names,
          m.localOffset
        )
      )
      break
    }
  }
  const directories = [
    mEnd && !miniz.rejected ? [mEnd.cdOffset, mEnd.cdOffset + mEnd.cdSize] : undefined,
    pEnd && !python.rejected ? [pEnd.cdStart, pEnd.cdStart + pEnd.cdSize] : undefined
  ].filter((d): d is number[] => d !== undefined)
  for (const m of members.filter(cdViews)) {
    const dir = directories.find(([s, e]) => m.localOffset < e && end(m) > s)
    if (!dir) continue
    anomalies.push(
      zipAnomaly(
        `the data of ${quote(m.label)} (${m.localOffset}-${end(m)}) overlaps the central directory (${dir[0]}-${dir[1]})`,
        prefix,
        [m.label],
        m.localOffset
      )
    )
  }

  // --- Names --------------------------------------------------------------------------------
  const listing: CentralEntry[] = !miniz.rejected ? miniz.entries : python.entries
  const groups = new Map<string, CentralEntry[]>()
  for (const e of listing) {
    const k = asciiLowerKey(e.nameBytes)
    const group = groups.get(k)
    if (group) group.push(e)
    else groups.set(k, [e])
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const names = group.map((e) => e.name)
    const same = group.every((e) => bytesEqual(e.nameBytes, group[0].nameBytes))
    anomalies.push(
      zipAnomaly(
        same
          ? `${group.length} entries are named ${quote(group[0].name)}: Python zipfile uses the last one, torch.load (miniz) picks one unpredictably (all were scanned)`
          : `entry names ${quoteList(names)} differ only in letter case: torch.load (miniz) looks names up case-insensitively and may read any of them (all were scanned)`,
        prefix,
        names,
        group[1].recordOffset
      )
    )
  }
  const pyGroups = new Map<string, PythonEntry[]>()
  for (const e of python.entries) {
    const group = pyGroups.get(e.name)
    if (group) group.push(e)
    else pyGroups.set(e.name, [e])
  }
  for (const group of pyGroups.values()) {
    if (group.length < 2 || group.every((e) => bytesEqual(e.nameBytes, group[0].nameBytes))) continue
    anomalies.push(
      zipAnomaly(
        `Python zipfile reads ${group.length} different entries under the name ${quote(group[0].name)} and uses the last one`,
        prefix,
        group.map((e) => e.origName),
        group[1].recordOffset
      )
    )
  }

  // --- Per-member properties ----------------------------------------------------------------
  for (const m of members) {
    if (m.uncompSize > BOMB_SIZE && m.uncompSize > BOMB_RATIO * Math.max(m.compSize, 1)) {
      anomalies.push(
        zipAnomaly(
          `entry ${quote(m.label)} claims ${m.uncompSize} bytes from ${m.compSize} compressed (ratio above ${BOMB_RATIO}): possible zip bomb`,
          prefix,
          [m.label],
          m.localOffset,
          { compressedSize: m.compSize, uncompressedSize: m.uncompSize }
        )
      )
    }
    const reasons: string[] = []
    if (m.flags & (FLAG.encrypted | FLAG.strongEncryption)) {
      reasons.push('it is flagged encrypted (miniz refuses it, Python zipfile needs a password); its bytes were scanned as they are, but decrypted content could not be')
    }
    if (m.flags & FLAG.patched) reasons.push('it is flagged as compressed patch data, which no supported reader decodes')
    if (m.method !== 0 && ZIP_METHODS[m.method] === undefined) reasons.push(`it uses compression method ${methodName(m.method)}, which modelgate does not decode`)
    if (reasons.length > 0) {
      incompletes.push(
        incomplete(`entry ${quote(m.label)} was not fully analysed: ${reasons.join('; ')}`, prefix, m.label, m.localOffset, {
          method: m.method,
          flags: m.flags
        })
      )
    }
  }

  const findings = anomalies.slice(0, MAX_ANOMALIES)
  if (anomalies.length > MAX_ANOMALIES) {
    findings.push(
      zipAnomaly(`${anomalies.length - MAX_ANOMALIES} further zip anomalies were not listed`, prefix, [], 0, {
        count: anomalies.length - MAX_ANOMALIES
      })
    )
  }
  return { members, findings: [...findings, ...incompletes] }
}
