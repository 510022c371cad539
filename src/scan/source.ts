// Random-access byte sources. Everything above this module sees only `Source`
// (never a path or a descriptor), so the same scanners can later run over HTTP Range reads.
import { constants, readSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

export interface Source {
  readonly size: number
  /**
   * Reads up to `length` bytes at `offset`; fewer only at end of source. Never throws for ranges past the end.
   * The bytes may be shared with other reads (a cache, an in-memory source): never modify them.
   */
  read(offset: number, length: number): Promise<Uint8Array>
  /**
   * Optional hint that these [offset, length] ranges are about to be read: a remote source
   * fetches them together (one multi-range request where the server allows). Never rejects.
   */
  prefetch?(ranges: readonly (readonly [number, number])[]): Promise<void>
  /**
   * Optional read into the caller's buffer: up to `length` bytes at `offset` into `into[0..]`;
   * resolves to the count (fewer only at end of source). Lets a chunk stream reuse its buffers.
   */
  readInto?(into: Uint8Array, offset: number, length: number): Promise<number>
  /**
   * Optional synchronous read, as `readInto`: only sources whose reads are cheap local preads
   * (a local file) have it. The pickle memo then keeps short strs as stream positions and reads
   * one back when a GET needs its text, instead of copying every memoized str (see pickle/memo.ts).
   */
  readSync?(into: Uint8Array, offset: number, length: number): number
}

export interface ClosableSource extends Source {
  close(): Promise<void>
}

/** Raised when the path is no longer a regular file at open time (swapped after listing). */
export class NotRegularFileError extends Error {}

/** Raised when the file opened is not the one a link was resolved to (swapped in between). */
export class ChangedFileError extends Error {}

/** The device and inode the opened file must have. */
export interface ExpectedFile {
  dev: number
  ino: number
}

// O_NOFOLLOW: a path swapped for a symlink after listing is refused, not followed.
// O_NONBLOCK: a path swapped for a FIFO does not hang the open; fstat then rejects it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** Opens a regular file for positioned reads; with `expected`, only that very file (a link's resolved target). */
export async function openFileSource(path: string, expected?: ExpectedFile): Promise<ClosableSource> {
  const handle: FileHandle = await open(path, OPEN_FLAGS)
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new NotRegularFileError(`not a regular file: ${path}`)
    if (expected !== undefined && (stats.dev !== expected.dev || stats.ino !== expected.ino)) throw new ChangedFileError(`changed since it was resolved: ${path}`)
    return new FileSource(handle, stats.size)
  } catch (err) {
    await handle.close()
    throw err
  }
}

/**
 * The first bytes of a file are read once and kept: sniffing, format headers and, for small
 * files, everything else (zip end records and members, a whole small pickle) then cost no
 * further read.
 */
const HEAD_CACHE = 64 * 1024

class FileSource implements ClosableSource {
  private head: Promise<Uint8Array> | null = null
  /** Once closed, the descriptor number may already name another file: reads must not use it. */
  private closed = false

  constructor(
    private readonly handle: FileHandle,
    readonly size: number
  ) {}

  read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - offset))
    if (n === 0) return Promise.resolve(new Uint8Array(0))
    if (offset + n > Math.min(this.size, HEAD_CACHE)) return this.readRange(offset, n)
    this.head ??= this.readRange(0, Math.min(this.size, HEAD_CACHE))
    // A file that shrank after fstat gives a shorter head: read what lies past it directly.
    return this.head.then((head) => (offset + n <= head.length ? head.subarray(offset, offset + n) : this.readRange(offset, n)))
  }

  private async readRange(offset: number, n: number): Promise<Uint8Array> {
    // Not zero-filled: every byte handed out was read (a short read returns the filled prefix only).
    const buf = Buffer.allocUnsafe(n)
    const done = await this.readInto(buf, offset, n)
    return done === n ? buf : buf.subarray(0, done)
  }

  async readInto(into: Uint8Array, offset: number, length: number): Promise<number> {
    const n = Math.max(0, Math.min(length, into.length, this.size - offset))
    let done = 0
    while (done < n) {
      const { bytesRead } = await this.handle.read(into, done, n - done, offset + done)
      if (bytesRead === 0) break // file shrank while we read it
      done += bytesRead
    }
    return done
  }

  readSync(into: Uint8Array, offset: number, length: number): number {
    if (this.closed) throw new Error('read after the file was closed')
    const n = Math.max(0, Math.min(length, into.length, this.size - offset))
    let done = 0
    while (done < n) {
      const read = readSync(this.handle.fd, into, done, n - done, offset + done)
      if (read === 0) break // file shrank
      done += read
    }
    return done
  }

  close(): Promise<void> {
    this.closed = true
    return this.handle.close()
  }
}

