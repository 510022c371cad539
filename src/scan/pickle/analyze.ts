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
  return new StreamAnalysis(stream, opts).run()
}

/** Inline data of a BUILD inside a FRAME, read when the stream reaches the frame's end. */
interface DeferredRead {
  action: BuildAction
  at: number
  build: number
}

/**
 * One stream's analysis. The loop in `run` stays in one function (the hot path must not pay an
 * async call per opcode); the rarer steps (long arguments, STOP, FRAME, BUILD data) are methods.
 */
class StreamAnalysis {
  private readonly ctx: ScanContext
  private readonly sink: FindingSink
  private readonly machine: Machine
  private readonly input: Input
  private readonly dec = new Decoder()
  private readonly maxOpcodes: number
  private opcodes = 0
  private pickles = 0
  private inPickle = false
  private acted = false
  private retained = 0
  private frameStart = -1
  private frameEnd = -1
  private deferred: DeferredRead | undefined

  constructor(
    stream: ChunkStream,
    private readonly opts: AnalyzeOptions
  ) {
    this.ctx = opts.ctx
    this.sink = new FindingSink(this.ctx.entry)
    this.input = new Input(stream, opts.baseOffset ?? 0)
    // A stream that reads back synchronously (a local file): the memo keeps strs as stream positions.
    const readBack = this.input.streamStart >= 0 ? stream.readSync!.bind(stream) : undefined
    this.machine = new Machine(this.sink, new GlobalPolicy(this.ctx.options.allowGlobals), opts.onBuild, readBack)
    this.input.onRelease = () => this.machine.releaseInput()
    this.maxOpcodes = this.ctx.options.limits.maxOpcodes
  }

  async run(): Promise<AnalyzeResult> {
    const { ctx, sink, machine, input, dec, maxOpcodes } = this
    const fastPath = this.opts.dataFastPath ?? true
    machine.startPickle()
    try {
      for (;;) {
        const deferred = this.deferred
        if (deferred !== undefined && input.offset >= deferred.at) {
          this.deferred = undefined
          if (!(await this.readInline(deferred.action, deferred.build))) break
        }
        if (fastPath && this.opcodes < maxOpcodes && input.pos < input.buf.length && this.runData()) continue
        const step = dec.decode(input.buf, input.pos, input.buf.length, input.eof, input.offset)
        if (step === Step.Need) {
          await input.fill(dec.need)
          continue
        }
        const offset = input.offset
        if (step === Step.End) {
          if (this.inPickle) this.broken(offset, 'Ran out of input before STOP')
          if (this.frameEnd > offset) sink.malformed(this.frameStart, `FRAME announces data up to offset ${this.frameEnd} but the stream ends at ${offset}; the C unpickler fails at this FRAME`)
          break
        }
        if (step === Step.Invalid) {
          this.broken(offset, dec.fault!)
          break
        }
        if (this.opcodes >= maxOpcodes) {
          sink.incomplete(offset, `the opcode limit (limits.maxOpcodes = ${maxOpcodes}) was reached`)
          break
        }
        if (ctx.budget?.spent(ctx, offset)) break // the file's time budget (../budget.ts); scanFile reports the stop
        this.opcodes++
        this.inPickle = true
        if (step === Step.Large || step === Step.LongLine) {
          if (!(await this.readLongArgument(step, offset))) break
        } else input.pos = dec.next
        const opEnd = input.offset
        this.checkFrame(step, offset, opEnd)
        if (dec.code === Op.STOP) {
          if (await this.stop(offset)) continue
          break
        }
        if (dec.code === Op.FRAME) {
          if (await this.frame(offset, opEnd)) continue
          break
        }
        machine.exec(dec, offset)
        if (machine.nested.length > 0) await scanNested(machine.nested.splice(0), sink, ctx, this.opts.nested ?? defaultNestedScanner)
        if (machine.buildAction !== undefined && !(await this.afterBuild(offset, opEnd))) break
      }
    } catch (err) {
      // A read past the time budget (../budget.ts): keep what was found; scanFile reports the stop.
      if (!(err instanceof BudgetStop)) throw err
      this.deferred = undefined
    }
    if (this.deferred !== undefined && ctx.budget?.stopped !== true) this.broken(input.offset, `the stream ends before the inline data of the BUILD at offset ${this.deferred.build}`)
    this.acted ||= machine.acted > 0
    return {
      findings: sink.findings,
      pickles: this.pickles,
      end: input.offset,
      opcodes: this.opcodes,
      sawPickle: this.pickles > 0 || this.acted,
      allAllowlisted: sink.allAllowlisted
    }
  }

  /**
   * The bulk of the stream: plain data opcodes run straight from the buffer (machine.runData), up
   * to the first opcode that needs the generic path (at most the rest of this buffer, so the time
   * budget, asked there and on every chunk read, still stops the loop promptly). True when a
   * deferred BUILD read is due before the generic path goes on.
   */
  private runData(): boolean {
    const { input, machine } = this
    const base = input.offset - input.pos
    const start = input.pos
    const limit = this.deferred !== undefined ? this.deferred.at - base : input.buf.length
    const frameEnd = this.frameEnd >= 0 ? this.frameEnd - base : -1
    const pos = machine.runData(input.buf, start, limit, input.buf.length, this.maxOpcodes - this.opcodes, frameEnd, input.streamStart)
    if (pos === start) return false
    input.pos = pos
    this.opcodes += machine.dataOps
    this.inPickle = true
    this.frameEnd = machine.dataFrameEnd < 0 ? -1 : base + machine.dataFrameEnd
    if (machine.dataFrameStart >= 0) this.frameStart = base + machine.dataFrameStart
    return this.deferred !== undefined
  }

