// Tar archives, for the torch < 0.4 checkpoint format (formats.md §2.4): members `storages`,
// `tensors` and `pickle`, read by torch.load's `legacy_load` with tarfile mode "r:". Every
// member is scanned by content; in a torch tar, `storages` and `tensors` are walked the way
// legacy_load reads them (each small pickle analysed, raw data skipped by the sizes it
// declares), failing closed where a size cannot be known.
import { RULES, type Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import { sliceSource, sourceChunks, type Source } from '../source.js'
import { analyzePickleStream } from '../pickle/analyze.js'
import { deeper, incompleteFinding, type ContentScanner, type Scanned } from '../containers/content.js'
import { entryPath, quote } from '../zip/report.js'
import { intPickle } from './torch-legacy-magic.js'

const BLOCK = 512
/** Members listed per archive before the walk stops with `scan/incomplete`. */
const MAX_MEMBERS = 100_000
/** Storage or tensor records walked per member before the walk stops with `scan/incomplete`. */
const MAX_RECORDS = 1_000_000

interface TarMember {
  name: string
  /** Offset of the member's data in the archive. */
  offset: number
  size: number
}

function text(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0)
  return Buffer.from(bytes.buffer, bytes.byteOffset, nul < 0 ? bytes.length : nul).toString('utf8')
}

/** tarfile's `nti`: octal digits, or base-256 when the first byte has its high bit set. */
function number(field: Uint8Array): number | undefined {
  if (field[0] & 0x80) {
    let n = 0
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]
    return Number.isSafeInteger(n) ? n : undefined
  }
  const digits = text(field).trim()
  if (digits === '') return 0
  return /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : undefined
}

/** tarfile accepts the unsigned or the signed header sum, with the checksum field as spaces. */
function checksumOk(block: Uint8Array): boolean {
  const stored = number(block.subarray(148, 156))
  let unsigned = 0
  let signed = 0
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]
    unsigned += b
    signed += b > 127 ? b - 256 : b
  }
  return stored === unsigned || stored === signed
}

function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>()
  const all = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')
  for (const m of all.matchAll(/(\d+) ([^=\n]+)=([^\n]*)\n/g)) records.set(m[2], m[3])
  return records
}

/** The regular members, as tarfile lists them (ustar prefix, GNU long names, pax path and size). */
async function listMembers(source: Source, ctx: ScanContext): Promise<{ members: TarMember[]; findings: Finding[] }> {
  const entry = ctx.entry
  const members: TarMember[] = []
  const findings: Finding[] = []
  let longName: string | undefined
  let pax = new Map<string, string>()
  let pos = 0
  while (pos + BLOCK <= source.size) {
    if (ctx.budget?.spent(ctx, pos)) break // a tar of many tiny members; scanFile reports the stop
    const block = await source.read(pos, BLOCK)
    if (block.every((b) => b === 0)) break
    if (!checksumOk(block)) {
      findings.push(incompleteFinding(`The tar header at offset ${pos} has a bad checksum: tarfile stops reading here, other tools may not. Members from here on were not analysed.`, entry, pos))
      break
    }
    const type = String.fromCharCode(block[156] || 0x30)
    const size = Number(pax.get('size') ?? number(block.subarray(124, 136)))
    if (!Number.isSafeInteger(size) || size < 0) {
      findings.push(incompleteFinding(`The tar header at offset ${pos} has an unreadable size: members from here on were not analysed.`, entry, pos))
      break
    }
    const dataOffset = pos + BLOCK
    const data = (): Promise<Uint8Array> => source.read(dataOffset, Math.min(size, 1 << 20))
    const prefix = text(block.subarray(345, 500))
    const name = pax.get('path') ?? longName ?? (prefix !== '' ? `${prefix}/${text(block.subarray(0, 100))}` : text(block.subarray(0, 100)))
    if (type === 'x') pax = paxRecords(await data())
    else if (type === 'L') longName = text(await data())
    else if (type !== 'g' && type !== 'K') {
      if (type === '0' || type === '7') members.push({ name, offset: dataOffset, size })
      pax = new Map()
      longName = undefined
    }
    if (members.length > MAX_MEMBERS) {
      findings.push(incompleteFinding(`More than ${MAX_MEMBERS} tar members: the rest were not analysed.`, entry, pos))
      break
    }
    pos = dataOffset + Math.ceil(size / BLOCK) * BLOCK
  }
  return { members, findings }
}

/** Element sizes of the storage classes legacy checkpoints name. */
const ELEMENT_SIZES: Record<string, number> = {
  DoubleStorage: 8,
  FloatStorage: 4,
  HalfStorage: 2,
  LongStorage: 8,
  IntStorage: 4,
  ShortStorage: 2,
  CharStorage: 1,
  ByteStorage: 1,
  BoolStorage: 1,
  BFloat16Storage: 2,
  ComplexDoubleStorage: 16,
  ComplexFloatStorage: 8
}

