// One progress line on a terminal's standard error, rewritten in place as files finish
// (remote scans can take a while); cleared before the report is printed.
import type { FileReport } from '../scan/findings.js'
import { formatBytes } from '../report/describe.js'

const INTERVAL_MS = 100

export class Progress {
  private files = 0
  private requests = 0
  private bytes = 0
  private last = 0
  private shown = false

  constructor(private readonly write: (text: string) => void) {}

  /** Counts one finished file (bound: usable as a callback). */
  readonly file = (file: FileReport): void => {
    this.files++
    if (file.source !== undefined) {
      this.requests += file.source.requests
      this.bytes += file.source.bytes
    }
    const now = Date.now()
    if (now - this.last < INTERVAL_MS) return
    this.last = now
    const remote = this.requests > 0 ? `, read ${formatBytes(this.bytes)} in ${this.requests} requests` : ''
    this.write(`\r\x1b[Kmodelgate: ${this.files} file(s) scanned${remote}`)
    this.shown = true
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[K')
  }
}