  /** The argument of a payload too large to keep or of a text line longer than LINE_MAX; false when it is cut short. */
  private async readLongArgument(step: Step, offset: number): Promise<boolean> {
    const { input, dec } = this
    if (step === Step.Large) {
      const length = dec.num
      input.pos = dec.next
      const { prefix, taken } = await input.take(length, PREFIX)
      if (taken < length) {
        this.broken(offset, 'pickle data was truncated')
        return false
      }
      dec.fromLarge(prefix, length, offset)
      return true
    }
    input.pos++
    const prefixes: Buffer[] = []
    const lengths: number[] = []
    for (let i = dec.code === Op.GLOBAL || dec.code === Op.INST ? 2 : 1; i > 0; i--) {
      const line = await input.takeLine(PREFIX)
      if (!line.found) {
        this.broken(offset, 'pickle data was truncated')
        return false
      }
      prefixes.push(line.prefix)
      lengths.push(line.length)
    }
    dec.fromLongLines(prefixes, lengths)
    return true
  }

  /** Counts kept payload bytes (past the budget, payloads keep a prefix only) and checks the opcode against the current FRAME. */
  private checkFrame(step: Step, offset: number, opEnd: number): void {
    if (opEnd - offset > PREFIX && step !== Step.Large) {
      this.retained += opEnd - offset
      if (this.retained > RETAIN_BUDGET) this.dec.inlineMax = PREFIX
    }
    if (this.frameEnd < 0) return
    if (offset >= this.frameEnd) this.frameEnd = -1
    else if (opEnd > this.frameEnd && this.dec.code !== Op.FRAME) {
      frameDesync(this.sink, offset, `${opName(this.dec.code)} crosses the end of the FRAME at offset ${this.frameStart} (frame ends at ${this.frameEnd}, the opcode at ${opEnd})`)
      this.frameEnd = -1
    }
  }

  /** STOP: ends the pickle (or returns to the one that read it inline); false when the analysis ends here. */
  private async stop(offset: number): Promise<boolean> {
    const { machine } = this
    const result = machine.stop(offset)
    if (machine.popPickle(result)) return true
    this.pickles++
    this.inPickle = false
    this.acted ||= machine.acted > 0
    this.frameEnd = -1
    if (this.opts.maxPickles !== undefined && this.pickles >= this.opts.maxPickles) return false
    if (!(await this.input.more())) return false
    machine.startPickle()
    return true
  }

  /** FRAME: checked against the one open, and buffered whole when small, as the C unpickler does; false when it is cut short. */
  private async frame(offset: number, opEnd: number): Promise<boolean> {
    const size = this.dec.num
    if (this.frameEnd >= 0 && offset < this.frameEnd) frameDesync(this.sink, offset, `FRAME starts before the FRAME at offset ${this.frameStart} is consumed (it ends at ${this.frameEnd})`)
    this.frameStart = offset
    this.frameEnd = opEnd + size
    if (size <= FRAME_PREFILL_MAX && !(await this.input.fill(size))) {
      this.broken(offset, `FRAME of ${size} bytes runs past the end of the data (pickle data was truncated); nothing in it runs`)
      return false
    }
    return true
  }

  /** What the BUILD at `offset` makes the loader read inline (joblib arrays, an inline pickle); false when it is cut short. */
  private async afterBuild(offset: number, opEnd: number): Promise<boolean> {
    const action = this.machine.buildAction!
    this.machine.buildAction = undefined
    if (this.frameEnd > opEnd) {
      // The loader reads inline data from the file, which is already past this frame: the
      // data comes from the frame's end while opcodes go on inside the frame (pure-Python
      // framer, as joblib uses it). Emulated by deferring the read to the frame's end.
      inlineDesync(this.sink, offset, this.frameStart, this.frameEnd)
      this.deferred = { action, at: this.frameEnd, build: offset }
      return true
    }
    this.frameEnd = -1 // the loader reads this data from the file itself, outside any frame
    return this.readInline(action, offset)
  }

  /** Consumes what the BUILD at `build` makes the loader read inline; false when the data is cut short. */
  private async readInline(action: BuildAction, build: number): Promise<boolean> {
    const { input } = this
    if (!('skipBytes' in action)) {
      this.machine.pushPickle()
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
      this.broken(input.offset, `inline data of ${length} bytes after the BUILD at offset ${build} was truncated`)
      return false
    }
    return true
  }

  private broken(offset: number, problem: string): void {
    const { sink, machine } = this
    if (this.inPickle) sink.malformed(offset, machine.acted > 0 ? `${problem} (after ${machine.acted} imports or calls had already run)` : problem)
    else if (this.pickles > 0) sink.malformed(offset, `the data after pickle ${this.pickles} does not decode as a pickle (${problem}); a loader that reads on fails here`)
    else sink.malformed(offset, `not a readable pickle (${problem})`)
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
