// Benchmark corpus writers (Node only: no Python, no torch, no network).
//
// The pickles are written opcode for opcode the way CPython's C pickler writes the same
// objects (PROTO, 64 KiB FRAMEs at opcode boundaries for protocol 4, MEMOIZE / BINPUT /
// LONG_BINPUT after every str and tuple, SETITEMS batches of 1000): `node bench/corpus.mjs
// --check` compares them byte for byte with `pickle.dumps` when python3 is available.
// Large members and tensor data are holes (ftruncate / a seek past the end), so the 4 and
// 8 GiB files use a few kilobytes of disk.
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import * as zlib from 'node:zlib'

// -- a minimal pickler ---------------------------------------------------------------

const FRAME_TARGET = 64 * 1024
const BATCH = 1000

/** Growable output buffer with CPython's framing (protocol 4) and memo numbering. */
class Pickler {
  constructor(proto) {
    this.proto = proto
    this.buf = Buffer.alloc(1 << 20)
    this.len = 0
    this.memo = 0
    this.frameStart = -1
    this.parts = []
    this.written = 0
  }

  ensure(n) {
    if (this.len + n <= this.buf.length) return
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n))
    this.buf.copy(next, 0, 0, this.len)
    this.buf = next
  }

  byte(b) {
    this.ensure(1)
    this.buf[this.len++] = b
  }

  bytes(data) {
    this.ensure(data.length)
    this.len += (typeof data === 'string' ? this.buf.write(data, this.len, 'latin1') : data.copy(this.buf, this.len))
  }

  u32(v) {
    this.ensure(4)
    this.buf.writeUInt32LE(v >>> 0, this.len)
    this.len += 4
  }

  start() {
    this.byte(0x80)
    this.byte(this.proto)
    if (this.proto >= 4) this.startFrame()
  }

  startFrame() {
    this.frameStart = this.len
    this.bytes(Buffer.alloc(9)) // FRAME u64, filled in at commit
  }

  /** `_Pickler_OpcodeBoundary`: close the frame once it holds 64 KiB, open the next. */
  boundary() {
    if (this.frameStart < 0 || this.len - this.frameStart - 9 < FRAME_TARGET) return
    this.commitFrame()
    this.flush()
    this.startFrame()
  }

  commitFrame() {
    const size = this.len - this.frameStart - 9
    this.buf[this.frameStart] = 0x95
    this.buf.writeUInt32LE(size % 2 ** 32, this.frameStart + 1)
    this.buf.writeUInt32LE(Math.floor(size / 2 ** 32), this.frameStart + 5)
  }

  /** Hands completed output to `parts` (keeps the working buffer small). */
  flush() {
    const from = this.frameStart >= 0 ? this.frameStart : this.len
    if (from === 0) return
    this.parts.push(Buffer.from(this.buf.subarray(0, from)))
    this.written += from
    this.buf.copy(this.buf, 0, from, this.len)
    this.len -= from
    if (this.frameStart >= 0) this.frameStart = 0
  }

  memoize() {
    const i = this.memo++
    if (this.proto >= 4) this.byte(0x94)
    else if (i < 256) {
      this.byte(0x71) // BINPUT
      this.byte(i)
    } else {
      this.byte(0x72) // LONG_BINPUT
      this.u32(i)
    }
  }

  int(v) {
    if (v >= 0 && v < 256) {
      this.byte(0x4b)
      this.byte(v)
    } else if (v >= 0 && v < 65536) {
      this.byte(0x4d)
      this.ensure(2)
      this.buf.writeUInt16LE(v, this.len)
      this.len += 2
    } else {
      this.byte(0x4a)
      this.ensure(4)
      this.buf.writeInt32LE(v, this.len)
      this.len += 4
    }
  }

  float(v) {
    this.byte(0x47)
    this.ensure(8)
    this.buf.writeDoubleBE(v, this.len)
    this.len += 8
  }

  str(s) {
    const data = Buffer.from(s, 'utf8')
    if (this.proto >= 4 && data.length < 256) {
      this.byte(0x8c)
      this.byte(data.length)
    } else {
      this.byte(0x58)
      this.u32(data.length)
    }
    this.bytes(data)
    this.memoize()
  }

  /** A tuple of scalars: elements, TUPLE1-3, memoized. */
  tuple(items) {
    for (const item of items) this.value(item)
    this.byte(0x84 + items.length)
    this.memoize()
  }

  value(v) {
    this.boundary() // CPython checks the frame at the start of every save()
    if (typeof v === 'string') this.str(v)
    else if (Array.isArray(v)) this.tuple(v)
    else if (Number.isInteger(v) && !Object.is(v, -0) && !v.float) this.int(v)
    else this.float(Number(v))
  }

  /** A dict as `batch_dict_exact` writes it: one pair is SETITEM; otherwise MARK ... SETITEMS per 1000 pairs, with an empty batch after a full one. */
  dict(entries, emit) {
    this.boundary()
    this.byte(0x7d)
    this.memoize()
    if (entries === 0) return
    if (entries === 1) {
      emit(this, 0)
      this.byte(0x73)
      return
    }
    let i = 0
    let n
    do {
      n = Math.min(BATCH, entries - i)
      this.byte(0x28)
      for (let k = i; k < i + n; k++) emit(this, k)
      i += n
      this.byte(0x75)
      if (this.len > 1 << 22) this.flush()
    } while (n === BATCH)
  }

  finish() {
    this.byte(0x2e)
    if (this.frameStart >= 0) {
      if (this.len - this.frameStart - 9 >= 4) this.commitFrame()
      else {
        this.buf.copy(this.buf, this.frameStart, this.frameStart + 9, this.len)
        this.len -= 9
      }
      this.frameStart = -1
    }
    this.flush()
    return this.parts
  }
}

