// Legacy Keras .h5 files (fixtures/gen_hdf5.py, written with h5py as tf.keras writes them):
// the root group's model_config / training_config read from HDF5 metadata on positioned reads
// (superblock 0 and 3, object header versions 1 and 2, global-heap and fixed-length strings,
// a user block) and handed to the Keras checks; what the reader cannot follow is scan/incomplete.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { scanFile } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { readRootStrings } from '../src/scan/hdf5/attributes.js'
import { bufferSource, type Source } from '../src/scan/source.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'hdf5')
const options = defaultScanOptions()
const scan = (name: string) => scanFile(join(DIR, name), options)
const config = (name: string) => JSON.stringify(JSON.parse(readFileSync(join(DIR, '..', 'keras', 'configs', name), 'utf8')))

describe('model_config read from the root group', () => {
  it.each(['clean-v0.h5', 'clean-v3.h5', 'lambda-v0.h5', 'lambda-v3.h5', 'lambda-userblock.h5', 'lambda-bytes.h5', 'lambda-dense.h5'])('%s: the exact JSON text, at its offset', async (name) => {
    const bytes = readFileSync(join(DIR, name))
    const base = name.includes('userblock') ? 512 : 0
    const values = await readRootStrings(bufferSource(bytes), base, ['model_config', 'training_config'])
    const expected = config(name.startsWith('clean') ? 'keras2-clean.json' : 'keras2-lambda.json')
    expect(values.get('model_config')).toHaveLength(1)
    const value = values.get('model_config')![0]
    // json.dumps' separators differ from JSON.stringify's: compare the parsed values, and the bytes at the offset.
    expect(JSON.parse(value.text)).toEqual(JSON.parse(expected))
    expect(Buffer.from(bytes.subarray(value.offset, value.offset + value.text.length)).toString('utf8')).toBe(value.text)
  })

  it('a clean model and its training config give no finding at or above low; format keras', async () => {
    for (const name of ['clean-v0.h5', 'clean-v3.h5', 'clean-training.h5']) {
      const report = await scan(name)
      expect(report.format).toBe('keras')
      expect(report.findings).toEqual([])
      expect(report.details).toEqual({ kerasAttributes: name === 'clean-training.h5' ? ['model_config', 'training_config'] : ['model_config'] })
    }
  })

  it.each(['lambda-v0.h5', 'lambda-v3.h5', 'lambda-userblock.h5', 'lambda-bytes.h5', 'nested-lambda-v0.h5', 'nested-lambda-v3.h5'])('%s: keras/lambda (critical) in model_config, with what its bytecode calls', async (name) => {
    const report = await scan(name)
    expect(report.format).toBe('keras')
    expect(report.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['keras/lambda:critical'])
    expect(report.findings[0]).toMatchObject({ key: 'model_config', location: { offset: expect.any(Number) }, names: expect.arrayContaining(['system']) })
  })

  it('HDF5 without Keras attributes: format hdf5, no finding', async () => {
    const report = await scan('plain.h5')
    expect(report).toMatchObject({ format: 'hdf5', findings: [] })
  })

  it('attributes in dense storage (fractal heap): read like compact ones', async () => {
    const report = await scan('lambda-dense.h5')
    expect(report.format).toBe('keras')
    expect(report.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['keras/lambda:critical'])
  })

  it('dense storage with a huge object (a fixed-length config over 64 KiB): scan/incomplete, never a pass', async () => {
    const report = await scan('lambda-huge.h5')
    expect(report.format).toBe('hdf5')
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'scan/incomplete', severity: 'high', message: expect.stringContaining('huge or tiny objects') })])
  })

  it('dense storage: bytes in the heap that are not an attribute message are scan/incomplete', async () => {
    const bytes = Buffer.from(readFileSync(join(DIR, 'lambda-dense.h5')))
    const block = bytes.indexOf('FHDB')
    // The first message's version byte (after signature, version, heap address and block offset).
    const first = bytes.indexOf(Buffer.from([0x03]), block + 5 + 8)
    bytes[first] = 0x7f
    const { scanOpenSource } = await import('../src/scan/scan.js')
    const report = await scanOpenSource('m.h5', bufferSource(bytes), options)
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'scan/incomplete', severity: 'high', message: expect.stringContaining('not an attribute message') })])
  })
})

describe('bounded and fail closed', () => {
  it('reads only metadata: a 2 GiB file with its Keras config costs a few KiB', async () => {
    const bytes = readFileSync(join(DIR, 'lambda-v0.h5'))
    let read = 0
    const big: Source = {
      size: 2 * 1024 ** 3,
      read: async (offset, length) => {
        read += Math.min(length, Math.max(0, bytes.length - offset))
        return offset < bytes.length ? bytes.subarray(offset, Math.min(bytes.length, offset + length)) : new Uint8Array(Math.min(length, 2 * 1024 ** 3 - offset))
      }
    }
    const values = await readRootStrings(big, 0, ['model_config'])
    expect(values.get('model_config')).toHaveLength(1)
    expect(read).toBeLessThan(64 * 1024)
  })

  it.each([
    ['a truncated file', (b: Buffer) => b.subarray(0, 200)],
    ['a root object header of another version', (b: Buffer) => corruptRoot(b, 7)],
    ['a superblock of version 9', (b: Buffer) => Buffer.concat([b.subarray(0, 8), Buffer.from([9]), b.subarray(9)])]
  ])('%s: scan/incomplete (high)', async (_, mutate) => {
    const bytes = mutate(readFileSync(join(DIR, 'lambda-v0.h5')))
    const { scanOpenSource } = await import('../src/scan/scan.js')
    const report = await scanOpenSource('m.h5', bufferSource(bytes), options)
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'scan/incomplete', severity: 'high', message: expect.stringMatching(/^HDF5 metadata not fully read \(/) })])
  })
})

/** The v0 superblock's root symbol table entry names the object header: overwrite its version byte. */
function corruptRoot(b: Buffer, version: number): Buffer {
  const copy = Buffer.from(b)
  const offsetSize = copy[13]
  const entry = 24 + 4 * offsetSize
  const root = Number(copy.readBigUInt64LE(entry + offsetSize))
  copy[root] = version
  return copy
}
