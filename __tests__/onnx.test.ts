// The ONNX scanner over the committed fixtures (fixtures/gen_onnx.py): wire data protobuf
// rejects, external-data escapes (lexical and through symbolic links made at run time),
// missing files and out-of-range reads, custom operator domains, routing by the `.onnx` name.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ScanContext } from '../src/scan/context.js'
import type { Finding } from '../src/scan/findings.js'
import { scanOnnx } from '../src/scan/formats/onnx.js'
import { escapeReason } from '../src/scan/onnx/location.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { ByteWindow } from '../src/scan/protobuf/window.js'
import { ProtoError, ProtoReader, WIRE } from '../src/scan/protobuf/reader.js'
import { scanFile as scanPath, scanFiles, scanOpenSource } from '../src/scan/scan.js'
import { bufferSource, openFileSource } from '../src/scan/source.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'onnx')
const options = defaultScanOptions()

/** Scans a fixture as a local file (localPath set) or as bytes from nowhere (remote-like). */
async function scan(name: string, local = true, dir = DIR) {
  const path = join(dir, name)
  const source = await openFileSource(path)
  try {
    const ctx: ScanContext = { options, depth: 0, ...(local ? { localPath: path } : {}) }
    return await scanOnnx(source, ctx)
  } finally {
    await source.close()
  }
}

const rules = (findings: Finding[]): string[] => findings.map((f) => `${f.rule}:${f.severity}`)
const bytesOf = (name: string): Buffer => readFileSync(join(DIR, name))

describe('valid models', () => {
  it.each(['valid-conv.onnx', 'valid-if.onnx', 'valid-loop.onnx', 'valid-function.onnx', 'valid-sparse.onnx', 'valid-wrong-wire.onnx', 'valid-group.onnx', 'external/model.onnx'])(
    '%s has no finding',
    async (name) => {
      const result = await scan(name)
      expect(result.format).toBe('onnx')
      expect(result.findings).toEqual([])
    }
  )

  it('summarises the model in details', async () => {
    const { details } = await scan('valid-conv.onnx')
    expect(details).toEqual({
      irVersion: '8',
      producer: 'modelgate-fixtures',
      opsets: [{ domain: '', version: '17' }],
      nodes: 2,
      initializers: 2,
      sparseInitializers: 0,
      functions: 0,
      subgraphs: 0,
      inlineBytes: 16,
      metadata: { author: 'modelgate' }
    })
  })

  it('walks subgraphs, loops, functions and sparse initializers', async () => {
    expect((await scan('valid-if.onnx')).details).toMatchObject({ nodes: 3, subgraphs: 2 })
    expect((await scan('valid-loop.onnx')).details).toMatchObject({ nodes: 3, subgraphs: 1, initializers: 1 })
    expect((await scan('valid-function.onnx')).details).toMatchObject({ nodes: 3, functions: 1 })
    expect((await scan('valid-sparse.onnx')).details).toMatchObject({ sparseInitializers: 1, nodes: 1 })
  })

  it('lists external data checked on disk', async () => {
    const { details } = await scan('external/model.onnx')
    expect(details).toMatchObject({
      externalData: [{ location: 'weights.bin', tensors: 1, bytes: '16' }],
      externalDataChecked: 'resolved against the model folder: existence, symbolic links and sizes checked'
    })
  })
})

describe('onnx/invalid', () => {
  const cases: [string, number, string][] = [
    ['invalid-field-zero.onnx', 0, "a field has number 0: protobuf C++ refuses the model, Python's protobuf ignores what follows"],
    ['invalid-varint.onnx', 1, 'the varint of field 1 is longer than 10 bytes'],
    ['invalid-truncated-varint.onnx', 1, 'the varint of field 1 runs past the end of its message (truncated)'],
    ['invalid-wire-type.onnx', 2, 'field 3 has the invalid wire type 7'],
    ['invalid-end-group.onnx', 2, "an end-group tag (field 3) closes no group: protobuf C++ refuses the model, Python's protobuf ignores what follows"],
    ['invalid-group-open.onnx', 2, 'the group of field 3 has no end-group tag before the end of its message'],
    ['invalid-group-mismatch.onnx', 6, 'an end-group tag (field 4) does not match its group'],
    ['invalid-truncated.onnx', 2, 'field 2 needs 5 bytes but its message has 2 left (truncated or overrunning length)'],
    ['invalid-length.onnx', 2, 'field 7 needs 1000 bytes but its message has 2 left (truncated or overrunning length)'],
    ['invalid-nested-length.onnx', 4, 'field 1 needs 16 bytes but its message has 2 left (truncated or overrunning length)']
  ]
  it.each(cases)('%s at byte %d', async (name, offset, why) => {
    const { findings, format } = await scan(name)
    expect(format).toBe('onnx')
    expect(findings).toEqual([
      {
        rule: 'onnx/invalid',
        severity: 'high',
        message: `protobuf wire data the ONNX loaders reject: ${why} (byte ${offset}). Re-export the model from a trusted source.`,
        location: { offset }
      }
    ])
  })

  it('accepts a 10-byte varint whose last byte has high bits (protobuf keeps the low 64 bits)', async () => {
    const reader = ProtoReader.of(new ByteWindow(bufferSource(new Uint8Array([0x08, ...new Array(9).fill(0xff), 0x7f]))))
    expect(await reader.next()).toEqual({ number: 1, offset: 0, wire: WIRE.varint, value: 2n ** 64n - 1n })
    expect(await reader.next()).toBeUndefined()
  })

  it('refuses a tag over 32 bits', async () => {
    const reader = ProtoReader.of(new ByteWindow(bufferSource(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00]))))
    await expect(reader.next()).rejects.toEqual(new ProtoError('the field tag 34359738368 does not fit in 32 bits', 0))
  })
})