/** A float that is an integer value but must be written as BINFLOAT. */
const asFloat = (v) => Object.assign(new Number(v), { float: true })

/**
 * The tokenizer-style vocabulary pickle: `{f'tok{i:07d}': (i, f'\u2581piece{i}', -i / 7) ...}`,
 * the same object `bench/genops.py --write` builds with `pickle.dumps`.
 */
export function vocabPickle(entries, proto) {
  const p = new Pickler(proto)
  p.start()
  p.dict(entries, (q, i) => {
    q.value(`tok${String(i).padStart(7, '0')}`)
    q.value([i, `\u2581piece${i}`, asFloat(i === 0 ? 0 : -i / 7)])
  })
  return Buffer.concat(p.finish())
}

export const VOCAB_PYTHON = (entries, proto) =>
  `import pickle,sys\nd={f'tok{i:07d}': (i, f'\\u2581piece{i}', -i/7) for i in range(${entries})}\nsys.stdout.buffer.write(pickle.dumps(d, protocol=${proto}))\n`

// -- files --------------------------------------------------------------------------

function writeAll(fd, data, at) {
  let done = 0
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, at + done)
}

/** A safetensors file: 8-byte length, JSON header for `tensors` F16 tensors filling `dataBytes`, the data a hole. */
export function writeSparseSafetensors(path, dataBytes, tensors = 291) {
  const elements = dataBytes / 2
  const per = Math.floor(elements / tensors)
  const header = { __metadata__: { format: 'pt' } }
  let offset = 0
  for (let i = 0; i < tensors; i++) {
    const n = i === tensors - 1 ? elements - per * (tensors - 1) : per
    header[`model.layers.${Math.floor(i / 9)}.block.${i % 9}.weight`] = { dtype: 'F16', shape: [n], data_offsets: [offset, offset + 2 * n] }
    offset += 2 * n
  }
  let json = Buffer.from(JSON.stringify(header))
  json = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)])
  const fd = openSync(path, 'w')
  const prefix = Buffer.alloc(8)
  prefix.writeBigUInt64LE(BigInt(json.length))
  writeAll(fd, prefix, 0)
  writeAll(fd, json, 8)
  ftruncateSync(fd, 8 + json.length + dataBytes)
  closeSync(fd)
  return 8 + json.length + dataBytes
}

