// Zip archives: torch.save / TorchScript / torch.package zips, NumPy .npz and any other zip.
// The reader (src/scan/zip) unites what miniz, Python zipfile and streaming unzippers read; every
// member of that union is scanned by content (a pickle named data.txt is still a pickle), with
// `location.entry` = the member's name, nested archives joined with `/`.
import { RULES, type Finding, type Format } from '../findings.js'
import type { ScanContext } from '../context.js'
import { sliceSource, type ChunkStream, type Source } from '../source.js'
import { memberReadFindings, openMember, readZip, type MemberReader, type ZipArchive, type ZipMember } from '../zip/index.js'
import { entryPath, quote } from '../zip/report.js'
import { PROBE_FIRST, probePickle, whyNotPickle } from '../pickle/probe.js'
import { deeper, peek, type ContentScanner, type Scanned } from '../containers/content.js'
import { PICKLE_GLOBAL_RULES } from '../pickle/report.js'
import { SNIFF_HEAD } from '../sniff.js'
import { extensionOf } from '../names.js'
import { BudgetStop, timedChunks } from '../budget.js'
import { torchCodeFinding, torchLayout, torchScriptGlobals, type TorchLayout } from './torch-zip.js'
import { kerasConfigMembers, scanKerasConfigs } from '../keras/archive.js'

/** np.load of a zip: every member is a key; members without the NPY magic come back as raw bytes. */
function looksLikeNpz(archive: ZipArchive, name: string): boolean {
  if (extensionOf(name) === '.npz') return true
  const files = archive.views.python.entries.filter((e) => !e.name.endsWith('/'))
  return files.length > 0 && files.every((e) => e.name.endsWith('.npy'))
}

function isDirectory(member: ZipMember): boolean {
  return member.uncompSize === 0 && member.names.every((n) => n.endsWith('/'))
}

interface MemberScan {
  findings: Finding[]
  format?: Format
  pickleSeen?: Scanned['pickleSeen']
}

/** The first bytes of a member, its size as far as known, and a stream that still yields all of it. */
async function memberHead(stored: Source | undefined, reader: MemberReader, member: ZipMember): Promise<{ bytes: Uint8Array; size: number; stream: ChunkStream }> {
  if (stored !== undefined) return { bytes: await stored.read(0, SNIFF_HEAD), size: stored.size, stream: reader.stream }
  const peeked = await peek(reader.stream, SNIFF_HEAD)
  return { bytes: peeked.head, size: peeked.ended ? peeked.head.length : member.uncompSize, stream: peeked.stream }
}

/**
 * A torch storage's head when it may be a pickle, else null. Stored data is probed on its first
 * bytes first: tensor data fails at once, so a remote archive pays a few KiB per storage
 * (fetched ahead with the local headers), not a whole sniff head.
 */
async function storagePickleHead(stored: Source | undefined, reader: MemberReader, member: ZipMember): Promise<{ stream: ChunkStream } | null> {
  if (stored !== undefined) {
    const why = whyNotPickle(await stored.read(0, PROBE_FIRST), stored.size)
    if (why !== null && why.short !== true) return null
  }
  const head = await memberHead(stored, reader, member)
  return probePickle(head.bytes, head.size) ? { stream: head.stream } : null
}

/**
 * Scans one member by content. Raw torch storages are only checked for a real pickle payload:
 * torch never unpickles them, and tensor bytes may start like a pickle by chance.
 */
async function scanMember(source: Source, member: ZipMember, ctx: ScanContext, scan: ContentScanner, torch: TorchLayout | null): Promise<MemberScan> {
  const storage = torch?.storages.has(member) ?? false
  const entry = entryPath(ctx.entry, member.label)
  const child = deeper(ctx, entry, `archive entry ${quote(member.label)}`)
  if ('skipped' in child) return { findings: [child.skipped] }
  const budget = child.ctx.budget
  const reader = openMember(source, member, ctx.options.limits, budget && ((input) => timedChunks(input, budget, child.ctx, false)))
  // Stored data is a window of the archive: random access without buffering (nested zips).
  const stored = member.method === 0 ? sliceSource(source, member.dataOffset, Math.min(member.compSize, member.uncompSize)) : undefined
  let stream = reader.stream
  if (storage) {
    // Only the head of a storage is read (tensor data can be gigabytes): is it a pickle at all?
    const head = await storagePickleHead(stored, reader, member).catch((err: unknown) => {
      if (err instanceof BudgetStop) return null // read past the time budget (budget.ts); scanFile reports the stop
      throw err
    })
    if (head === null) return { findings: [] }
    stream = head.stream
  }
  const scanned = await scan({ name: member.label, stream, source: storage ? undefined : stored, size: member.uncompSize, torchRecord: torch !== null }, child.ctx)
  const read = memberReadFindings(member, reader.result(), ctx.entry)
  if (storage) return { findings: [...scanned.findings.filter((f) => PICKLE_GLOBAL_RULES.has(f.rule)), ...read] }
  return { findings: [...scanned.findings, ...read], format: scanned.format, pickleSeen: scanned.pickleSeen }
}

export async function scanZip(source: Source, ctx: ScanContext, name: string, scan: ContentScanner): Promise<Scanned> {
  const archive = await readZip(source, { entry: ctx.entry, limits: ctx.options.limits })
  const torch = torchLayout(archive, ctx.entry)
  const keras = torch === null ? kerasConfigMembers(archive, name) : null
  const format: Format = torch?.format ?? (keras !== null ? 'keras' : looksLikeNpz(archive, name) ? 'npz' : 'zip')
  const findings: Finding[] = [...archive.findings, ...(torch?.findings ?? [])]
  if (keras !== null) findings.push(...(await scanKerasConfigs(source, keras, ctx)))
  const classes = new Set<string>()
  let pickleSeen: Scanned['pickleSeen']
  for (const member of archive.members) {
    if (ctx.budget?.spent(ctx)) break // the file's time budget: scanFile reports where it stopped
    if (isDirectory(member)) continue
    const result = await scanMember(source, member, ctx, scan, torch)
    if (format === 'torchscript') {
      findings.push(...torchScriptGlobals(result.findings, classes))
      continue // its pickles are read by TorchScript's own unpickler, not Python's: no pickle/format verdict
    }
    findings.push(...result.findings, ...npzFindings(format, member, result, ctx))
    pickleSeen ??= result.pickleSeen
  }
  if (torch !== null && torch.format !== 'pytorch-zip') findings.push(torchCodeFinding(torch, classes, ctx.entry))
  return { format, findings, details: { entries: archive.members.length }, ...(pickleSeen !== undefined ? { pickleSeen } : {}) }
}

/** np.load returns a non-NPY member of an .npz as raw bytes: worth a note, not a risk. */
function npzFindings(format: Format, member: ZipMember, result: MemberScan, ctx: ScanContext): Finding[] {
  if (format !== 'npz' || result.format === undefined || result.format === 'numpy') return []
  return [
    {
      rule: RULES.numpyNonNpyMember,
      severity: 'info',
      message: `Entry ${quote(member.label)} of this .npz is not an NPY array (it is ${result.format} content): numpy.load returns it as raw bytes.`,
      location: { entry: entryPath(ctx.entry, member.label) ?? member.label }
    }
  ]
}
