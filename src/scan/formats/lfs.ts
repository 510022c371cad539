// Git LFS pointer files: the model bytes are not in the checkout.
// Parsing follows git-lfs `DecodeFrom`/`decodeKV` (lfs/pointer.go), including its leniency:
// surrounding whitespace trimmed, CRLF and blank lines accepted, ext lines before oid/size.
import { RULES, type Finding } from '../findings.js'
import type { FormatScanner } from '../context.js'

/** git-lfs `blobSizeCutoff`: larger blobs are never pointers. */
export const LFS_MAX_POINTER_SIZE = 1024

const VERSIONS = ['https://git-lfs.github.com/spec/v1', 'https://hawser.github.com/spec/v1', 'http://git-media.io/v/2']
const KEYS = ['version', 'oid', 'size'] as const
const MATCHER = /git-media|hawser|git-lfs/
const EXT_KEY = /^ext-\d-\w+/
const OID = /^[0-9a-f]{64}$/
const INT64_MAX = 2n ** 63n - 1n
// Go's bytes.TrimSpace: ASCII whitespace plus U+0085 and U+00A0 (as decoded text).
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g

export interface LfsPointer {
  version: string
  oid: string
  size: string
  extensions: string[]
  /** Byte-for-byte what `git lfs` itself writes. */
  canonical: boolean
}

/** Parses `bytes` (the whole file) as a Git LFS pointer, or returns null. */
export function parseLfsPointer(bytes: Uint8Array): LfsPointer | null {
  if (bytes.length === 0 || bytes.length > LFS_MAX_POINTER_SIZE) return null
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
  const data = text.replace(GO_SPACE, '')
  if (!MATCHER.test(data)) return null

  const values = new Map<string, string>()
  const extensions: string[] = []
  let keyIndex = 0
  for (const rawLine of data.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine // bufio.ScanLines drops one CR
    if (line.length === 0) continue
    const space = line.indexOf(' ')
    if (space < 0) return null
    const key = line.slice(0, space)
    const value = line.slice(space + 1)
    if (keyIndex >= KEYS.length) return null // "extra line"
    if (EXT_KEY.test(key)) {
      extensions.push(`${key} ${value}`)
      continue
    }
    if (key !== KEYS[keyIndex]) return null
    keyIndex++
    values.set(key, value)
  }

  const version = values.get('version')
  if (version === undefined || !VERSIONS.includes(version)) return null
  const oidValue = values.get('oid')
  if (oidValue === undefined) return null
  const colon = oidValue.indexOf(':')
  if (colon < 0 || oidValue.slice(0, colon) !== 'sha256' || !OID.test(oidValue.slice(colon + 1))) return null
  const size = parseGoInt64(values.get('size'))
  if (size === null || size < 0n) return null

  const oid = oidValue.slice(colon + 1)
  const canonicalText = `version ${VERSIONS[0]}\n${extensions.map((e) => `${e}\n`).join('')}oid sha256:${oid}\nsize ${size}\n`
  return { version, oid, size: size.toString(), extensions, canonical: text === canonicalText }
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, in int64 range. */
function parseGoInt64(s: string | undefined): bigint | null {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return null
  const n = BigInt(s)
  return n > INT64_MAX || n < -INT64_MAX - 1n ? null : n
}

export function lfsPointerFinding(pointer: LfsPointer, entry?: string): Finding {
  return {
    rule: RULES.lfsPointer,
    severity: 'medium',
    message:
      `Git LFS pointer (oid sha256:${pointer.oid}, ${pointer.size} bytes): the model itself is not in the checkout and was not scanned. ` +
      'Scan the LFS objects with `--lfs` (the action: input `lfs`, on when its token is set), or fetch them before scanning (actions/checkout with `lfs: true`, or `git lfs pull`).',
    ...(entry !== undefined ? { location: { entry } } : {}),
    oid: `sha256:${pointer.oid}`,
    size: pointer.size,
    canonical: pointer.canonical
  }
}

export const scanLfsPointer: FormatScanner = async (source, ctx) => {
  const pointer = parseLfsPointer(await source.read(0, LFS_MAX_POINTER_SIZE + 1))
  if (pointer === null) return { format: 'other', findings: [] }
  return { format: 'lfs-pointer', findings: [lfsPointerFinding(pointer, ctx.entry)] }
}