/** An in-memory source (inflated archive members, tests). */
export function bufferSource(bytes: Uint8Array): Source {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length))
  }
}

/** A window [start, start + size) of another source, addressed from 0. */
export function sliceSource(source: Source, start: number, size: number): Source {
  const length = Math.max(0, Math.min(size, source.size - start))
  const prefetch = source.prefetch?.bind(source)
  const readInto = source.readInto?.bind(source)
  const readSync = source.readSync?.bind(source)
  return {
    size: length,
    read: (offset, n) => source.read(start + offset, Math.max(0, Math.min(n, length - offset))),
    ...(readInto !== undefined ? { readInto: (into, offset, n) => readInto(into, start + offset, Math.max(0, Math.min(n, length - offset))) } : {}),
    ...(readSync !== undefined ? { readSync: (into, offset, n) => readSync(into, start + offset, Math.max(0, Math.min(n, length - offset))) } : {}),
    ...(prefetch !== undefined ? { prefetch: (ranges) => prefetch(ranges.map(([o, n]) => [start + o, Math.max(0, Math.min(n, length - o))] as const)) } : {})
  }
}

/**
 * A forward stream of chunks. Pickle streams are consumed through this so the same
 * analyzer runs over a positioned file range or over an inflater's output.
 */
export interface ChunkStream {
  /** Next chunk (non-empty), or null at end of stream. */
  next(): Promise<Uint8Array | null>
  /** Optional fast skip of `n` bytes not yet returned; resolves to the number skipped (less only at end). */
  skip?(n: number): Promise<number>
  /**
   * Optional: the consumer holds no reference into `chunk` (one `next` returned) any more, so
   * the stream may read later chunks into its memory. Anything else passed in is ignored.
   */
  recycle?(chunk: Uint8Array): void
  /**
   * Optional: a synchronous read of the stream's bytes at `offset` (from its first byte), as
   * `Source.readSync`; only streams straight over a source that has one (not decompressed ones).
   * A stream has both or neither of `readSync` and `position`.
   */
  readSync?(into: Uint8Array, offset: number, length: number): number
  /** With `readSync`: where the next unread byte lies from the stream's first byte (bytes returned or skipped so far). */
  position?(): number
}

export const DEFAULT_CHUNK = 1 << 20

const ignore = (): void => {}

/**
 * Chunks of `source` from `start` to its end, read with positioned reads. One chunk is
 * read ahead while the consumer works on the previous one (the read runs on libuv's
 * thread pool, so I/O overlaps analysis); a `skip` drops it. When the source reads into
 * given buffers, chunks the consumer hands back (`recycle`) are read into again: a fresh
 * 1 MiB buffer per chunk costs its page faults every time (several times the read itself).
 */
export function sourceChunks(source: Source, start = 0, chunkSize = DEFAULT_CHUNK): ChunkStream {
  let pos = start
  let ahead: Promise<Uint8Array> | null = null
  /**
   * Chunks handed out (the view returned -> its whole buffer), weakly: a consumer that never
   * recycles must not make the stream keep every chunk. And buffers free to read into.
   */
  const lent = new WeakMap<Uint8Array, Buffer>()
  const free: Buffer[] = []
  const read = (at: number): Promise<Uint8Array> => {
    // Only whole chunks: a small file's bytes come from the source's head cache, as before.
    if (source.readInto === undefined || source.size - at < chunkSize) return source.read(at, chunkSize)
    const into = free.pop() ?? Buffer.allocUnsafe(chunkSize)
    return source.readInto(into, at, chunkSize).then((n) => {
      const chunk = n === into.length ? into : into.subarray(0, n)
      lent.set(chunk, into)
      return chunk
    })
  }
  const readAhead = (): void => {
    if (pos >= source.size) return
    ahead = read(pos)
    ahead.catch(ignore) // awaited by the next `next()`, which sees the error; a dropped read must not be unhandled
  }
  return {
    async next() {
      if (pos >= source.size) return null
      const pending = ahead
      ahead = null
      const chunk = await (pending ?? read(pos))
      if (chunk.length === 0) return null
      pos += chunk.length
      readAhead()
      return chunk
    },
    async skip(n) {
      const skipped = Math.max(0, Math.min(n, source.size - pos))
      if (skipped > 0) ahead = null // its buffer is not reused: the read may still be under way
      pos += skipped
      return skipped
    },
    recycle(chunk) {
      const buf = lent.get(chunk)
      if (buf === undefined) return
      lent.delete(chunk)
      free.push(buf)
    },
    ...(source.readSync !== undefined ? { readSync: (into: Uint8Array, offset: number, length: number) => source.readSync!(into, start + offset, length), position: () => pos - start } : {})
  }
}
