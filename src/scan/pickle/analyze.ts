// Analyses a pickle byte stream: decodes it opcode by opcode (refilling from the chunk
// stream only when a decode step runs out of bytes), runs the symbolic machine, tracks
// FRAMEs, continues after STOP to the end of the stream (or `maxPickles`), scans bytes
// handed to nested deserializers, and keeps every finding made before a break.
import { RULES, type Finding } from '../findings.js'
import type { ScanContext } from '../context.js'
import { BudgetStop } from '../budget.js'
import { bufferSource, sourceChunks, type ChunkStream } from '../source.js'
import { Decoder, PREFIX, Step } from './decoder.js'
import { GlobalPolicy } from './globals-policy.js'
import { Input } from './input.js'
import { Machine, type BuildAction, type BuildHook, type NestedCall } from './machine.js'
import { Op, opName } from './opcodes.js'
import { DO_NOT_LOAD, FindingSink, where } from './report.js'

/** Scans bytes handed to a nested deserializer; offsets in its findings are relative to those bytes. */
export type NestedScanner = (bytes: Uint8Array, ctx: ScanContext) => Promise<Finding[]>

export interface AnalyzeOptions {
  /** Policy, limits and depth; `ctx.entry` goes into every finding's location. */
  ctx: ScanContext
  /** Offset of the stream's first byte within its entry or file, added to reported offsets. */
  baseOffset?: number
  /** Stop after this many pickles (legacy torch: 5, then raw storage bytes); default: to the end of the stream. */
  maxPickles?: number
  /** Scanner for bytes passed to `pickle.loads`, `torch.load`, ... (default: analyse them as a pickle). */
  nested?: NestedScanner
  /** Called after each BUILD; may make the analyzer skip inline raw data or read an inline pickle (joblib). */
  onBuild?: BuildHook
  /**
   * false: every opcode goes through the decoder and `Machine.exec`, never `Machine.runData`.
   * The results must be identical either way; tests compare the two.
   */
  dataFastPath?: boolean
}

export interface AnalyzeResult {
  findings: Finding[]
  /** STOPs reached (complete pickles). */
  pickles: number
  /** Stream offset (with `baseOffset`) just after the last consumed byte. */
  end: number
  /** Opcodes decoded. */
  opcodes: number
  /** Pickle data was seen: a STOP was reached, or something was imported or called. */
  sawPickle: boolean
  /** No global outside the allowlist (no dangerous, dynamic or unknown global, no frame desync). */
  allAllowlisted: boolean
}

/** Frames up to this size are buffered whole when they start, as the C unpickler checks them. */
const FRAME_PREFILL_MAX = 4 << 20
/** Bytes of decoded payloads above `PREFIX` kept per stream; past it, payloads keep only a prefix. */
const RETAIN_BUDGET = 64 << 20

export const defaultNestedScanner: NestedScanner = async (bytes, ctx) =>
  (await analyzePickleStream(sourceChunks(bufferSource(bytes)), { ctx })).findings

