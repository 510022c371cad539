// Does the start of a file read as a pickle to a loader? Used by format sniffing on
// the first ≤ 64 KiB of every file, whatever its name. It runs the real decoder with a
// stack-height check, so text (README, JSON, CSV, prose) is rejected while anything a
// loader would start executing is accepted.
import type { Source } from '../source.js'
import { Decoder, Step } from './decoder.js'
import { Arg, HIGHEST_PROTOCOL, Op, OPCODES, opName } from './opcodes.js'

/** A name `__import__` could find: dotted identifiers. */
const IMPORTABLE = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u

/** Where and why a loader stops on bytes before running anything: they are not a pickle it could act on. */
export interface NotPickle {
  offset: number
  reason: string
  /** The verdict rests on where `head` ends: a longer head may decode further. */
  short?: true
}

/**
 * Bytes that settle most probes: tensor data and text fail on their first opcodes. A probe of
 * this many bytes that is not `short` gives the verdict a longer head would.
 */
export const PROBE_FIRST = 4096

/**
 * True when a loader would act on `head` as a pickle: it starts with PROTO (≤ 5); or
 * its opcodes decode validly from offset 0 (without stack underflow) until STOP or the
 * end of the head; or it reaches an import or call opcode before the first error.
 * `fileSize`: the size of the whole file `head` starts; running out of bytes within the
 * file is truncation, running out of the head is not.
 */
export function probePickle(head: Uint8Array, fileSize: number): boolean {
  return whyNotPickle(head, fileSize) === null
}

const underflow = (name: string): string => `${name} needs more stack items than the data before it pushed`

/** probePickle's verdict with its reason: null when a loader would act on `head`, else where it stops. */
export function whyNotPickle(head: Uint8Array, fileSize: number): NotPickle | null {
  const isWholeFile = head.length >= fileSize
  if (head.length >= 2 && head[0] === Op.PROTO && head[1] <= HIGHEST_PROTOCOL) return null
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
  const dec = new Decoder()
  const marks: number[] = []
  let height = 0
  let pos = 0
  const stop = (reason: string): NotPickle => ({ offset: pos, reason })
  for (let decoded = 0; ; decoded++) {
    const step = dec.decode(buf, pos, buf.length, isWholeFile, pos)
    if (step === Step.Need || step === Step.Large || step === Step.LongLine) {
      if (isWholeFile) return stop(`pickle data was truncated inside ${opName(dec.code)}`)
      if (decoded > 0) return null // ran off the head mid-stream after whole opcodes
      // The first opcode's argument runs past the head: plausible when its declared length
      // fits in the file (a loader reads it and goes on: a big BINBYTES can hide what
      // follows), not for text, whose "length" is four letters.
      const lengthPrefixed = step === Step.Need && OPCODES[dec.code]!.arg >= Arg.Len1
      const extent = step === Step.Large ? dec.next + dec.num : lengthPrefixed ? pos + dec.need : Infinity
      if (extent <= fileSize) return null
      if (lengthPrefixed || step === Step.Large) return stop(`${opName(dec.code)} declares more bytes than the file holds`)
      return { ...stop(`the text argument of ${opName(dec.code)} has no newline within the first ${head.length} bytes`), short: true }
    }
    if (step === Step.End) return stop('the data ends without STOP')
    if (step !== Step.Op || dec.fault !== null) return stop(dec.fault ?? 'the loader rejects the opcode')
    const info = OPCODES[dec.code]!
    const fence = marks.length > 0 ? marks[marks.length - 1] : 0
    if (dec.code === Op.POP) {
      if (marks.length > 0 && fence === height) marks.pop()
      else if (height-- <= fence) return stop(underflow(info.name))
    } else if (info.mark === 1) marks.push(height)
    else if (info.mark > 0) {
      const mark = marks.pop()
      if (mark === undefined || (info.mark === 3 && mark === 0)) return stop(`${info.name} without a MARK before it`)
      height = mark + info.push
    } else {
      if (height - fence < info.pop) return stop(underflow(info.name))
      height += info.push - info.pop
    }
    if (dec.code === Op.STOP) return null
    if (info.acts) {
      if (dec.code !== Op.GLOBAL && dec.code !== Op.INST) return null
      return IMPORTABLE.test(dec.module) && IMPORTABLE.test(dec.name) ? null : stop(`${info.name} names no importable module and attribute`)
    }
    pos = dec.next
  }
}

/** How far past the head a first text argument is followed before it counts as a pickle anyway. */
export const LONG_FIRST_LINE_MAX = 16 << 20

/**
 * probePickle over a file whose first opcode may take a text line longer than `head`
 * (`V` + 100 KB + `\n` + payload loads fine): read on to the newline, bounded by
 * LONG_FIRST_LINE_MAX, and probe again. Past the bound it is a pickle (fail closed).
 * Null when it reads as a pickle, else why not.
 */
export async function probePickleSource(source: Source, head: Uint8Array): Promise<NotPickle | null> {
  const verdict = whyNotPickle(head, source.size)
  if (verdict === null) return null
  const first = OPCODES[head[0]]
  if (head.length >= source.size || first === undefined || (first.arg !== Arg.Line && first.arg !== Arg.Line2) || head.includes(0x0a)) return verdict
  const chunks: Uint8Array[] = [head]
  let read = head.length
  while (read < source.size) {
    if (read >= LONG_FIRST_LINE_MAX) return null
    const chunk = await source.read(read, head.length)
    // Bytes past the head are not at hand (a streamed archive member): cannot rule it out.
    if (chunk.length === 0) return null
    chunks.push(chunk)
    read += chunk.length
    const newline = chunk.indexOf(0x0a)
    if (newline >= 0) return whyNotPickle(Buffer.concat([...chunks, await source.read(read, head.length)]), source.size)
  }
  return { offset: 0, reason: `the text argument of ${first.name} has no newline before the end of the file` }
}
