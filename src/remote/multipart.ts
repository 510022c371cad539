// `multipart/byteranges` answers (RFC 9110 §14.6): the parts of a multi-range request. Each part
// is taken by the length its Content-Range gives, never by searching for the boundary inside
// the data (which may contain it).

export interface RangePart {
  start: number
  bytes: Uint8Array
  /** The complete length the part's Content-Range gives (`*` is refused). */
  total: number
}

/** The boundary parameter of a `multipart/byteranges` Content-Type, or null. */
export function byterangesBoundary(contentType: string | null): string | null {
  if (contentType === null || !/^\s*multipart\/byteranges\s*;/i.test(contentType)) return null
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType)
  return m === null ? null : (m[1] ?? m[2])
}

const CRLF = [0x0d, 0x0a]
/** A part's headers are a few short lines: more is not a range answer. */
const MAX_PART_HEADERS = 4096

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number, to = haystack.length): number {
  outer: for (let i = from; i + needle.length <= to; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

const at = (body: Uint8Array, pos: number, bytes: readonly number[]): boolean => bytes.every((b, i) => body[pos + i] === b)

/** The parts of `body`, or null when it is not a well-formed byteranges body. */
export function parseByteranges(body: Uint8Array, boundary: string): RangePart[] | null {
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: RangePart[] = []
  // A preamble may precede the first delimiter.
  let pos = indexOf(body, delimiter, 0, Math.min(body.length, MAX_PART_HEADERS + delimiter.length))
  if (pos < 0) return null
  for (;;) {
    pos += delimiter.length
    if (at(body, pos, [0x2d, 0x2d])) return parts // closing delimiter `--boundary--`
    if (!at(body, pos, CRLF)) return null
    const headersEnd = indexOf(body, Buffer.from('\r\n\r\n'), pos, Math.min(body.length, pos + MAX_PART_HEADERS))
    if (headersEnd < 0) return null
    const headers = Buffer.from(body.subarray(pos + 2, headersEnd)).toString('latin1')
    const range = /^content-range:\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/im.exec(headers)
    if (range === null) return null
    const [start, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])]
    if (last < start || last >= total) return null
    const dataStart = headersEnd + 4
    const dataEnd = dataStart + (last - start + 1)
    if (dataEnd > body.length) return null
    parts.push({ start, bytes: body.subarray(dataStart, dataEnd), total })
    pos = dataEnd
    if (!at(body, pos, CRLF)) return null
    pos += 2
    if (!at(body, pos, [...delimiter])) return null
  }
}