// -- ONNX (hand-encoded protobuf, raw_data as holes) -----------------------------------

const pbVarint = (n) => {
  const out = []
  for (let v = BigInt(n); ; v >>= 7n) {
    if (v < 0x80n) return Buffer.from([...out, Number(v)])
    out.push(Number(v & 0x7fn) | 0x80)
  }
}
const pbInt = (field, n) => Buffer.concat([pbVarint(field << 3), pbVarint(n)])
const pbLen = (field, length) => Buffer.concat([pbVarint((field << 3) | 2), pbVarint(length)])
const pbBytes = (field, data) => Buffer.concat([pbLen(field, data.length), Buffer.from(data)])
const partsLength = (parts) => parts.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.hole), 0)

/**
 * An ONNX model of about `dataBytes` (kept under protobuf's 2 GiB limit) with its weights
 * inline: `tensors` float initializers whose raw_data are holes, and `nodes` MatMul/Add nodes.
 */
export function writeInlineOnnx(path, dataBytes, tensors = 256, nodes = 10_000) {
  const per = Math.floor(dataBytes / tensors / 4) * 4
  const graph = [pbBytes(2, 'bench')]
  for (let i = 0; i < nodes; i++) {
    const node = Buffer.concat([pbBytes(1, `x${i}`), pbBytes(1, `w${i % tensors}`), pbBytes(2, `x${i + 1}`), pbBytes(3, `node${i}`), pbBytes(4, i % 2 ? 'Add' : 'MatMul')])
    graph.push(pbBytes(1, node))
  }
  for (let i = 0; i < tensors; i++) {
    const head = Buffer.concat([pbInt(1, per / 4), pbInt(2, 1), pbBytes(8, `w${i}`)])
    const raw = pbLen(9, per)
    graph.push(pbLen(5, head.length + raw.length + per), head, raw, { hole: per })
  }
  const parts = [pbInt(1, 8), pbBytes(2, 'modelgate-bench'), pbBytes(8, pbInt(2, 17)), pbLen(7, partsLength(graph)), ...graph]
  const fd = openSync(path, 'w')
  let at = 0
  for (const part of parts) {
    if (Buffer.isBuffer(part)) writeAll(fd, part, at)
    at += Buffer.isBuffer(part) ? part.length : part.hole
  }
  ftruncateSync(fd, at)
  closeSync(fd)
  return at
}

// -- zip (stored and deflated members, with holes for zero data) --------------------

const CRC_TABLE = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()

function crc32(data, crc = 0) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data, crc)
  let c = ~crc
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8)
  return ~c >>> 0
}

/** CRC-32 of `n` zero bytes (1 MiB at a time). */
function crc32Zeros(n) {
  const zeros = Buffer.alloc(Math.min(n, 1 << 20))
  let crc = 0
  for (let left = n; left > 0; left -= zeros.length) crc = crc32(left >= zeros.length ? zeros : zeros.subarray(0, left), crc)
  return crc
}

/**
 * Writes a zip like `torch.save` (PyTorchStreamWriter): stored members whose data starts on
 * a 64-byte boundary (padding in an extra field 'FB'), then the central directory.
 * Each member is `{ name, data }` (a Buffer), `{ name, zeros }` (a hole of that many zero
 * bytes) or `{ name, deflated, size, crc }` (precompressed raw deflate).
 */