describe('onnx/external-data-escape (lexical)', () => {
  const cases: [string, string, string][] = [
    ['escape-absolute.onnx', '/etc/passwd', 'is an absolute path'],
    ['escape-drive.onnx', 'C:\\Windows\\win.ini', 'starts with a Windows drive letter'],
    ['escape-unc.onnx', '\\\\server\\share\\w.bin', 'is a UNC or network path'],
    ['escape-parent.onnx', '../w.bin', 'climbs out of the model folder with `..`'],
    ['escape-subdir.onnx', 'a/../../w.bin', 'climbs out of the model folder with `..`'],
    ['escape-backslash.onnx', '..\\w.bin', 'climbs out of the model folder with `..`'],
    ['escape-dot.onnx', './../w.bin', 'climbs out of the model folder with `..`'],
    ['escape-nul.onnx', '..\0/w.bin', 'climbs out of the model folder with `..` (read up to its NUL byte by C and C++ loaders)'],
    ['escape-percent.onnx', '%2e%2e/%2e%2e/etc/passwd', 'climbs out of the model folder with `..` (once percent-decoded)'],
    ['escape-url.onnx', 'file:///etc/passwd', 'is a URL']
  ]
  it.each(cases)('%s', async (name, location, reason) => {
    for (const local of [true, false]) {
      const { findings } = await scan(name, local)
      expect(findings).toEqual([
        {
          rule: 'onnx/external-data-escape',
          severity: 'high',
          message: `external data of 1 tensor (first: "W") is read from ${JSON.stringify(location)}, which ${reason}: loaders that do not refuse it (onnx before 1.16, other runtimes) read a file outside the model's folder`,
          location: { offset: bytesOf(name).indexOf(Buffer.from(location)) },
          externalLocation: location,
          tensor: 'W'
        }
      ])
    }
  })

  it('finds a location in a Constant tensor inside an If branch', async () => {
    const { findings } = await scan('escape-in-subgraph.onnx')
    expect(rules(findings)).toEqual(['onnx/external-data-escape:high'])
    expect(findings[0]).toMatchObject({ tensor: 'K', externalLocation: '/etc/hosts', location: { offset: bytesOf('escape-in-subgraph.onnx').indexOf('/etc/hosts') } })
  })

  it('lets a `..` that stays inside the folder through, and reads NUL-cut views', () => {
    expect(escapeReason('a/../w.bin')).toBeUndefined()
    expect(escapeReason('sub/./w.bin')).toBeUndefined()
    expect(escapeReason('w..bin')).toBeUndefined()
    expect(escapeReason('w.bin\0/../../x')).toBe('climbs out of the model folder with `..`')
    expect(escapeReason('C:w.bin')).toBe('starts with a Windows drive letter')
    expect(escapeReason('\\w.bin')).toBe('is an absolute path')
    expect(escapeReason('https://example.com/w.bin')).toBe('is a URL')
  })
})

