// Reading a server that ignores Range: its 200 body, taken forward only as far as a read needs
// (the rest is never downloaded while nobody reads it).
import type { Traffic } from './http.js'

const ignore = (): void => {}

/** The body of a 200 answer read forward: bytes are taken as needed, the rest is never downloaded. */
export class ForwardStream {
  private leftover: Uint8Array = new Uint8Array(0)
  pos = 0

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly traffic: Traffic
  ) {}

  /** The next `n` bytes, fewer only at end of the body; bytes before them are skipped after `skip`. */
  async take(skip: number, n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n)
    let filled = 0
    let toSkip = skip
    while (filled < n) {
      if (this.leftover.length === 0) {
        const chunk = await this.reader.read()
        if (chunk.done) break
        this.traffic.bytes += chunk.value.length
        this.leftover = chunk.value
      }
      const dropped = Math.min(toSkip, this.leftover.length)
      toSkip -= dropped
      const used = Math.min(n - filled, this.leftover.length - dropped)
      out.set(this.leftover.subarray(dropped, dropped + used), filled)
      filled += used
      this.leftover = this.leftover.subarray(dropped + used)
      this.pos += dropped + used
    }
    return filled === n ? out : out.subarray(0, filled)
  }

  cancel(): Promise<void> {
    return this.reader.cancel().catch(ignore)
  }
}