export async function analyzePickleStream(stream: ChunkStream, opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const { ctx } = opts
  const sink = new FindingSink(ctx.entry)
  const machine = new Machine(sink, new GlobalPolicy(ctx.options.allowGlobals), opts.onBuild)
  const input = new Input(stream, opts.baseOffset ?? 0)
  input.onRelease = () => machine.releaseInput()
  const dec = new Decoder()
  const maxOpcodes = ctx.options.limits.maxOpcodes
  let opcodes = 0
  let pickles = 0
  let inPickle = false
  let acted = false
  let retained = 0
  let frameStart = -1
  let frameEnd = -1
  const fastPath = opts.dataFastPath ?? true

  const broken = (offset: number, problem: string): void => {
    if (inPickle) sink.malformed(offset, machine.acted > 0 ? `${problem} (after ${machine.acted} imports or calls had already run)` : problem)
    else if (pickles > 0) sink.malformed(offset, `the data after pickle ${pickles} does not decode as a pickle (${problem}); a loader that reads on fails here`)
    else sink.malformed(offset, `not a readable pickle (${problem})`)
  }

  /** Inline data of a BUILD inside a FRAME, read when the stream reaches the frame's end. */
  let deferred: { action: BuildAction; at: number; build: number } | undefined

  /** Consumes what the BUILD at `build` makes the loader read inline; false when the data is cut short. */
  const readInline = async (action: BuildAction, build: number): Promise<boolean> => {
    if (!('skipBytes' in action)) {
      machine.pushPickle()
      return true
    }
    // joblib's alignment: one length byte L, then L padding bytes, then the array data.
    let length = action.skipBytes
    let taken = 0
    if (action.padded === true) {
      const pad = await input.take(1, 1)
      length += 1 + (pad.taken === 1 ? pad.prefix[0] : 0)
      if (pad.taken === 1) taken = 1 + (await input.take(pad.prefix[0], 0)).taken
    }
    if (taken === length - action.skipBytes) taken += (await input.take(action.skipBytes, 0)).taken
    if (taken < length) {
      broken(input.offset, `inline data of ${length} bytes after the BUILD at offset ${build} was truncated`)
      return false
    }
    return true
  }

  machine.startPickle()
  try {
    run: for (;;) {
      if (deferred !== undefined && input.offset >= deferred.at) {
        const { action, build } = deferred
        deferred = undefined
        if (!(await readInline(action, build))) break
      }
      if (fastPath && opcodes < maxOpcodes && input.pos < input.buf.length) {
        // The bulk of the stream: plain data opcodes run straight from the buffer (machine.runData),
        // up to the first opcode that needs the generic path below (at most the rest of this buffer,
        // so the time budget, asked there and on every chunk read, still stops the loop promptly).
        const base = input.offset - input.pos
        const start = input.pos
        const limit = deferred !== undefined ? deferred.at - base : input.buf.length
        const pos = machine.runData(input.buf, start, limit, input.buf.length, maxOpcodes - opcodes, frameEnd >= 0 ? frameEnd - base : -1)
        if (pos !== start) {
          input.pos = pos
          opcodes += machine.dataOps
          inPickle = true
          frameEnd = machine.dataFrameEnd < 0 ? -1 : base + machine.dataFrameEnd
          if (machine.dataFrameStart >= 0) frameStart = base + machine.dataFrameStart
          if (deferred !== undefined) continue
        }
      }
      const step = dec.decode(input.buf, input.pos, input.buf.length, input.eof, input.offset)
      if (step === Step.Need) {
        await input.fill(dec.need)
        continue
      }
      const offset = input.offset
      if (step === Step.End) {
        if (inPickle) broken(offset, 'Ran out of input before STOP')
        if (frameEnd > offset) sink.malformed(frameStart, `FRAME announces data up to offset ${frameEnd} but the stream ends at ${offset}; the C unpickler fails at this FRAME`)
        break
      }
      if (step === Step.Invalid) {
        broken(offset, dec.fault!)
        break
      }
      if (opcodes >= maxOpcodes) {
        sink.incomplete(offset, `the opcode limit (limits.maxOpcodes = ${maxOpcodes}) was reached`)
        break
      }
      if (ctx.budget?.spent(ctx, offset)) break // the file's time budget (../budget.ts); scanFile reports the stop
      opcodes++
      inPickle = true

      if (step === Step.Large) {
        const length = dec.num
        input.pos = dec.next
        const { prefix, taken } = await input.take(length, PREFIX)
        if (taken < length) {
          broken(offset, 'pickle data was truncated')
          break
        }
        dec.fromLarge(prefix, length, offset)
      } else if (step === Step.LongLine) {
        input.pos++
        const prefixes: Buffer[] = []
        const lengths: number[] = []
        for (let i = dec.code === Op.GLOBAL || dec.code === Op.INST ? 2 : 1; i > 0; i--) {
          const line = await input.takeLine(PREFIX)
          if (!line.found) {
            broken(offset, 'pickle data was truncated')
            break run
          }
          prefixes.push(line.prefix)
          lengths.push(line.length)
        }
        dec.fromLongLines(prefixes, lengths)
      } else {
        input.pos = dec.next
      }
      const opEnd = input.offset
      if (opEnd - offset > PREFIX && step !== Step.Large) {
        retained += opEnd - offset
        if (retained > RETAIN_BUDGET) dec.inlineMax = PREFIX
      }

      if (frameEnd >= 0) {
        if (offset >= frameEnd) frameEnd = -1
        else if (opEnd > frameEnd && dec.code !== Op.FRAME) {
          frameDesync(sink, offset, `${opName(dec.code)} crosses the end of the FRAME at offset ${frameStart} (frame ends at ${frameEnd}, the opcode at ${opEnd})`)
          frameEnd = -1
        }
      }

      switch (dec.code) {
        case Op.STOP: {
          const result = machine.stop(offset)
          if (machine.popPickle(result)) continue
          pickles++
          inPickle = false
          acted ||= machine.acted > 0
          frameEnd = -1
          if (opts.maxPickles !== undefined && pickles >= opts.maxPickles) break run
          if (!(await input.more())) break run
          machine.startPickle()
          continue
        }
        case Op.FRAME:
          if (frameEnd >= 0 && offset < frameEnd) frameDesync(sink, offset, `FRAME starts before the FRAME at offset ${frameStart} is consumed (it ends at ${frameEnd})`)
          frameStart = offset
          frameEnd = opEnd + dec.num
          if (dec.num <= FRAME_PREFILL_MAX && !(await input.fill(dec.num))) {
            broken(offset, `FRAME of ${dec.num} bytes runs past the end of the data (pickle data was truncated); nothing in it runs`)
            break run
          }
          continue
        default:
          machine.exec(dec, offset)
      }

      if (machine.nested.length > 0) await scanNested(machine.nested.splice(0), sink, ctx, opts.nested ?? defaultNestedScanner)
      const action = machine.buildAction
      if (action !== undefined) {
        machine.buildAction = undefined
        if (frameEnd > opEnd) {
          // The loader reads inline data from the file, which is already past this frame: the
          // data comes from the frame's end while opcodes go on inside the frame (pure-Python
          // framer, as joblib uses it). Emulated by deferring the read to the frame's end.
          inlineDesync(sink, offset, frameStart, frameEnd)
          deferred = { action, at: frameEnd, build: offset }
        } else {
          frameEnd = -1 // the loader reads this data from the file itself, outside any frame
          if (!(await readInline(action, offset))) break
        }
      }
    }
  } catch (err) {
    // A read past the time budget (../budget.ts): keep what was found; scanFile reports the stop.
    if (!(err instanceof BudgetStop)) throw err
    deferred = undefined
  }
  if (deferred !== undefined && ctx.budget?.stopped !== true) broken(input.offset, `the stream ends before the inline data of the BUILD at offset ${deferred.build}`)

  acted ||= machine.acted > 0
  return {
    findings: sink.findings,
    pickles,
    end: input.offset,
    opcodes,
    sawPickle: pickles > 0 || acted,
    allAllowlisted: sink.allAllowlisted
  }
}