export function writeZip(path, members) {
  const fd = openSync(path, 'w')
  let at = 0
  const central = []
  for (const m of members) {
    const name = Buffer.from(m.name)
    const method = m.deflated ? 8 : 0
    const size = m.data ? m.data.length : m.zeros ?? m.size
    const comp = m.deflated ? m.deflated.length : size
    const crc = m.data ? crc32(m.data) : m.zeros !== undefined ? crc32Zeros(m.zeros) : m.crc
    const fixed = 30 + name.length
    const pad = method === 0 ? (64 - ((at + fixed + 4) % 64)) % 64 : 0
    const extra = method === 0 ? Buffer.alloc(4 + pad, 0x5a) : Buffer.alloc(0)
    if (method === 0) {
      extra.writeUInt16LE(0x4246, 0) // 'FB'
      extra.writeUInt16LE(pad, 2)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(0, 10)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(comp, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(extra.length, 28)
    writeAll(fd, Buffer.concat([local, name, extra]), at)
    const offset = at
    at += 30 + name.length + extra.length
    if (m.data) writeAll(fd, m.data, at)
    else if (m.deflated) writeAll(fd, m.deflated, at)
    at += comp
    central.push({ name, method, crc, comp, size, offset })
  }
  const cdStart = at
  for (const e of central) {
    const h = Buffer.alloc(46)
    h.writeUInt32LE(0x02014b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(20, 6)
    h.writeUInt16LE(0, 8)
    h.writeUInt16LE(e.method, 10)
    h.writeUInt32LE(0, 12)
    h.writeUInt32LE(e.crc, 16)
    h.writeUInt32LE(e.comp, 20)
    h.writeUInt32LE(e.size, 24)
    h.writeUInt16LE(e.name.length, 28)
    h.writeUInt32LE(e.offset, 42)
    writeAll(fd, Buffer.concat([h, e.name]), at)
    at += 46 + e.name.length
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(central.length, 8)
  end.writeUInt16LE(central.length, 10)
  end.writeUInt32LE(at - cdStart, 12)
  end.writeUInt32LE(cdStart, 16)
  writeAll(fd, end, at)
  at += 22
  ftruncateSync(fd, at)
  closeSync(fd)
  return at
}

/**
 * `data.pkl` of a torch state dict, as torch.save writes it (protocol 2):
 * `OrderedDict` of `torch._utils._rebuild_tensor_v2(BINPERSID ('storage', torch.HalfStorage, key, 'cpu', numel), 0, shape, stride, False, OrderedDict())`.
 */
export function torchDataPkl(tensors) {
  const p = new Pickler(2)
  p.start()
  const global = (module, name) => {
    p.bytes(`c${module}\n${name}\n`)
    p.memoize()
  }
  global('collections', 'OrderedDict')
  p.byte(0x29) // EMPTY_TUPLE
  p.byte(0x52) // REDUCE
  p.memoize()
  p.byte(0x28) // MARK of the SETITEMS
  let rebuild = -1
  let storage = -1
  for (const [i, t] of tensors.entries()) {
    p.str(t.name)
    if (rebuild < 0) {
      rebuild = p.memo
      global('torch._utils', '_rebuild_tensor_v2')
    } else get(p, rebuild)
    p.byte(0x28) // MARK: the argument tuple
    p.byte(0x28) // MARK: the persistent id
    p.str('storage')
    if (storage < 0) {
      storage = p.memo
      global('torch', 'HalfStorage')
    } else get(p, storage)
    p.str(String(i))
    p.str('cpu')
    p.int(t.numel)
    p.byte(0x74) // TUPLE
    p.memoize()
    p.byte(0x51) // BINPERSID
    p.int(0) // storage offset
    p.tuple(t.shape)
    p.tuple(t.shape.length === 2 ? [t.shape[1], 1] : [1])
    p.byte(0x89) // NEWFALSE: requires_grad
    get(p, 0) // collections.OrderedDict
    p.byte(0x29) // EMPTY_TUPLE
    p.byte(0x52) // REDUCE: backward hooks
    p.memoize()
    p.byte(0x74) // TUPLE
    p.memoize()
    p.byte(0x52) // REDUCE: _rebuild_tensor_v2(...)
    p.memoize()
  }
  p.byte(0x75) // SETITEMS
  return Buffer.concat(p.finish())
}

function get(p, index) {
  if (index < 256) {
    p.byte(0x68)
    p.byte(index)
  } else {
    p.byte(0x6a)
    p.u32(index)
  }
}

/** A 1 GiB torch zip: `archive/data.pkl`, `archive/data/<k>` (holes), version, byteorder, serialization id. */
export function writeTorchZip(path, totalBytes, storages = 16) {
  const per = Math.floor(totalBytes / storages / 2) * 2
  const tensors = []
  for (let i = 0; i < storages; i++) tensors.push({ name: `layers.${i}.weight`, numel: per / 2, shape: [per / 2 / 1024, 1024] })
  const members = [{ name: 'archive/data.pkl', data: torchDataPkl(tensors) }, { name: 'archive/byteorder', data: Buffer.from('little') }]
  for (let i = 0; i < storages; i++) members.push({ name: `archive/data/${i}`, zeros: per })
  members.push({ name: 'archive/version', data: Buffer.from('3\n') }, { name: 'archive/.data/serialization_id', data: Buffer.from('1234567890123456789012345678901234567890') })
  return writeZip(path, members)
}

/**
 * A torch-style zip whose `archive/data.pkl` is deflated and holds one `BINBYTES8` of
 * `payload` bytes (a pattern that compresses well but is not all zeros).
 */
export async function writeDeflatedBinbytes(path, payload) {
  const head = Buffer.alloc(2 + 1 + 8)
  head[0] = 0x80
  head[1] = 4
  head[2] = 0x8e // BINBYTES8
  head.writeBigUInt64LE(BigInt(payload), 3)
  const tail = Buffer.from([0x94, 0x2e]) // MEMOIZE STOP
  const block = Buffer.alloc(1 << 20)
  for (let i = 0; i < block.length; i++) block[i] = (i * 31) & 0xff
  let crc = crc32(head)
  async function* pieces() {
    yield head
    for (let left = payload; left > 0; left -= block.length) {
      const piece = left >= block.length ? block : block.subarray(0, left)
      crc = crc32(piece, crc)
      yield piece
    }
    crc = crc32(tail, crc)
    yield tail
  }
  const chunks = []
  const { Readable } = await import('node:stream')
  for await (const chunk of Readable.from(pieces()).pipe(zlib.createDeflateRaw({ level: 6 }))) chunks.push(chunk)
  const deflated = Buffer.concat(chunks)
  return writeZip(path, [
    { name: 'archive/data.pkl', deflated, size: head.length + payload + tail.length, crc },
    { name: 'archive/version', data: Buffer.from('3\n') }
  ])
}

/** 1000 small model files of four kinds (pickles, safetensors, torch zips, numpy-style pickles). */
export function writeSmallFiles(dir, count = 1000) {
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < count; i++) {
    const kind = i % 4
    if (kind === 0) {
      const data = vocabPickle(200 + (i % 50), i % 8 === 0 ? 2 : 4)
      writeFileBytes(join(dir, `vocab-${i}.pkl`), data)
    } else if (kind === 1) writeSparseSafetensors(join(dir, `model-${i}.safetensors`), 64 * 1024, 12)
    else if (kind === 2) {
      const tensors = Array.from({ length: 6 }, (_, k) => ({ name: `l${k}.weight`, numel: 256, shape: [16, 16] }))
      writeZip(join(dir, `model-${i}.pt`), [
        { name: 'archive/data.pkl', data: torchDataPkl(tensors) },
        ...tensors.map((_, k) => ({ name: `archive/data/${k}`, zeros: 512 })),
        { name: 'archive/version', data: Buffer.from('3\n') }
      ])
    } else writeFileBytes(join(dir, `state-${i}.bin`), torchDataPkl([{ name: 'w', numel: 4, shape: [2, 2] }]))
  }
}

function writeFileBytes(path, data) {
  const fd = openSync(path, 'w')
  writeAll(fd, data, 0)
  closeSync(fd)
}

export { writeFileBytes }

// `node bench/corpus.mjs --check`: byte-compare the vocabulary pickles with CPython's.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()) && process.argv.includes('--check')) {
  const { execFileSync } = await import('node:child_process')
  for (const proto of [2, 4]) {
    for (const n of [0, 1, 2, 999, 1000, 1001, 5000, 20000]) {
      const ours = vocabPickle(n, proto)
      const theirs = execFileSync('python3', ['-c', VOCAB_PYTHON(n, proto)], { maxBuffer: 1 << 30 })
      const same = Buffer.compare(ours, theirs) === 0
      let at = -1
      if (!same) for (at = 0; at < Math.min(ours.length, theirs.length) && ours[at] === theirs[at]; at++);
      console.log(`proto ${proto} n=${n}: ${same ? 'identical' : `DIFFERENT at byte ${at} (ours ${ours.length}, CPython ${theirs.length})`}`)
    }
  }
}

// -- gguf ---------------------------------------------------------------------------

/** Appends GGUF header fields to `parts` (little-endian). */
const gguf = {
  u32: (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b },
  i32: (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); return b },
  u64: (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b },
  str: (s) => { const b = Buffer.from(s); return Buffer.concat([gguf.u64(b.length), b]) }
}

/**
 * A llama-shaped GGUF with a large header: `vocab` vocabulary strings, their f32 scores and
 * i32 token types, merges, a chat template, and F16 tensor infos for `dataBytes` of data
 * (a hole). The header is several MB; the scanner should read only it.
 */
export function writeLargeHeaderGguf(path, vocab, dataBytes, tensors = 291) {
  const parts = []
  const kv = (key, type, ...value) => parts.push(gguf.str(key), gguf.i32(type), ...value)
  const strings = (key, n, name) => {
    kv(key, 9, gguf.i32(8), gguf.u64(n))
    for (let i = 0; i < n; i++) parts.push(gguf.str(name(i)))
  }
  kv('general.architecture', 8, gguf.str('llama'))
  kv('general.name', 8, gguf.str('bench large header'))
  kv('general.alignment', 4, gguf.u32(32))
  kv('tokenizer.ggml.model', 8, gguf.str('gpt2'))
  strings('tokenizer.ggml.tokens', vocab, (i) => `\u0120token${i}`)
  kv('tokenizer.ggml.scores', 9, gguf.i32(6), gguf.u64(vocab), Buffer.alloc(4 * vocab))
  kv('tokenizer.ggml.token_type', 9, gguf.i32(5), gguf.u64(vocab), Buffer.alloc(4 * vocab, 1))
  strings('tokenizer.ggml.merges', vocab, (i) => `\u0120t oken${i}`)
  kv('tokenizer.chat_template', 8, gguf.str("{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}<|end|>\n{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}"))
  const per = Math.floor(dataBytes / 2 / tensors / 256) * 256
  let offset = 0
  for (let i = 0; i < tensors; i++) {
    parts.push(gguf.str(`blk.${Math.floor(i / 9)}.w${i % 9}.weight`), gguf.u32(2), gguf.u64(per / 256), gguf.u64(256), gguf.i32(1), gguf.u64(offset))
    offset += Math.ceil((2 * per) / 32) * 32
  }
  const head = Buffer.concat([Buffer.from('GGUF'), gguf.u32(3), gguf.u64(tensors), gguf.u64(9), ...parts])
  const dataStart = Math.ceil(head.length / 32) * 32
  const fd = openSync(path, 'w')
  writeAll(fd, head, 0)
  ftruncateSync(fd, dataStart + offset)
  closeSync(fd)
  return dataStart + offset
}
