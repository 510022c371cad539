// `npm run bench`: end-to-end performance of the real CLI bundle on a generated corpus.
//
//   node bench/run.mjs [--runs N] [--only a,b] [--dist | --cli FILE] [--keep] [--json] [--strict] [--no-python]
//
// 1. Bundles src/cli.ts with ncc into a temporary folder (the same build as
//    `npm run bundle`, without touching dist/); `--dist` measures the committed dist/cli.js instead,
//    `--cli FILE` any other build of the CLI.
//    bench/scan-timed.ts (in-process timing of scanFile, see 4.) is bundled the same way into
//    the same temporary folder, always from src/, also with `--dist`.
// 2. Writes the corpus into a temporary folder (Node only: no Python, torch or network):
//    sparse safetensors of 1, 4 and 8 GiB, a 1 GiB torch zip (stored members, real
//    data.pkl layout, tensor data as holes), a 2 GiB ONNX (hand-encoded protobuf, 256
//    initializers with inline raw_data as holes, 10,000 nodes), a 1.5 M-entry vocabulary dict pickled with
//    protocol 4 (~69 MB) and protocol 2 (~96 MB, memo-heavy) byte-identical to CPython's
//    pickle.dumps (`node bench/corpus.mjs --check`), 1000 small model files, and a zip
//    whose deflated data.pkl holds a 300 MiB BINBYTES8. Each case's files are written just
//    before it runs and deleted after it: at most ~100 MB of real disk at a time (the big
//    files are holes; up to 8 GiB apparent size, so the temp folder needs sparse-file support).
// 3. Runs every case as its own process, `node cli.js scan --format json <path>`, and
//    reports wall time (spawn to exit, so process start is included), CPU time and peak
//    RSS (GNU time's %M %U %S, else getrusage from a preloaded exit hook, bench/rss-hook.mjs),
//    median and best of N runs (default 5). For pickles also MB/s and opcodes/s.
// 4. For pickles, also the in-process scan time: N more fresh processes (the JIT as cold as in
//    the CLI) of `node scan-timed.js <file>`, which times only `scanFile(file,
//    defaultScanOptions())` with performance.now() (process start, bundle load and report
//    rendering excluded); median and best.
// 5. For pickles, the bare opcode walk (issue 18): bench/opcode-walk.mjs, a `readFileSync` and a
//    loop that only decodes opcode argument lengths, run as its own process right after each CLI
//    run (pairs, so both sides see the same machine load) and timed the same way (spawn to exit,
//    peak RSS). Whole process against whole process is the fair comparison: both pay Node's start,
//    reading the file and exit (the CLI also loads its bundle and renders its report, which a user
//    waits for too); the in-process scan time would leave out costs of the CLI's but not of the walk's.
//    Ratio: CLI wall / walk wall per pair, median of the pairs (best pair beside it); target <= 1.25.
// 6. For pickles, when python3 exists (and not --no-python), bench/genops.py times
//    pickletools.genops (the opcode walk at the core of picklescan) over the same file twice,
//    Python start excluded from both: over the open file object, timed from open() to the end
//    of the walk (what picklescan's scan_file_path -> scan_bytes -> _list_globals really
//    does), and over io.BytesIO of the file read beforehand (the bare walk). Ratios reported:
//    genops-file / in-process scan (the one held against issue 7's ">= 30x genops": both sides
//    then exclude interpreter start and both read the file), and, for transparency,
//    genops-file / whole-process wall and genops-memory / in-process scan.
// 7. Remote cases (issue 14): bench/remote-fixture.mjs writes sparse files (a 4 GiB shard, a
//    1 GiB torch zip, a repo of 12 files / ~14 GiB) and serves them in this process through
//    bench/remote-server.mjs on 127.0.0.1 (plain range URLs, a fake Hugging Face hub: revision,
//    tree, resolve) and 127.0.0.2 (the CDN host resolve redirects LFS files to), every answer's
//    headers 20 ms late (a simulated round trip), keep-alive on. The CLI gets the URL or
//    `hf://bench-org/bench-7b` (HF_ENDPOINT set, HF_TOKEN unset). Reported: the CLI's own
//    counters (`summary.remote`: requests, bytes, size = what a full download would be) beside
//    the server's (requests received, body bytes sent, requests on the CDN host), per case.
//    The server answers multi-range requests with multipart/byteranges (as nginx does); the
//    case remote-hf-repo-single-range turns that off (whole object, as S3 answers them).
// Prints Markdown tables with the targets of issues 7 and 18 (a second table holds the pickle
// timings and ratios); `--json` prints one JSON object per case instead; `--strict` exits 1
// when a target is missed. Total run time about 2-3 minutes (most of it genops; the remote cases add ~10-20 s).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  vocabPickle,
  writeDeflatedBinbytes,
  writeFileBytes,
  writeLargeHeaderGguf,
  writeSmallFiles,
  writeSparseSafetensors,
  writeInlineOnnx,
  writeTorchZip
} from './corpus.mjs'
import { REPO, startRemoteFixture } from './remote-fixture.mjs'

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