describe('external data on disk', () => {
  it('reports a missing file (medium) only for a local model', async () => {
    const name = 'external/missing.onnx'
    const { findings } = await scan(name)
    expect(findings).toEqual([
      {
        rule: 'onnx/external-data-missing',
        severity: 'medium',
        message: 'external data file "missing.bin" of 1 tensor (first: "W") does not exist next to the model: the model does not load as it is',
        location: { offset: bytesOf(name).indexOf('missing.bin') },
        externalLocation: 'missing.bin',
        tensor: 'W'
      }
    ])
    const remote = await scan(name, false)
    expect(remote.findings).toEqual([])
    expect(remote.details).toMatchObject({ externalDataChecked: 'not checked on disk (remote file or archive member): only the locations were checked' })
  })

  it('ignores the local path below depth 0 (archive members, nested payloads): lexical checks only', async () => {
    const path = join(DIR, 'external', 'missing.onnx')
    const source = bufferSource(readFileSync(path))
    for (const ctx of [{ options, depth: 1, entry: 'm/missing.onnx', localPath: path }, { options, depth: 0, entry: 'm/missing.onnx', localPath: path }]) {
      const result = await scanOnnx(source, ctx)
      expect(result.findings).toEqual([])
      expect(result.details).toMatchObject({ externalDataChecked: 'not checked on disk (remote file or archive member): only the locations were checked' })
    }
  })

  it('reports a range past the end of the file', async () => {
    const name = 'external/bounds.onnx'
    const { findings } = await scan(name)
    expect(findings).toEqual([
      {
        rule: 'onnx/external-data-bounds',
        severity: 'high',
        message: 'tensor "W" reads external data up to byte 24 of "weights.bin", which has 16 bytes',
        location: { offset: bytesOf(name).indexOf('weights.bin') },
        externalLocation: 'weights.bin',
        tensor: 'W'
      }
    ])
  })

  it('reports a negative offset even without the file system', async () => {
    const name = 'external/bad-offset.onnx'
    for (const local of [true, false]) {
      const { findings } = await scan(name, local)
      expect(findings).toEqual([
        {
          rule: 'onnx/external-data-bounds',
          severity: 'high',
          message: 'tensor "W" has external-data offset "-8" for "weights.bin": not a non-negative integer',
          location: { offset: bytesOf(name).indexOf('-8') },
          externalLocation: 'weights.bin',
          tensor: 'W'
        }
      ])
    }
  })

  describe('symbolic links', () => {
    let tmp: string
    beforeAll(() => {
      tmp = mkdtempSync(join(tmpdir(), 'modelgate-onnx-'))
      mkdirSync(join(tmp, 'outside'))
      writeFileSync(join(tmp, 'outside', 'weights.bin'), Buffer.alloc(16))
      for (const dir of ['linked-file', 'linked-dir', 'inside']) {
        mkdirSync(join(tmp, dir))
        copyFileSync(join(DIR, 'external', 'model.onnx'), join(tmp, dir, 'model.onnx'))
      }
      symlinkSync(join(tmp, 'outside', 'weights.bin'), join(tmp, 'linked-file', 'weights.bin'))
      copyFileSync(join(DIR, 'external', 'sub.onnx'), join(tmp, 'linked-dir', 'sub.onnx'))
      symlinkSync(join(tmp, 'outside'), join(tmp, 'linked-dir', 'sub'))
      writeFileSync(join(tmp, 'inside', 'real.bin'), Buffer.alloc(16))
      symlinkSync('real.bin', join(tmp, 'inside', 'weights.bin'))
      symlinkSync(join(tmp, 'inside', 'model.onnx'), join(tmp, 'model-link.onnx'))
    })
    afterAll(() => rmSync(tmp, { recursive: true, force: true }))

    it.each([
      ['linked-file/model.onnx', 'weights.bin'],
      ['linked-dir/sub.onnx', 'sub/weights.bin']
    ])('%s reads a file outside through a link', async (name, location) => {
      const { findings } = await scan(name, true, tmp)
      expect(rules(findings)).toEqual(['onnx/external-data-escape:high'])
      expect(findings[0].message).toBe(
        `external data of 1 tensor (first: "W") is read from "${location}", which resolves outside the model's folder through a symbolic link (to ${JSON.stringify(join(tmp, 'outside', 'weights.bin'))})`
      )
    })

    it('accepts a link that stays inside the folder', async () => {
      expect((await scan('inside/model.onnx', true, tmp)).findings).toEqual([])
    })

    it('resolves against the folder of the link given (a linked model), through scanFiles', async () => {
      const [report] = await scanFiles([join(tmp, 'model-link.onnx')], { ...options, workspace: tmp })
      expect(report.format).toBe('onnx')
      // weights.bin lies next to the link's target, not next to the link: loaders look beside the link.
      expect(rules(report.findings)).toEqual(['fs/symlink:info', 'onnx/external-data-missing:medium'])
    })
  })

  it('scanFile routes .onnx names and checks on disk; scanOpenSource without a local path does not', async () => {
    const path = join(DIR, 'external', 'missing.onnx')
    const local = await scanPath(path, options)
    expect(local.format).toBe('onnx')
    expect(rules(local.findings)).toEqual(['onnx/external-data-missing:medium'])
    const remote = await scanOpenSource(path, bufferSource(readFileSync(path)), options)
    expect(remote.format).toBe('onnx')
    expect(remote.findings).toEqual([])
  })
})

