// Preloaded with `node --import` when GNU time is not available: writes the process's
// peak RSS (kilobytes, getrusage ru_maxrss) and user and system CPU seconds to
// $MODELGATE_BENCH_RSS when it exits, in GNU time's `%M %U %S` layout.
import { writeFileSync } from 'node:fs'

const target = process.env.MODELGATE_BENCH_RSS
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`)
  })
}
