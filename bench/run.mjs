// `npm run bench`: end-to-end performance of the real CLI bundle on a generated corpus.
//
//   node bench/run.mjs [--runs N] [--only a,b] [--dist] [--keep] [--json] [--strict] [--no-python]
//
// 1. Bundles src/cli.ts with ncc into a temporary folder (the same build as
//    `npm run bundle`, without touching dist/); `--dist` measures the committed dist/cli.js instead.
// 2. Writes the corpus into a temporary folder (Node only: no Python, torch or network):
//    sparse safetensors of 1, 4 and 8 GiB, a 1 GiB torch zip (stored members, real
//    data.pkl layout, tensor data as holes), a 1.5 M-entry vocabulary dict pickled with
//    protocol 4 (~69 MB) and protocol 2 (~96 MB, memo-heavy) byte-identical to CPython's
//    pickle.dumps (`node bench/corpus.mjs --check`), 1000 small model files, and a zip
//    whose deflated data.pkl holds a 300 MiB BINBYTES8. Each case's files are written just
//    before it runs and deleted after it: at most ~100 MB of real disk at a time (the big
//    files are holes; up to 8 GiB apparent size, so the temp folder needs sparse-file support).
// 3. Runs every case as its own process, `node cli.js scan --format json <path>`, and
//    reports wall time (spawn to exit, so process start is included), CPU time and peak
//    RSS (GNU time's %M %U %S, else getrusage from a preloaded exit hook, bench/rss-hook.mjs),
//    median and best of N runs (default 5). For pickles also MB/s and opcodes/s, and, when
//    python3 exists (and not --no-python), the time pickletools.genops takes to walk the same
//    file (bench/genops.py: in-process, file already in memory, Python start excluded) as a
//    ratio to modelgate's whole-process wall time.
// Prints a Markdown table with the targets of issue 7; `--strict` exits 1 when one is missed.
// Total run time about 2 minutes (most of it genops).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  vocabPickle,
  writeDeflatedBinbytes,
  writeFileBytes,
  writeSmallFiles,
  writeSparseSafetensors,
  writeTorchZip
} from './corpus.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const GiB = 1024 ** 3
const MiB = 1024 ** 2

const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const RUNS = Number(option('--runs', '5'))
const ONLY = option('--only', '')
  .split(',')
  .filter(Boolean)

const log = (text) => process.stderr.write(`${text}\n`)

/** Bundles the CLI from the current sources into `dir` (ncc, as scripts/bundle.mjs does). */
function bundle(dir) {
  const ncc = join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
  execFileSync(process.execPath, [ncc, 'build', 'src/cli.ts', '-o', dir, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
  return join(dir, 'index.js')
}

function gnuTime(work) {
  if (!existsSync('/usr/bin/time')) return null
  const out = join(work, 'time-probe.txt')
  const probe = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, 'true'])
  return probe.status === 0 && existsSync(out) && /^\d+\s*$/.test(readFileSync(out, 'utf8')) ? '/usr/bin/time' : null
}

/** Bytes of a file, or of all files under a folder. */
function sizeOf(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.size
  return readdirSync(path).reduce((n, name) => n + sizeOf(join(path, name)), 0)
}