/** Bundles `entry` from the current sources into `dir` (ncc, ESM, as scripts/bundle.mjs does); returns `dir/<name>`. */
function bundle(entry, dir, name = 'index.js') {
  const ncc = join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', dir, '--minify', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
  if (name !== 'index.js') renameSync(join(dir, 'index.js'), join(dir, name))
  return join(dir, name)
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

/**
 * One process of `node ...args` (exit codes other than `ok` reject): wall time from spawn to exit,
 * CPU time and peak RSS (GNU time, else the preloaded exit hook), and its standard output.
 */
function measured(args, rssFile, time, ok, env = {}) {
  const nodeArgs = time ? [] : ['--import', join(ROOT, 'bench/rss-hook.mjs')]
  const argv = [process.execPath, ...nodeArgs, ...args]
  const [cmd, ...rest] = time ? [time, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv
  return new Promise((resolve, reject) => {
    const chunks = []
    const errors = []
    const start = process.hrtime.bigint()
    const child = spawn(cmd, rest, { env: { ...process.env, ...env, MODELGATE_BENCH_RSS: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (c) => chunks.push(c))
    child.stderr.on('data', (c) => errors.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (!ok.includes(code)) return reject(new Error(`${args[0]} exit ${code}: ${Buffer.concat(errors).toString().slice(0, 2000)}`))
      const [rssKiB, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
      resolve({ seconds, cpu: user + sys, rssMiB: rssKiB / 1024, stdout: Buffer.concat(chunks).toString() })
    })
  })
}

/** One CLI process: wall time from spawn to exit, CPU time, peak RSS, parsed JSON report. */
async function runOnce(cli, paths, rssFile, time, env = {}) {
  // --allow-empty: the startup case scans an empty folder (exit 3 otherwise); the others report files.
  const { stdout, ...run } = await measured([cli, 'scan', '--format', 'json', '--allow-empty', ...paths], rssFile, time, [0, 1], env)
  return { ...run, report: JSON.parse(stdout) }
}

/** One `node opcode-walk.mjs <file>` process: wall time from spawn to exit, peak RSS, the opcodes it counted. */
async function walkOnce(path, rssFile, time) {
  const { stdout, ...run } = await measured([join(ROOT, 'bench/opcode-walk.mjs'), path], rssFile, time, [0])
  return { ...run, opcodes: JSON.parse(stdout).opcodes }
}

/** One `node scan-timed.js <file>` process: the in-process scan time it prints (ms) and what it found. */
function timedOnce(timed, path) {
  return new Promise((resolve, reject) => {
    const chunks = []
    const errors = []
    const child = spawn(process.execPath, [timed, path], { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (c) => chunks.push(c))
    child.stderr.on('data', (c) => errors.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`scan-timed exit ${code}: ${Buffer.concat(errors).toString().slice(0, 2000)}`))
      resolve(JSON.parse(Buffer.concat(chunks).toString().trim()))
    })
  })
}

/** A copy of `from` extended to `size` bytes by a hole (sparse). */
function writeGrownCopy(from, to, size) {
  copyFileSync(from, to)
  truncateSync(to, size)
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
    const cli = (option('--cli', null) && resolve(option('--cli', null))) ?? (flag('--dist') ? join(ROOT, 'dist/cli.js') : null) ?? (log('bundling src/cli.ts (ncc) ...'), bundle('src/cli.ts', join(work, 'cli')))
    let timed // bundled when the first pickle case runs; always from src/, also with --dist
    const time = gnuTime(work)
    const corpus = join(work, 'corpus')
    mkdirSync(corpus)
    const machine = describeMachine()
    log(`machine: ${machine.cpu}, ${machine.nproc} CPUs, ${machine.memGiB} GiB, node ${machine.node}, load ${machine.load}`)
    log(`peak RSS from ${time ? 'GNU time %M' : 'ru_maxrss (exit hook)'}; ${RUNS} runs per case`)

    const p = (name) => join(corpus, name)
    /** Cases: name, what, paths, kind, targets. Files are written just before their case runs. */
    const cases = [
      { name: 'startup', what: 'modelgate --format json --allow-empty on an empty folder (process start + bundle load)', make: () => mkdirSync(p('empty')), paths: [p('empty')] },
      { name: 'safetensors-1g', what: '1 GiB sparse safetensors (291 tensors)', make: () => writeSparseSafetensors(p('1g.safetensors'), 1 * GiB), paths: [p('1g.safetensors')], wall: 0.3, rss: 150 },
      { name: 'safetensors-4g', what: '4 GiB sparse safetensors', make: () => writeSparseSafetensors(p('4g.safetensors'), 4 * GiB), paths: [p('4g.safetensors')], wall: 0.3, rss: 150 },
      { name: 'safetensors-8g', what: '8 GiB sparse safetensors', make: () => writeSparseSafetensors(p('8g.safetensors'), 8 * GiB), paths: [p('8g.safetensors')], wall: 0.3, rss: 150 },
      // A legacy Keras .h5 (fixtures/hdf5/lambda-v0.h5) grown to 2 GiB by a hole: only its metadata is read.
      { name: 'h5-2g', what: '2 GiB legacy Keras .h5 (model_config with a Lambda; the rest a hole)', make: () => writeGrownCopy(join(ROOT, 'fixtures/hdf5/lambda-v0.h5'), p('model-2g.h5'), 2 * GiB), paths: [p('model-2g.h5')], wall: 1, rss: 150 },
      { name: 'onnx-2g-inline', what: '2 GiB ONNX, 256 inline initializers (raw_data) + 10,000 nodes', make: () => writeInlineOnnx(p('model-2g.onnx'), 2 * GiB - MiB), paths: [p('model-2g.onnx')], wall: 1, rss: 150 },
      { name: 'torch-zip-1g', what: '1 GiB torch zip (stored, archive/data.pkl + 16 storages)', make: () => writeTorchZip(p('model-1g.pt'), 1 * GiB), paths: [p('model-1g.pt')], wall: 0.3, rss: 150 },
      { name: 'pickle-p4', what: 'vocab dict, 1.5 M entries, protocol 4 (FRAME, MEMOIZE)', make: () => writeFileBytes(p('vocab-p4.pkl'), vocabPickle(1_500_000, 4)), paths: [p('vocab-p4.pkl')], pickle: true, ratio: 30, walk: 1.25, rss: 200 },
      { name: 'pickle-p2', what: 'same dict, protocol 2 (BINUNICODE, LONG_BINPUT)', make: () => writeFileBytes(p('vocab-p2.pkl'), vocabPickle(1_500_000, 2)), paths: [p('vocab-p2.pkl')], pickle: true, ratio: 30, walk: 1.25, rss: 200 },
      { name: 'small-1000', what: '1000 small model files in one folder (pickles, safetensors, torch zips)', make: () => writeSmallFiles(p('small')), paths: [p('small')], wall: 2 },
      { name: 'gguf-large-header', what: '4 GiB sparse GGUF, 300k-string vocab + scores + token types + 300k merges, a chat template (15 MB header)', make: () => writeLargeHeaderGguf(p('large-header.gguf'), 300_000, 4 * GiB), paths: [p('large-header.gguf')], wall: 1, rss: 150 },
      { name: 'binbytes-300m', what: 'zip, deflated archive/data.pkl with a 300 MiB BINBYTES8', make: () => writeDeflatedBinbytes(p('binbytes.pt'), 300 * MiB), paths: [p('binbytes.pt')], wall: 3, rss: 200 },
      // Remote: the loopback server of bench/remote-fixture.mjs, every answer 20 ms late (see the header).
      { name: 'remote-safetensors-4g', what: '4 GiB safetensors shard by URL: hub resolve -> 302 -> CDN host', remote: (fx) => ({ paths: [fx.shard.url], size: fx.shard.size }), afterRedirect: 3, readBytes: MiB },
      { name: 'remote-torch-zip-1g', what: '1 GiB torch zip by a plain range URL', remote: (fx) => ({ paths: [fx.zip.url], size: fx.zip.size }) },
      { name: 'remote-hf-repo', what: `hf://${REPO} on a fake hub (HF_ENDPOINT): 12 files, 4 shards of 1-4 GiB, 2 torch zips, a pickle`, remote: (fx) => ({ paths: [fx.hf], size: fx.repo.size }), requests: 40 },
      // The same repo from a server that answers multi-range requests with the whole object, as S3 (and CDNs in front of it) do.
      { name: 'remote-hf-repo-single-range', what: `hf://${REPO}, server without multi-range answers (S3-like)`, remote: (fx) => ({ paths: [fx.hf], size: fx.repo.size }), multiRange: false }
    ].filter((c) => ONLY.length === 0 || ONLY.includes(c.name))

    let fixture // the remote server and its sparse files, started by the first remote case
    for (const c of cases) {
      log(`${c.name}: writing ...`)
      if (c.remote) {
        fixture ??= await startRemoteFixture(join(corpus, 'remote'))
        fixture.server.setMultiRange(c.multiRange ?? true)
        Object.assign(c, c.remote(fixture))
      } else await c.make()
      const size = c.size ?? c.paths.map(sizeOf).reduce((a, b) => a + b, 0)
      const runs = []
      const walks = [] // the bare opcode walk, one right after each CLI run (pickles)
      const served = [] // the server's own counters, per run
      try {
        for (let i = 0; i < RUNS; i++) {
          fixture?.server.reset()
          runs.push(await runOnce(cli, c.paths, join(work, 'rss.txt'), time, c.remote ? fixture.env : {}))
          if (c.remote) served.push(fixture.server.stats())
          if (c.pickle) walks.push(await walkOnce(c.paths[0], join(work, 'rss.txt'), time))
        }
      } catch (err) {
        if (!c.remote) throw err
        // A CLI build without remote targets (or a failing one): a missed row, the other cases still run.
        log(`${c.name}: the CLI failed: ${err.message}`)
        results.push({ case: c.name, what: c.what, failed: true, target: `MISSED: the CLI failed (${err.message.split('\n')[0].slice(0, 200)})` })
        continue
      }
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
        walkRow(c, row, runs, walks)
        if (timed === undefined) {
          log('bundling bench/scan-timed.ts (ncc) ...')
          timed = bundle('bench/scan-timed.ts', join(work, 'scan-timed'), 'scan-timed.js')
        }
        log(`${c.name}: in-process scan time (scan-timed, ${RUNS} processes) ...`)
        const scans = []
        for (let i = 0; i < RUNS; i++) scans.push(await timedOnce(timed, c.paths[0]))
        for (const t of scans) {
          if (t.format !== files[0].format || t.opcodes !== (files[0].details?.opcodes ?? null)) {
            throw new Error(`${c.name}: scan-timed saw ${t.format} / ${t.opcodes} opcodes, the CLI ${files[0].format} / ${files[0].details?.opcodes} opcodes`)
          }
        }
        const scanMs = median(scans.map((t) => t.ms))
        row.scanMsMedian = +scanMs.toFixed(1)
        row.scanMsBest = +Math.min(...scans.map((t) => t.ms)).toFixed(1)
        row.scanMopsPerS = +(opcodes / 1e3 / scanMs).toFixed(1)
        if (!flag('--no-python')) {
          log(`${c.name}: pickletools.genops over the file and over memory ...`)
          const g = genops(c.paths[0])
          if (g) {
            row.genopsOpcodes = g.opcodes
            row.genopsFileSeconds = +g.file_seconds.toFixed(2)
            row.genopsMemorySeconds = +g.memory_seconds.toFixed(2)
            row.ratioFileScan = +((g.file_seconds * 1000) / scanMs).toFixed(1)
            row.ratioFileWall = +(g.file_seconds / wall).toFixed(1)
            row.ratioMemoryScan = +((g.memory_seconds * 1000) / scanMs).toFixed(1)
          } else log(`${c.name}: bench/genops.py failed; no genops ratios`)
        }
      }
      const misses = c.remote ? remoteRow(c, row, runs, served) : []
      if (c.wall !== undefined && wall >= c.wall) misses.push(`wall ${wall.toFixed(3)} s >= ${c.wall} s`)
      if (c.rss !== undefined && rss >= c.rss) misses.push(`RSS ${rss.toFixed(0)} MiB >= ${c.rss} MiB`)
      // The genops target: genops over the open file (as picklescan runs it) / in-process scan time.
      if (c.ratio !== undefined && row.ratioFileScan !== undefined && row.ratioFileScan < c.ratio) misses.push(`genops-file / scan ${row.ratioFileScan}x < ${c.ratio}x`)
      // The bare-walk target: CLI wall / walk wall, whole process against whole process (see the header).
      if (c.walk !== undefined && row.walkRatio > c.walk) misses.push(`wall / bare walk ${row.walkRatio}x > ${c.walk}x`)
      const unchecked = c.ratio !== undefined && row.ratioFileScan === undefined ? ' (genops ratio not measured)' : ''
      const targeted = [c.wall, c.rss, c.ratio, c.walk, c.afterRedirect, c.readBytes, c.requests].some((x) => x !== undefined)
      row.target = !targeted ? '-' : misses.length === 0 ? `met${unchecked}` : `MISSED: ${misses.join('; ')}${unchecked}`
      results.push(row)
      if (flag('--json')) console.log(JSON.stringify(row))
      else {
        const scan = row.scanMsMedian !== undefined ? `, scan ${row.scanMsMedian} ms in-process` : ''
        const ratio = (row.walkRatio !== undefined ? `, wall / bare walk ${row.walkRatio}x` : '') + (row.ratioFileScan !== undefined ? `, genops-file / scan ${row.ratioFileScan}x` : '')
        const remote = c.remote ? `, ${row.requests ?? 'n/a'} requests (server ${row.serverRequests}, ${row.afterRedirect} on the CDN host), read ${row.bytesRead ?? 'n/a'} B (server sent ${row.serverBytes} B) of ${row.fullSize} B` : ''
        log(`${c.name}: ${row.wallMedian} s median, ${row.wallBest} s best, ${row.rssMiB} MiB${scan}${ratio}${remote}`)
      }
      if (!c.remote) for (const x of c.paths) rmSync(x, { recursive: true, force: true })
    }
    await fixture?.server.close()

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

/** The bare opcode walk's figures into `row`: its wall (median / best), peak RSS, and the CLI / walk ratio per pair. */
function walkRow(c, row, runs, walks) {
  for (const w of walks) if (w.opcodes !== row.opcodes) throw new Error(`${c.name}: opcode-walk counted ${w.opcodes} opcodes, the CLI ${row.opcodes}`)
  const pairs = runs.map((r, i) => r.seconds / walks[i].seconds)
  row.walkMedian = +median(walks.map((w) => w.seconds)).toFixed(3)
  row.walkBest = +Math.min(...walks.map((w) => w.seconds)).toFixed(3)
  row.walkRssMiB = +Math.max(...walks.map((w) => w.rssMiB)).toFixed(1)
  row.walkRatio = +median(pairs).toFixed(2)
  row.walkRatioBest = +Math.min(...pairs).toFixed(2)
}

/**
 * Remote counters into `row`: the CLI's (report.summary.remote, per file source) and the
 * server's (bench/remote-server.mjs, per run; the worst run is held against the targets).
 * Returns the targets missed.
 */
function remoteRow(c, row, runs, served) {
  const worst = (f) => Math.max(...served.map(f))
  const mine = runs.map((r) => r.report.summary?.remote)
  const first = mine[0]
  row.requests = first?.requests ?? null
  row.bytesRead = first?.bytes ?? null
  row.fullSize = first?.size ?? row.bytes
  row.serverRequests = worst((s) => s.requests)
  row.serverBytes = worst((s) => s.bytes)
  row.afterRedirect = worst((s) => s.cdn.requests)
  // Where the requests went (the CLI's per-file counters), most first: the first thing to read on a miss.
  row.perFile = Object.fromEntries(
    runs[0].report.files
      .filter((f) => f.source !== undefined)
      .sort((a, b) => b.source.requests - a.source.requests)
      .map((f) => [f.path.split('/').pop(), `${f.source.requests} req / ${f.source.bytes} B`])
  )
  row.serverLog = served[0].log.map((e) => `${e.role} ${e.method} ${e.path.replace(/\?.*/, '')}${e.range ? ` ${e.range}` : ''} -> ${e.status} ${e.bytes}`)
  const failed = runs[0].report.files.filter((f) => f.findings.some((x) => x.rule === 'remote/fetch-failed')).map((f) => f.path)
  const misses = []
  if (first === undefined) misses.push('the CLI reports no summary.remote')
  if (failed.length > 0) misses.push(`remote/fetch-failed on ${failed.join(', ')}`)
  const requests = Math.max(row.serverRequests, ...mine.map((m) => m?.requests ?? 0))
  const bytes = Math.max(row.serverBytes, ...mine.map((m) => m?.bytes ?? 0))
  if (c.afterRedirect !== undefined && row.afterRedirect > c.afterRedirect) misses.push(`${row.afterRedirect} requests after the redirect > ${c.afterRedirect}`)
  if (c.readBytes !== undefined && bytes >= c.readBytes) misses.push(`read ${bytes} B >= ${c.readBytes} B`)
  if (c.requests !== undefined && requests >= c.requests) misses.push(`${requests} requests >= ${c.requests}`)
  if (first !== undefined && (first.requests !== served[0].requests || first.bytes !== served[0].bytes)) {
    log(`${c.name}: the CLI counted ${first.requests} requests / ${first.bytes} B, the server ${served[0].requests} / ${served[0].bytes} B`)
  }
  if (misses.length > 0 && runs[0].report.files.length > 1) log(`${c.name}: per file: ${Object.entries(row.perFile).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  return misses
}

function printTable(machine, time, rows) {
  const fmtBytes = (b) => (b === undefined ? '' : b >= GiB ? `${(b / GiB).toFixed(1)} GiB` : b >= MiB ? `${(b / MiB).toFixed(1)} MiB` : `${(b / 1024).toFixed(0)} KiB`)
  const lines = [
    `machine: ${machine.cpu}, ${machine.nproc} CPUs (nproc), ${machine.memGiB} GiB RAM, Node ${machine.node}, Linux ${machine.kernel}, load ${machine.load}`,
    `runs per case: ${RUNS}; wall = spawn to exit of \`node cli.js scan --format json\` (median / best); RSS = peak of all runs (${time ? 'GNU time %M' : 'ru_maxrss'})`,
    '',
    '| case | size | wall median | wall best | CPU (user+sys) | peak RSS | pickle MB/s | opcodes/s | findings | target |',
    '|---|---|---|---|---|---|---|---|---|---|'
  ]
  for (const r of rows) {
    if (r.failed) {
      lines.push(`| ${r.case} | | | | | | | | | ${r.target} |`)
      continue
    }
    if (r.case === 'size-independence') {
      lines.push(`| ${r.case} | 8 GiB / 1 GiB | ${r.wallMedian}× | | | | | | | ${r.target} |`)
      continue
    }
    lines.push(
      `| ${r.case} | ${fmtBytes(r.bytes)}${r.files > 1 ? ` (${r.files} files)` : ''} | ${r.wallMedian.toFixed(3)} s | ${r.wallBest.toFixed(3)} s | ${r.cpu.toFixed(2)} s | ${r.rssMiB.toFixed(0)} MiB | ` +
        `${r.mbPerS ?? ''} | ${r.mopsPerS !== undefined ? `${r.mopsPerS} M` : ''} | ${r.formats}: ${r.rules} | ${r.target} |`
    )
  }
  const pickles = rows.filter((r) => r.scanMsMedian !== undefined)
  if (pickles.length > 0) {
    const s = (x) => (x === undefined ? 'n/a' : `${x} s`)
    const x = (v) => (v === undefined ? 'n/a' : `${v}×`)
    lines.push(
      '',
      'pickles: in-process scan = `scanFile` alone in a fresh `node scan-timed.js` process (median / best); genops = `pickletools.genops` over the open file ' +
        '(from open() to end of walk, as picklescan runs it) and over `io.BytesIO` (file read beforehand), Python start excluded. ' +
        'Target: genops-file / in-process scan ≥ 30×. bare walk = `node bench/opcode-walk.mjs` (readFileSync + a loop decoding opcode lengths), ' +
        'one process right after each CLI run, wall spawn to exit as for the CLI (median / best); wall / bare walk = median of the pairs (best pair). ' +
        'Targets: wall / bare walk ≤ 1.25× and peak RSS < 200 MiB.',
      '',
      '| case | opcodes | wall median | peak RSS | bare walk | bare walk RSS | **wall / bare walk** | in-process scan | scan opcodes/s | genops file | genops memory | **genops-file / scan** | genops-file / wall | genops-memory / scan |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|'
    )
    for (const r of pickles) {
      lines.push(
        `| ${r.case} | ${(r.opcodes / 1e6).toFixed(1)} M | ${r.wallMedian.toFixed(3)} s | ${r.rssMiB.toFixed(0)} MiB | ${r.walkMedian} / ${r.walkBest} s | ${r.walkRssMiB.toFixed(0)} MiB | ` +
          `**${r.walkRatio}×** (${r.walkRatioBest}×) | ${r.scanMsMedian} / ${r.scanMsBest} ms | ${r.scanMopsPerS} M | ` +
          `${s(r.genopsFileSeconds)} | ${s(r.genopsMemorySeconds)} | **${x(r.ratioFileScan)}** | ${x(r.ratioFileWall)} | ${x(r.ratioMemoryScan)} |`
      )
    }
  }
  const remote = rows.filter((r) => r.serverRequests !== undefined)
  if (remote.length > 0) {
    const n = (v) => (v === null || v === undefined ? 'n/a' : v)
    const kib = (b) => (b === null || b === undefined ? 'n/a' : fmtBytes(b))
    lines.push(
      '',
      'remote: a loopback server (bench/remote-server.mjs) delays every answer by 20 ms; requests and bytes as the CLI counts them ' +
        '(`summary.remote`) / as the server counted them (the worst run); "after redirect" = requests the CDN host (127.0.0.2) received. ' +
        'Targets: 4 GiB shard ≤ 3 requests after the redirect and < 1 MiB read; repo < 40 requests.',
      '',
      '| case | wall median | requests (CLI / server) | after redirect | read (CLI / server) | a full download would be | target |',
      '|---|---|---|---|---|---|---|'
    )
    for (const r of remote) {
      lines.push(
        `| ${r.case} | ${r.wallMedian.toFixed(3)} s | ${n(r.requests)} / ${r.serverRequests} | ${r.afterRedirect} | ${kib(r.bytesRead)} / ${kib(r.serverBytes)} | ` +
          `${(r.fullSize / GiB).toFixed(1)} GiB${r.files > 1 ? ` (${r.files} files)` : ''} | ${r.target} |`
      )
    }
  }
  console.log(lines.join('\n'))
}

await main()