describe('onnx/custom-domain', () => {
  it('lists custom operators per domain, skipping standard domains and model-local functions', async () => {
    const name = 'custom-domain.onnx'
    const bytes = bytesOf(name)
    const nodeAt = (op: string, domain: string): number => {
      const nodeBytes = bytes.indexOf(Buffer.concat([Buffer.from([0x22, op.length]), Buffer.from(op), Buffer.from([0x3a, domain.length]), Buffer.from(domain)]))
      // The node's payload starts at its first input field (`0a 01 <name>`), before op_type.
      return bytes.lastIndexOf(Buffer.from([0x0a, 0x01]), nodeBytes)
    }
    const { findings } = await scan(name)
    expect(findings).toEqual([
      {
        rule: 'onnx/custom-domain',
        severity: 'info',
        message:
          'operators from the custom domain "com.example.ops" (MyOp, OtherOp, Helper) need a native operator library at load: make sure it comes from a trusted source',
        location: { offset: nodeAt('MyOp', 'com.example.ops') },
        domain: 'com.example.ops',
        operators: ['MyOp', 'OtherOp', 'Helper']
      },
      {
        rule: 'onnx/custom-domain',
        severity: 'info',
        message: 'operators from the custom domain "ai.onnx.contrib" (PyOp) need a native operator library at load: make sure it comes from a trusted source',
        location: { offset: nodeAt('PyOp', 'ai.onnx.contrib') },
        domain: 'ai.onnx.contrib',
        operators: ['PyOp']
      }
    ])
  })
})

describe('walk limits', () => {
  const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(Math.floor(n / 128))])
  const field = (number: number, payload: number[]): number[] => [...varint((number << 3) | 2), ...varint(payload.length), ...payload]
  const text = (s: string): number[] => [...Buffer.from(s)]
  /** Graphs named g<depth>, each holding an If node whose then_branch is the next one. */
  const nested = (depth: number, total: number): number[] => {
    const name = field(2, text(`g${depth}`))
    if (depth === total) return name
    const attribute = [...field(1, text('then_branch')), ...field(6, nested(depth + 1, total))]
    return [...name, ...field(1, [...field(4, text('If')), ...field(5, attribute)])]
  }

  it('stops at graphs nested more than 64 deep: scan/incomplete where the 65th starts', async () => {
    const bytes = Buffer.from(field(7, nested(1, 70)))
    const { findings, details } = await scanOnnx(bufferSource(bytes), { options, depth: 0 })
    expect(findings).toEqual([
      {
        rule: 'scan/incomplete',
        severity: 'high',
        message: 'graphs are nested more than 64 deep: the rest of the model was not analysed, so it is not known to be safe.',
        location: { offset: bytes.indexOf(Buffer.from(field(2, text('g65')))) }
      }
    ])
    expect(details).toMatchObject({ nodes: 64, subgraphs: 64 })
  })

  it('walks 64 levels without a finding', async () => {
    expect((await scanOnnx(bufferSource(Buffer.from(field(7, nested(1, 64)))), { options, depth: 0 })).findings).toEqual([])
  })

  it('keeps findings made before invalid wire data', async () => {
    const escape = bytesOf('escape-absolute.onnx')
    const { findings } = await scanOnnx(bufferSource(Buffer.concat([escape, Buffer.from([0x1f])])), { options, depth: 0 })
    expect(rules(findings)).toEqual(['onnx/invalid:high', 'onnx/external-data-escape:high'])
    expect(findings[0].location).toEqual({ offset: escape.length })
  })
})

describe('an .onnx file that sniffs as another format is still read as ONNX', () => {
  // Protobuf skips unknown fields: `80 02 00` is field 32 = 0 to onnx.load, and PROTO 2 to a sniffer.
  const polyglot = Buffer.concat([Buffer.from([0x80, 0x02, 0x00]), bytesOf('escape-parent.onnx')])

  it('a pickle-looking prefix: scanned as the pickle and as ONNX, the escape found', async () => {
    const report = await scanOpenSource('model.onnx', bufferSource(polyglot), options)
    expect(report.format).toBe('onnx')
    expect(report.findings.filter((f) => f.rule === 'onnx/external-data-escape')).toHaveLength(1)
    expect(report.findings.some((f) => f.rule.startsWith('pickle/'))).toBe(true)
  })

  it('the same bytes under another name are only a pickle', async () => {
    const report = await scanOpenSource('model.bin', bufferSource(polyglot), options)
    expect(report.findings.filter((f) => f.rule.startsWith('onnx/'))).toEqual([])
  })
})