/** One process: wall time from spawn to exit, peak RSS, parsed JSON report. */
function runOnce(cli, paths, rssFile, time) {
  const nodeArgs = time ? [] : ['--import', join(ROOT, 'bench/rss-hook.mjs')]
  const argv = [process.execPath, ...nodeArgs, cli, 'scan', '--format', 'json', ...paths]
  const [cmd, ...rest] = time ? [time, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv
  return new Promise((resolve, reject) => {
    const chunks = []
    const errors = []
    const start = process.hrtime.bigint()
    const child = spawn(cmd, rest, { env: { ...process.env, MODELGATE_BENCH_RSS: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (c) => chunks.push(c))
    child.stderr.on('data', (c) => errors.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (code !== 0 && code !== 1) return reject(new Error(`exit ${code}: ${Buffer.concat(errors).toString().slice(0, 2000)}`))
      const [rssKiB, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
      resolve({ seconds, cpu: user + sys, rssMiB: rssKiB / 1024, report: JSON.parse(Buffer.concat(chunks).toString()) })
    })
  })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function genops(path) {
  const py = spawnSync('python3', [join(ROOT, 'bench/genops.py'), path], { encoding: 'utf8' })
  if (py.error || py.status !== 0) return null
  return JSON.parse(py.stdout.trim())
}

function describeMachine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  return {
    cpu,
    nproc: availableParallelism(),
    memGiB: +(totalmem() / GiB).toFixed(1),
    node: process.version,
    kernel: release(),
    load: loadavg().map((x) => x.toFixed(2)).join(' ')
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'modelgate-bench-'))
  const keep = flag('--keep')
  const cleanup = () => {
    if (!keep) rmSync(work, { recursive: true, force: true })
  }
  process.on('SIGINT', () => {
    cleanup()
    process.exit(130)
  })
  const results = []
  try {
    const cli = flag('--dist') ? join(ROOT, 'dist/cli.js') : (log('bundling src/cli.ts (ncc) ...'), bundle(join(work, 'cli')))
    const time = gnuTime(work)
    const corpus = join(work, 'corpus')
    mkdirSync(corpus)
    const machine = describeMachine()
    log(`machine: ${machine.cpu}, ${machine.nproc} CPUs, ${machine.memGiB} GiB, node ${machine.node}, load ${machine.load}`)
    log(`peak RSS from ${time ? 'GNU time %M' : 'ru_maxrss (exit hook)'}; ${RUNS} runs per case`)

    const p = (name) => join(corpus, name)
    /** Cases: name, what, paths, kind, targets. Files are written just before their case runs. */
    const cases = [
      { name: 'startup', what: 'modelgate --format json on an empty folder (process start + bundle load)', make: () => mkdirSync(p('empty')), paths: [p('empty')] },
      { name: 'safetensors-1g', what: '1 GiB sparse safetensors (291 tensors)', make: () => writeSparseSafetensors(p('1g.safetensors'), 1 * GiB), paths: [p('1g.safetensors')], wall: 0.3, rss: 150 },
      { name: 'safetensors-4g', what: '4 GiB sparse safetensors', make: () => writeSparseSafetensors(p('4g.safetensors'), 4 * GiB), paths: [p('4g.safetensors')], wall: 0.3, rss: 150 },
      { name: 'safetensors-8g', what: '8 GiB sparse safetensors', make: () => writeSparseSafetensors(p('8g.safetensors'), 8 * GiB), paths: [p('8g.safetensors')], wall: 0.3, rss: 150 },
      { name: 'torch-zip-1g', what: '1 GiB torch zip (stored, archive/data.pkl + 16 storages)', make: () => writeTorchZip(p('model-1g.pt'), 1 * GiB), paths: [p('model-1g.pt')], wall: 0.3, rss: 150 },
      { name: 'pickle-p4', what: 'vocab dict, 1.5 M entries, protocol 4 (FRAME, MEMOIZE)', make: () => writeFileBytes(p('vocab-p4.pkl'), vocabPickle(1_500_000, 4)), paths: [p('vocab-p4.pkl')], pickle: true, ratio: 30, rss: 200 },
      { name: 'pickle-p2', what: 'same dict, protocol 2 (BINUNICODE, LONG_BINPUT)', make: () => writeFileBytes(p('vocab-p2.pkl'), vocabPickle(1_500_000, 2)), paths: [p('vocab-p2.pkl')], pickle: true, ratio: 30, rss: 200 },
      { name: 'small-1000', what: '1000 small model files in one folder (pickles, safetensors, torch zips)', make: () => writeSmallFiles(p('small')), paths: [p('small')], wall: 2 },
      { name: 'binbytes-300m', what: 'zip, deflated archive/data.pkl with a 300 MiB BINBYTES8', make: () => writeDeflatedBinbytes(p('binbytes.pt'), 300 * MiB), paths: [p('binbytes.pt')], wall: 3, rss: 200 }
    ].filter((c) => ONLY.length === 0 || ONLY.includes(c.name))

    for (const c of cases) {
      log(`${c.name}: writing ...`)
      await c.make()
      const size = c.paths.map(sizeOf).reduce((a, b) => a + b, 0)
      const runs = []
      for (let i = 0; i < RUNS; i++) runs.push(await runOnce(cli, c.paths, join(work, 'rss.txt'), time))
      const wall = median(runs.map((r) => r.seconds))
      const cpu = median(runs.map((r) => r.cpu))
      const best = Math.min(...runs.map((r) => r.seconds))
      const rss = Math.max(...runs.map((r) => r.rssMiB))
      const report = runs[0].report
      const files = report.files
      const rules = [...new Set(files.flatMap((f) => f.findings.map((x) => x.rule)))]
      const row = {
        case: c.name,
        what: c.what,
        bytes: size,
        files: files.length,
        formats: [...new Set(files.map((f) => f.format))].join(','),
        rules: rules.join(',') || '-',
        wallMedian: +wall.toFixed(3),
        wallBest: +best.toFixed(3),
        cpu: +cpu.toFixed(2),
        rssMiB: +rss.toFixed(1)
      }
      if (c.pickle) {
        const opcodes = files[0].details?.opcodes ?? 0
        row.opcodes = opcodes
        row.mbPerS = +(size / 1e6 / wall).toFixed(1)
        row.mopsPerS = +(opcodes / 1e6 / wall).toFixed(1)
        log(`${c.name}: pickletools.genops ...`)
        const g = flag('--no-python') ? null : genops(c.paths[0])
        if (g) {
          row.genopsSeconds = +g.seconds.toFixed(2)
          row.ratio = +(g.seconds / wall).toFixed(1)
        }
      }
      const misses = []
      if (c.wall !== undefined && wall >= c.wall) misses.push(`wall ${wall.toFixed(3)} s >= ${c.wall} s`)
      if (c.rss !== undefined && rss >= c.rss) misses.push(`RSS ${rss.toFixed(0)} MiB >= ${c.rss} MiB`)
      if (c.ratio !== undefined && row.ratio !== undefined && row.ratio < c.ratio) misses.push(`${row.ratio}x genops < ${c.ratio}x`)
      row.target = c.wall === undefined && c.rss === undefined && c.ratio === undefined ? '-' : misses.length === 0 ? 'met' : `MISSED: ${misses.join('; ')}`
      results.push(row)
      if (flag('--json')) console.log(JSON.stringify(row))
      else log(`${c.name}: ${row.wallMedian} s median, ${row.wallBest} s best, ${row.rssMiB} MiB${row.ratio ? `, ${row.ratio}x genops` : ''}`)
      for (const x of c.paths) rmSync(x, { recursive: true, force: true })
    }

    const row = (name) => results.find((r) => r.case === name)
    const [one, eight] = [row('safetensors-1g'), row('safetensors-8g')]
    if (one && eight) {
      const ratio = eight.wallBest / one.wallBest
      results.push({ case: 'size-independence', what: 'best wall time 8 GiB / 1 GiB safetensors', wallMedian: +ratio.toFixed(2), target: ratio < 1.25 ? 'met' : `MISSED: ${ratio.toFixed(2)} >= 1.25` })
    }
    if (!flag('--json')) printTable(machine, time, results)
    if (flag('--strict') && results.some((r) => String(r.target).startsWith('MISSED'))) process.exitCode = 1
  } finally {
    cleanup()
  }
}

function printTable(machine, time, rows) {
  const fmtBytes = (b) => (b === undefined ? '' : b >= GiB ? `${(b / GiB).toFixed(1)} GiB` : b >= MiB ? `${(b / MiB).toFixed(1)} MiB` : `${(b / 1024).toFixed(0)} KiB`)
  const lines = [
    `machine: ${machine.cpu}, ${machine.nproc} CPUs (nproc), ${machine.memGiB} GiB RAM, Node ${machine.node}, Linux ${machine.kernel}, load ${machine.load}`,
    `runs per case: ${RUNS}; wall = spawn to exit of \`node cli.js scan --format json\` (median / best); RSS = peak of all runs (${time ? 'GNU time %M' : 'ru_maxrss'})`,
    '',
    '| case | size | wall median | wall best | CPU (user+sys) | peak RSS | pickle MB/s | opcodes/s | genops | vs genops | findings | target |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|'
  ]
  for (const r of rows) {
    if (r.case === 'size-independence') {
      lines.push(`| ${r.case} | 8 GiB / 1 GiB | ${r.wallMedian}× | | | | | | | | | ${r.target} |`)
      continue
    }
    lines.push(
      `| ${r.case} | ${fmtBytes(r.bytes)}${r.files > 1 ? ` (${r.files} files)` : ''} | ${r.wallMedian.toFixed(3)} s | ${r.wallBest.toFixed(3)} s | ${r.cpu.toFixed(2)} s | ${r.rssMiB.toFixed(0)} MiB | ` +
        `${r.mbPerS ?? ''} | ${r.mopsPerS !== undefined ? `${r.mopsPerS} M` : ''} | ${r.genopsSeconds !== undefined ? `${r.genopsSeconds} s` : ''} | ${r.ratio !== undefined ? `${r.ratio}×` : ''} | ${r.formats}: ${r.rules} | ${r.target} |`
    )
  }
  console.log(lines.join('\n'))
}

await main()
