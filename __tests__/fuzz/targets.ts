// What the fuzzer drives, and the invariant each target must keep on any input: the whole
// engine as the fronts call it (scanFile: a FileReport, always), and each parser on its own,
// with the seeds of its format, so mutations reach deep into it rather than dying at a
// dispatcher's magic check. A target throws (failing the property) when an invariant breaks.
import { SEVERITIES, type FileReport, type Finding } from '../../src/scan/findings.js'
import { defaultScanOptions, type Limits } from '../../src/scan/policy.js'
import { bufferSource, sourceChunks } from '../../src/scan/source.js'
import { scanFile } from '../../src/scan/scan.js'
import { TimeBudget } from '../../src/scan/budget.js'
import type { ScanContext } from '../../src/scan/context.js'
import { analyzePickleStream } from '../../src/scan/pickle/analyze.js'
import { readZip, openMember } from '../../src/scan/zip/index.js'
import { scanNpy } from '../../src/scan/formats/numpy.js'
import { scanSafetensors } from '../../src/scan/formats/safetensors.js'
import { scanOnnx } from '../../src/scan/formats/onnx.js'
import { scanHdf5 } from '../../src/scan/formats/hdf5.js'
import { scanSavedModel } from '../../src/scan/formats/savedmodel.js'
import { readKerasMetadata } from '../../src/scan/savedmodel/keras-metadata.js'
import { parseLfsPointer, scanLfsPointer } from '../../src/scan/formats/lfs.js'
import { scanPickleStream } from '../../src/scan/formats/pickle-stream.js'
import { CODECS, decompressStream, type Codec } from '../../src/scan/decompress/index.js'
import { CODEC } from '../../src/scan/formats/compressed.js'
import { sniffCompression } from '../../src/scan/sniff.js'
import type { Seed } from './harness.js'

export interface FuzzTarget {
  name: string
  /** Which seeds feed it (by fixture path). */
  seeds(all: readonly Seed[]): Seed[]
  /** Runs one case; throws when an invariant breaks. */
  run(c: Seed): Promise<void>
}

const RULE = /^[a-z]+\/[a-z0-9-]+$/

/** Small limits: parsers must stop at them cleanly, and cases stay fast. */
const SMALL: Partial<Limits> = { maxDepth: 2, maxOpcodes: 5_000, maxDecompressedBytes: 1 << 20, timeBudgetMs: 5_000 }

function context(limits: Partial<Limits> = SMALL): ScanContext {
  const options = defaultScanOptions({ limits })
  return { options, depth: 0, budget: new TimeBudget(options.limits.timeBudgetMs) }
}

/** The codec the dispatcher would decompress `bytes` with (joblib ZF's header is skipped first: not here). */
function codecOf(bytes: Uint8Array): Codec | undefined {
  const compression = sniffCompression(bytes)
  return compression === undefined || compression === '7z' || compression === 'joblib-zf' ? undefined : CODEC[compression]
}

function fail(what: string): never {
  throw new Error(what)
}

export function checkFindings(findings: readonly Finding[]): void {
  for (const f of findings) {
    if (!RULE.test(f.rule) || !SEVERITIES.includes(f.severity) || typeof f.message !== 'string' || f.message.length === 0) {
      fail(`malformed finding ${JSON.stringify(f)}`)
    }
  }
}

function checkReport(report: FileReport, c: Seed): void {
  if (report.path !== c.name || report.size !== c.bytes.length || typeof report.format !== 'string') fail(`malformed FileReport ${JSON.stringify(report).slice(0, 300)}`)
  checkFindings(report.findings)
  if (report.findings.some((f) => f.rule === 'scan/incomplete' && f.message.startsWith('Scan failed'))) {
    // scanFile turns a thrown error into this finding: for the fuzzer it is a crash.
    fail(`the scan threw: ${report.findings.find((f) => f.message.startsWith('Scan failed'))!.message}`)
  }
}

const under = (...dirs: string[]) => (all: readonly Seed[]) => all.filter((s) => dirs.some((d) => s.name.startsWith(`fixtures/${d}`)))
const starting = (magic: string) => (all: readonly Seed[]) => all.filter((s) => Buffer.from(s.bytes.subarray(0, magic.length)).toString('latin1') === magic)

export const ENGINE: FuzzTarget = {
  name: 'engine (scanFile, default limits)',
  seeds: (all) => [...all],
  async run(c) {
    const io = { openSource: async () => ({ ...bufferSource(c.bytes), close: async () => {} }) }
    checkReport(await scanFile(c.name, defaultScanOptions(), io), c)
  }
}

