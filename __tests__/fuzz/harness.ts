// Fuzzing harness shared by the bounded run in `npm test` and the long `npm run fuzz`:
// real fixtures mutated (bit flips, truncations, splices, inserted magic) and random
// bytes go through the whole engine (scanFile, as the CLI and the action call it) and
// through each parser on its own (targets.ts), which must always return a well-formed
// result, never throw, and stay within the time and size budgets per case.
import fc from 'fast-check'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Small seeds only: every case must stay fast. */
const SEED_MAX = 64 * 1024

export interface Seed {
  name: string
  bytes: Uint8Array
}

export function loadSeeds(dir = 'fixtures'): Seed[] {
  const out: Seed[] = []
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry)
      const st = statSync(path)
      if (st.isDirectory()) walk(path)
      else if (st.size > 0 && st.size <= SEED_MAX && !entry.endsWith('.py')) out.push({ name: path, bytes: new Uint8Array(readFileSync(path)) })
    }
  }
  walk(dir)
  return out
}

const MAGICS = ['\x80\x02', '\x80\x04\x95', 'PK\x03\x04', 'PK\x05\x06', '\x93NUMPY\x01\x00', 'GGUF', 'cos\nsystem\n', '(S', '\x1f\x8b', 'x\x9c', 'version https://git-lfs.github.com/spec/v1\n'].map(
  (m) => new Uint8Array(Buffer.from(m, 'latin1'))
)

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; other: number; from: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'set'; at: number; value: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat(), length: fc.nat(512) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.constantFrom(...MAGICS)) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x2e, 0x0a, 0x93, 0x94, 0x95) })
)

function apply(bytes: Uint8Array, m: Mutation, seeds: readonly { bytes: Uint8Array }[]): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1)
  switch (m.kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes
      const out = bytes.slice()
      out[at % bytes.length] ^= 1 << m.bit
      return out
    }
    case 'truncate':
      return bytes.subarray(0, at)
    case 'splice': {
      const other = seeds[m.other % seeds.length].bytes
      const from = other.length === 0 ? 0 : m.from % other.length
      return Buffer.concat([bytes.subarray(0, at), other.subarray(from, from + m.length), bytes.subarray(at)])
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)])
    case 'set': {
      if (bytes.length === 0) return bytes
      const out = bytes.slice()
      out[at % bytes.length] = m.value
      return out
    }
  }
}

/** A fuzz case: a mutated seed (with the seed's name as the file-name hint) or random bytes. */
export function fuzzCase(seeds: readonly Seed[]): fc.Arbitrary<Seed> {
  const mutated = fc.record({ seed: fc.nat(seeds.length - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }).map(({ seed, mutations }) => ({
    name: seeds[seed].name,
    bytes: mutations.reduce((b, m) => apply(b, m, seeds), seeds[seed].bytes)
  }))
  const random = fc
    .record({ magic: fc.constantFrom(new Uint8Array(0), ...MAGICS), tail: fc.uint8Array({ maxLength: 2048 }), name: fc.constantFrom('x.pkl', 'x.pt', 'x.safetensors', 'x.npy', 'x.bin') })
    .map(({ magic, tail, name }) => ({ name, bytes: Buffer.concat([magic, tail]) as Uint8Array }))
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: random, weight: 1 })
}

