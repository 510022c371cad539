// Benchmark (not a unit test): scanSafetensors on sparse files with 4 GiB of tensor data stays well under
// a second with flat memory, because it reads the 8-byte length and the header only.
//
//   node bench/safetensors-sparse.mjs [--keep]
//
// The TypeScript sources are transpiled (no type check) into a temporary directory,
// so this needs neither a build nor ts-node. Each case writes a header, extends the
// file by 4 GiB with ftruncate (no data blocks on disk), and scans it through
// openFileSource. Prints one JSON line per case; exits 1 when a case finds anything,
// misses its time budget (1 s for realistic headers; the 5.6 MB header of 50,000
// tensors is a stress case that only reports header throughput), or grows the peak
// RSS by 256 MiB or more.
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const FILE_SIZE = 4 * 1024 ** 3
const RUNS = 5

/** Transpiles the scanner and what it imports into `out`, keeping the layout (imports already end in .js). */
function transpile(out) {
  const sources = [
    'src/scan/formats/safetensors.ts',
    'src/scan/source.ts',
    'src/scan/policy.ts',
    'src/scan/findings.ts',
    ...readdirSync(join(ROOT, 'src/scan/safetensors')).map((f) => `src/scan/safetensors/${f}`)
  ]
  for (const file of sources) {
    const { outputText } = ts.transpileModule(readFileSync(join(ROOT, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
    })
    const target = join(out, relative(join(ROOT, 'src'), join(ROOT, file)).replace(/\.ts$/, '.js'))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, outputText)
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n')
}

/** A header for `count` F16 tensors that exactly fill `dataSize` bytes, space-padded to a multiple of 8 like the Rust writer. */
function header(count, dataSize) {
  const elements = dataSize / 2
  const per = Math.floor(elements / count)
  const entries = {}
  let offset = 0
  for (let i = 0; i < count; i++) {
    const n = i === count - 1 ? elements - per * (count - 1) : per
    entries[`model.layers.${i}.mlp.down_proj.weight`] = { dtype: 'F16', shape: [n], data_offsets: [offset, offset + 2 * n] }
    offset += 2 * n
  }
  const json = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' }, ...entries }))
  return Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)])
}

/** Writes `8 + N` bytes of length and header, then extends the file by FILE_SIZE bytes of hole. */
function writeSparse(path, count) {
  const text = header(count, FILE_SIZE)
  const fd = openSync(path, 'w')
  const prefix = Buffer.alloc(8)
  prefix.writeBigUInt64LE(BigInt(text.length))
  writeSync(fd, prefix, 0, 8, 0)
  writeSync(fd, text, 0, text.length, 8)
  const size = 8 + text.length + FILE_SIZE
  ftruncateSync(fd, size)
  closeSync(fd)
  return { size, headerBytes: text.length }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'modelgate-bench-'))
  const keep = process.argv.includes('--keep')
  let failed = false
  try {
    transpile(join(work, 'lib'))
    const { scanSafetensors } = await import(pathToFileURL(join(work, 'lib/scan/formats/safetensors.js')).href)
    const { openFileSource } = await import(pathToFileURL(join(work, 'lib/scan/source.js')).href)
    const { defaultScanOptions } = await import(pathToFileURL(join(work, 'lib/scan/policy.js')).href)
    const ctx = { options: defaultScanOptions(), depth: 0 }
    for (const [count, budgetMs] of [[1, 1000], [300, 1000], [50_000, Infinity]]) {
      const path = join(work, `sparse-${count}.safetensors`)
      const { size, headerBytes } = writeSparse(path, count)
      global.gc?.()
      const rssBefore = process.memoryUsage().rss
      const peakBefore = process.resourceUsage().maxRSS * 1024
      const times = []
      let result
      for (let run = 0; run < RUNS; run++) {
        const start = process.hrtime.bigint()
        const source = await openFileSource(path)
        try {
          result = await scanSafetensors(source, ctx)
        } finally {
          await source.close()
        }
        times.push(Number(process.hrtime.bigint() - start) / 1e6)
      }
      const peakGrowth = process.resourceUsage().maxRSS * 1024 - peakBefore
      const report = {
        case: `${count} tensors`,
        budgetMs: Number.isFinite(budgetMs) ? budgetMs : null,
        fileBytes: size,
        headerBytes,
        findings: result.findings.map((f) => f.rule),
        tensors: result.details?.tensors,
        parameters: result.details?.parameters,
        firstMs: +times[0].toFixed(2),
        medianMs: +[...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)].toFixed(2),
        rssBeforeMiB: +(rssBefore / 2 ** 20).toFixed(1),
        peakRssGrowthMiB: +(peakGrowth / 2 ** 20).toFixed(1)
      }
      console.log(JSON.stringify(report))
      if (result.findings.length > 0 || times[0] >= budgetMs || peakGrowth >= 256 * 2 ** 20) failed = true
      if (!keep) rmSync(path)
    }
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true })
  }
  process.exit(failed ? 1 : 0)
}

await main()