export const PARSERS: FuzzTarget[] = [
  {
    name: 'pickle decoder + machine (analyzePickleStream, 61-byte chunks, small limits)',
    seeds: under('pickle', 'containers/legacy', 'containers/joblib', 'real'),
    async run(c) {
      const ctx = context()
      // Odd chunk sizes make every opcode argument straddle refills.
      const result = await analyzePickleStream(sourceChunks(bufferSource(c.bytes), 0, 61), { ctx })
      checkFindings(result.findings)
      if (result.opcodes > ctx.options.limits.maxOpcodes) fail(`${result.opcodes} opcodes decoded past maxOpcodes ${ctx.options.limits.maxOpcodes}`)
      if (result.end > c.bytes.length) fail(`end ${result.end} past the stream's ${c.bytes.length} bytes`)
    }
  },
  {
    name: 'pickle fast path against the generic path (analyzePickleStream whole with runData, in 61-byte chunks without)',
    seeds: under('pickle', 'containers/legacy', 'containers/joblib', 'real'),
    async run(c) {
      const ctx = context()
      const generic = await analyzePickleStream(sourceChunks(bufferSource(c.bytes), 0, 61), { ctx, dataFastPath: false })
      const fast = await analyzePickleStream(sourceChunks(bufferSource(c.bytes)), { ctx }) // whole: long runs of the fast path
      if (JSON.stringify(fast) !== JSON.stringify(generic)) fail(`results differ:\nfast    ${JSON.stringify(fast).slice(0, 600)}\ngeneric ${JSON.stringify(generic).slice(0, 600)}`)
    }
  },
  {
    name: 'joblib inline arrays (scanPickleStream as joblib.load reads it)',
    seeds: under('containers/joblib', 'containers/numpy', 'pickle'),
    async run(c) {
      const result = await scanPickleStream(sourceChunks(bufferSource(c.bytes)), c.bytes.subarray(0, 64), context(), async () => [], true)
      checkFindings(result.findings)
    }
  },
  {
    name: 'zip reader (readZip, then every member read to its cap)',
    seeds: (all) => starting('PK')(all),
    async run(c) {
      const source = bufferSource(c.bytes)
      const { limits } = context().options
      const archive = await readZip(source, { limits })
      checkFindings(archive.findings)
      for (const member of archive.members.slice(0, 32)) {
        if (member.dataOffset < 0 || member.localOffset >= c.bytes.length) fail(`member outside the file: ${JSON.stringify(member).slice(0, 200)}`)
        const reader = openMember(source, member, limits)
        let total = 0
        for (let chunk = await reader.stream.next(); chunk !== null; chunk = await reader.stream.next()) total += chunk.length
        const result = reader.result()
        if (total > limits.maxDecompressedBytes || total > result.cap) fail(`member produced ${total} bytes past its cap ${result.cap}`)
      }
    }
  },
  {
    name: 'npy header parser (scanNpy)',
    seeds: starting('\x93NUMPY'),
    async run(c) {
      const result = await scanNpy(sourceChunks(bufferSource(c.bytes)), context(), async () => [])
      checkFindings(result.findings)
      if (result.format !== 'numpy') fail(`format ${result.format}`)
    }
  },
  {
    name: 'safetensors tokenizer and validator (scanSafetensors)',
    seeds: under('safetensors'),
    async run(c) {
      // Any error other than the reference's own rejections escapes scanSafetensors: a crash.
      const result = await scanSafetensors(bufferSource(c.bytes), context())
      checkFindings(result.findings)
    }
  },
  {
    name: 'ONNX protobuf walk (scanOnnx)',
    seeds: under('onnx'),
    async run(c) {
      // Wire errors and walk limits are findings; anything thrown is a crash.
      const result = await scanOnnx(bufferSource(c.bytes), context())
      checkFindings(result.findings)
    }
  },
  {
    name: 'TensorFlow SavedModel walk (scanSavedModel, readKerasMetadata)',
    seeds: under('savedmodel'),
    async run(c) {
      // Wire errors and walk limits are findings; anything thrown is a crash.
      checkFindings((await scanSavedModel(bufferSource(c.bytes), context())).findings)
      checkFindings((await readKerasMetadata(bufferSource(c.bytes), context())).findings)
    }
  },
  {
    name: 'HDF5 root attributes and legacy Keras configs (scanHdf5)',
    seeds: under('hdf5'),
    async run(c) {
      // Metadata the reader cannot follow is a scan/incomplete finding; anything thrown is a crash.
      checkFindings((await scanHdf5(bufferSource(c.bytes), context(), 0)).findings)
    }
  },
  {
    name: 'Git LFS pointer parser (parseLfsPointer, scanLfsPointer)',
    seeds: under('lfs'),
    async run(c) {
      const pointer = parseLfsPointer(c.bytes)
      if (pointer !== null && !(/^[0-9a-f]{64}$/.test(pointer.oid) && /^\d+$/.test(pointer.size))) fail(`accepted ${JSON.stringify(pointer)}`)
      checkFindings((await scanLfsPointer(bufferSource(c.bytes), context())).findings)
    }
  },
  {
    name: 'decompressors (every codec through decompressStream, capped)',
    seeds: (all) => all.filter((s) => codecOf(s.bytes) !== undefined),
    async run(c) {
      const codec = codecOf(c.bytes)
      if (codec === undefined) return // the mutation broke the magic: the dispatcher would not decompress it
      const cap = 256 * 1024
      const inflated = decompressStream(sourceChunks(bufferSource(c.bytes), 0, 997), CODECS[codec], { cap })
      let total = 0
      for (let chunk = await inflated.stream.next(); chunk !== null; chunk = await inflated.stream.next()) total += chunk.length
      if (total > cap) fail(`${codec}: ${total} bytes past the cap ${cap}`)
      const { status, bytes } = inflated.result()
      if (status === 'pending' || bytes !== total) fail(`${codec}: ended ${status} after ${bytes} bytes, ${total} handed out`)
    }
  }
]
