// In-process scan time of one file, for bench/run.mjs (bundled with ncc like the CLI).
//
//   node scan-timed.js FILE
//
// Times only `scanFile(FILE, defaultScanOptions())` with performance.now(): process start,
// bundle load and report rendering are excluded, so it compares with bench/genops.py (which
// excludes Python start) as the whole-process wall time cannot. Each run is a fresh process,
// so the JIT is as cold as in the CLI. Prints one JSON line:
// {"ms": scan time, "format": report format, "opcodes": details.opcodes or null, "rules": [finding rules]}.
import { scanFile } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'

const path = process.argv[2]
if (path === undefined) {
  process.stderr.write('usage: node scan-timed.js FILE\n')
  process.exit(2)
}
const start = performance.now()
const report = await scanFile(path, defaultScanOptions())
const ms = performance.now() - start
const opcodes = report.details?.opcodes
process.stdout.write(
  `${JSON.stringify({
    ms,
    format: report.format,
    opcodes: typeof opcodes === 'number' ? opcodes : null,
    rules: [...new Set(report.findings.map((f) => f.rule))]
  })}\n`
)
