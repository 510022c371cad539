// What the bytes before an archive look like, for the prepended-data finding: loaders that read
// from offset 0 (pickle.load, np.load, torch.load's legacy path) act on them, not on the zip.
import { sliceSource, type Source } from '../source.js'
import { sniff } from '../sniff.js'

export interface PrefixKind {
  /** A sniffed format, or `script`, `elf`, `pe`, `unrecognised`. */
  kind: string
  description: string
}

const STARTS: ReadonlyArray<[number[], PrefixKind]> = [
  [[0x23, 0x21], { kind: 'script', description: 'a script starting with #!, as self-extracting archives do' }],
  [[0x7f, 0x45, 0x4c, 0x46], { kind: 'elf', description: 'an ELF executable, as self-extractor stubs are' }],
  [[0x4d, 0x5a], { kind: 'pe', description: 'a Windows executable, as self-extractor stubs are' }]
]

const FORMATS: Readonly<Record<string, string>> = {
  pickle: 'a pickle stream, which pickle.load, np.load(allow_pickle=True) and torch.load (legacy path) read from offset 0',
  numpy: 'an NPY array, which np.load reads from offset 0',
  safetensors: 'a safetensors file, which safetensors loaders read from offset 0',
  zip: 'another zip archive, which readers that start at offset 0 read instead',
  'lfs-pointer': 'a Git LFS pointer',
  gguf: 'a GGUF file',
  hdf5: 'an HDF5 file',
  tar: 'a tar archive, which torch.load (legacy path) reads from offset 0'
}

/** Classifies the first `length` bytes of `source` with the same sniffing as whole files. */
export async function describePrefix(source: Source, length: number): Promise<PrefixKind> {
  const prefix = sliceSource(source, 0, length)
  const sniffed = await sniff(prefix)
  if (sniffed.kind === 'compressed') return { kind: 'compressed', description: `${sniffed.compression ?? 'compressed'} data, which joblib.load decompresses and unpickles from offset 0` }
  const known = FORMATS[sniffed.kind]
  if (known !== undefined) return { kind: sniffed.kind, description: known }
  const head = await prefix.read(0, 4)
  const start = STARTS.find(([magic]) => magic.every((b, i) => head[i] === b))
  return start !== undefined ? start[1] : { kind: 'unrecognised', description: 'bytes no loader recognises' }
}
