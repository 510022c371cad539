// Static evaluation of the few pure functions that turn constants into bytes
// (`_codecs.encode`, base64, hex, zlib, `bytes(...)`): their results are what a nested
// deserializer (`pickle.loads(base64.b64decode('...'))`) would receive. Nothing here
// runs Python code; each function is reimplemented over constants only.
import { inflateSync, unzipSync } from 'node:zlib'
import { PyBytes, PyContainer, PyLongStr, PyOpaque, type Value } from './values.js'

/** Bound on bytes produced by decompression here (a nested payload, not model weights). */
const MAX_OUTPUT = 64 << 20

const UNKNOWN_BYTES = new PyOpaque('bytes computed from a payload too large to keep')

type Evaluator = (args: readonly Value[], offset: number) => Value | undefined

function bytesOf(value: Value): Uint8Array | undefined | null {
  if (value instanceof PyBytes) return value.truncated ? null : value.data
  return undefined
}

function encodeText(text: string, encoding: string): Uint8Array | undefined {
  const enc = encoding.toLowerCase().replace(/[-_ ]/g, '')
  if (enc === 'latin1' || enc === 'iso88591' || enc === 'l1' || enc === 'ascii') {
    const limit = enc === 'ascii' ? 0x80 : 0x100
    const out = new Uint8Array(text.length)
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c >= limit) return undefined
      out[i] = c
    }
    return out
  }
  if (enc === 'utf8') return Buffer.from(text, 'utf8')
  return undefined
}

function asBytes(value: Value): Uint8Array | undefined | null {
  if (typeof value === 'string') return Buffer.from(value, 'latin1')
  if (value instanceof PyLongStr) return null
  return bytesOf(value)
}

/** `codecs.decode(data, codec)` for the bytes-to-bytes codecs used to hide payloads. */
function decodeBinaryCodec(data: Uint8Array, codec: string): Uint8Array | undefined {
  const c = codec.toLowerCase().replace(/[-_ ]/g, '')
  const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1')
  if (c === 'base64' || c === 'base64codec') return Buffer.from(text, 'base64')
  if (c === 'hex' || c === 'hexcodec') return Buffer.from(text, 'hex')
  if (c === 'zlib' || c === 'zlibcodec') return inflate(data)
  return undefined
}

function inflate(data: Uint8Array): Uint8Array | undefined {
  try {
    return inflateSync(data, { maxOutputLength: MAX_OUTPUT })
  } catch {
    try {
      return unzipSync(data, { maxOutputLength: MAX_OUTPUT })
    } catch {
      return undefined
    }
  }
}

const bytesResult = (data: Uint8Array | undefined | null, offset: number): Value | undefined =>
  data === null ? UNKNOWN_BYTES : data === undefined ? undefined : new PyBytes(data, data.length, offset)

const fromText =
  (decoder: (text: string) => Uint8Array): Evaluator =>
  (args, offset) => {
    const input = asBytes(args[0] ?? null)
    if (input === null) return UNKNOWN_BYTES
    return input === undefined ? undefined : bytesResult(decoder(Buffer.from(input).toString('latin1')), offset)
  }

const base64 = fromText((t) => Buffer.from(t, 'base64'))
const hex = fromText((t) => Buffer.from(t.replace(/\s+/g, ''), 'hex'))

/** `encode(str, encoding)`: text to bytes (latin-1, ascii, utf-8). */
const codecEncode: Evaluator = (args, offset) => {
  const [input, encoding = 'utf-8'] = args
  if (typeof encoding !== 'string') return undefined
  if (typeof input === 'string') return bytesResult(encodeText(input, encoding), offset)
  return input instanceof PyLongStr ? UNKNOWN_BYTES : undefined
}

const codecDecode: Evaluator = (args, offset) => {
  const [input, encoding = 'utf-8'] = args
  if (typeof encoding !== 'string') return undefined
  const data = asBytes(input ?? null)
  return data === null ? UNKNOWN_BYTES : data === undefined ? undefined : bytesResult(decodeBinaryCodec(data, encoding), offset)
}

const bytesCtor =
  (mutable: boolean): Evaluator =>
  (args, offset) => {
    const [input, encoding] = args
    if (typeof input === 'string' && typeof encoding === 'string') {
      const data = encodeText(input, encoding)
      return data && new PyBytes(data, data.length, offset, mutable)
    }
    if (input instanceof PyBytes) return new PyBytes(input.data, input.length, offset, mutable)
    if (input instanceof PyContainer && (input.type === 'list' || input.type === 'tuple') && !input.partial) {
      if (!input.items.every((v) => typeof v === 'number' && v >= 0 && v < 256)) return undefined
      return new PyBytes(Uint8Array.from(input.items as number[]), input.size, offset, mutable)
    }
    return undefined
  }

const zlibDecompress: Evaluator = (args, offset) => {
  const data = bytesOf(args[0] ?? null)
  return data === null ? UNKNOWN_BYTES : data === undefined ? undefined : bytesResult(inflate(data), offset)
}

/** File-like wrappers: the nested loader reads the bytes they wrap. */
const passThrough: Evaluator = (args) => (args[0] instanceof PyBytes || args[0] === UNKNOWN_BYTES ? args[0] : undefined)

const EVALUATORS: ReadonlyMap<string, Evaluator> = new Map([
  ['_codecs.encode', codecEncode],
  ['codecs.encode', codecEncode],
  ['_codecs.decode', codecDecode],
  ['codecs.decode', codecDecode],
  ['base64.b64decode', base64],
  ['base64.standard_b64decode', base64],
  ['base64.decodebytes', base64],
  ['base64.urlsafe_b64decode', fromText((t) => Buffer.from(t, 'base64url'))],
  ['binascii.a2b_base64', base64],
  ['base64.b16decode', hex],
  ['binascii.unhexlify', hex],
  ['binascii.a2b_hex', hex],
  ['builtins.bytes.fromhex', hex],
  ['builtins.bytearray.fromhex', hex],
  ['builtins.bytes', bytesCtor(false)],
  ['builtins.bytearray', bytesCtor(true)],
  ['zlib.decompress', zlibDecompress],
  ['io.BytesIO', passThrough],
  ['_io.BytesIO', passThrough]
])

/** The value `name(*args)` returns, when it is a pure bytes-producing function of constants. */
export function evaluateCall(name: string, args: Value, offset: number): Value | undefined {
  const evaluator = EVALUATORS.get(name)
  if (evaluator === undefined || !(args instanceof PyContainer) || args.type !== 'tuple') return undefined
  return evaluator(args.items, offset)
}