/**
 * Walks `storages` or `tensors` as legacy_load reads them: a count pickle, then per record a
 * pickle plus raw data whose size the record declares, then (storages) one more pickle.
 */
async function walkRecords(member: Source, kind: 'storages' | 'tensors', ctx: ScanContext): Promise<{ findings: Finding[]; sawPickle: boolean }> {
  const findings: Finding[] = []
  let sawPickle = false
  let pos = 0
  const pickle = async (): Promise<{ end: number; bytes: Uint8Array } | undefined> => {
    const result = await analyzePickleStream(sourceChunks(member, pos), { ctx, baseOffset: pos, maxPickles: 1 })
    findings.push(...result.findings)
    sawPickle ||= result.sawPickle
    if (result.pickles < 1) return undefined
    const bytes = await member.read(pos, Math.min(result.end - pos, 4096))
    pos = result.end
    return { end: result.end, bytes }
  }
  const stop = (why: string): { findings: Finding[]; sawPickle: boolean } => {
    findings.push(incompleteFinding(`The legacy torch ${kind} member could not be walked past offset ${pos} (${why}): the pickles after it were not analysed.`, ctx.entry, pos))
    return { findings, sawPickle }
  }
  const first = await member.read(0, 4096)
  const count = intPickle(first, 0)
  if ((await pickle()) === undefined) return { findings, sawPickle }
  if (count === undefined || count.value < 0n || count.value > BigInt(MAX_RECORDS)) return stop('the record count is not a literal int')
  for (let i = 0n; i < count.value; i++) {
    const record = await pickle()
    if (record === undefined) return { findings, sawPickle }
    const fixed = await member.read(pos, 16)
    const view = new DataView(fixed.buffer, fixed.byteOffset, fixed.byteLength)
    if (kind === 'storages') {
      const storageType = /c(?:torch|torch\.cuda)\n(\w+)\n/.exec(Buffer.from(record.bytes).toString('latin1'))?.[1]
      const elementSize = storageType !== undefined ? ELEMENT_SIZES[storageType] : undefined
      if (elementSize === undefined || fixed.length < 8) return stop('the storage type is not a known torch storage global')
      const elements = view.getBigInt64(0, true)
      const next = pos + 8 + Number(elements) * elementSize
      if (elements < 0n || !Number.isSafeInteger(next) || next > member.size) return stop('the storage size runs past the member')
      pos = next
    } else {
      if (fixed.length < 4) return stop('the tensor record is truncated')
      const ndim = view.getInt32(0, true)
      if (ndim < 0 || ndim > 64) return stop('the tensor rank is not plausible')
      pos += 8 + 16 * ndim + 8
      if (pos > member.size) return stop('the tensor record runs past the member')
    }
  }
  if (kind === 'storages') await pickle()
  return { findings, sawPickle }
}

/**
 * The tensor types a `tensors` record names (`torch.FloatTensor`, ...): legacy_load only unpacks
 * them and never calls them, so inside that member they are data.
 */
const LEGACY_TENSOR_TYPES = ['Double', 'Float', 'Half', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool'].flatMap((t) => [`torch.${t}Tensor`, `torch.cuda.${t}Tensor`])

export async function scanTar(source: Source, ctx: ScanContext, scan: ContentScanner): Promise<Scanned> {
  const { members, findings } = await listMembers(source, ctx)
  const names = new Set(members.map((m) => m.name))
  const torch = names.has('pickle') && names.has('storages') && names.has('tensors')
  if (torch) {
    findings.unshift({
      rule: RULES.torchLegacyFormat,
      severity: 'info',
      message:
        'torch < 0.4 tar checkpoint: torch.load unpickles its storages, tensors and pickle members (weights_only=True refuses it). Re-save it with a current torch, or better as safetensors.',
      ...(ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {})
    })
  }
  let pickleSeen: Scanned['pickleSeen']
  for (const member of members) {
    const entry = entryPath(ctx.entry, member.name)
    const child = deeper(ctx, entry, `tar member ${quote(member.name)}`)
    if ('skipped' in child) {
      findings.push(child.skipped)
      continue
    }
    const data = sliceSource(source, member.offset, member.size)
    if (torch && (member.name === 'storages' || member.name === 'tensors')) {
      const options = { ...child.ctx.options, allowGlobals: [...child.ctx.options.allowGlobals, ...LEGACY_TENSOR_TYPES] }
      const walked = await walkRecords(data, member.name, member.name === 'tensors' ? { ...child.ctx, options } : child.ctx)
      findings.push(...walked.findings)
      if (walked.sawPickle) pickleSeen ??= { entry }
      continue
    }
    const scanned = await scan({ name: member.name, source: data, stream: sourceChunks(data), size: member.size }, child.ctx)
    findings.push(...scanned.findings)
    pickleSeen ??= scanned.pickleSeen
  }
  return { format: torch ? 'pytorch-legacy' : 'other', findings, details: { members: members.length }, ...(pickleSeen !== undefined ? { pickleSeen } : {}) }
}