function frameDesync(sink: FindingSink, offset: number, problem: string): void {
  desync(
    sink,
    offset,
    `${problem}. When a loader reads from a file (pickle.load, torch.load) ` +
      `the C unpickler can then decode other opcodes than a linear parser sees (CPython issue 154848): a known way to hide a payload from scanners.`
  )
}

function inlineDesync(sink: FindingSink, offset: number, frameStart: number, frameEnd: number): void {
  desync(
    sink,
    offset,
    `the BUILD makes the loader read inline array data from the file, which is already past ` +
      `the FRAME at offset ${frameStart}, so the data comes from offset ${frameEnd} while opcodes go on inside the frame. joblib's writer never does this; ` +
      `a linear parser reads other opcodes than the loader (a known way to hide a payload after an inline array).`
  )
}

function desync(sink: FindingSink, offset: number, detail: string): void {
  sink.add(RULES.frameDesync, 'critical', offset, undefined, () => `Inconsistent pickle framing ${where(offset, sink.entry)}: ${detail} ${DO_NOT_LOAD}`)
}

async function scanNested(calls: NestedCall[], sink: FindingSink, ctx: ScanContext, scanner: NestedScanner): Promise<void> {
  for (const call of calls) {
    const at = where(call.offset, sink.entry)
    if (call.payload === null || call.payload.truncated) {
      const why = call.payload === null ? 'are computed at load time' : `(${call.payload.length} bytes) are too large to keep`
      sink.incomplete(call.offset, `the bytes passed to ${call.via} ${why}, so the nested pickle was not analysed`)
      continue
    }
    if (ctx.depth + 1 > ctx.options.limits.maxDepth) {
      sink.incomplete(call.offset, `the bytes passed to ${call.via} are nested deeper than limits.maxDepth = ${ctx.options.limits.maxDepth}`)
      continue
    }
    const inner = await scanner(call.payload.data, { ...ctx, depth: ctx.depth + 1, entry: undefined })
    for (const finding of inner) {
      const innerOffset = finding.location?.offset
      sink.adopt(`nested\0${call.via}\0${finding.rule}\0${String(finding.global ?? '')}`, {
        ...finding,
        message: `In the bytes passed to ${call.via} ${at} (nested offset ${innerOffset ?? 0}): ${finding.message}`,
        location: sink.entry === undefined ? { offset: call.offset } : { entry: sink.entry, offset: call.offset },
        nestedIn: call.via,
        ...(innerOffset !== undefined ? { nestedOffset: innerOffset } : {})
      })
    }
  }
}
