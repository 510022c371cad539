// Nothing passes silently (#13 item 6): empty files that claim a model format, and notes on
// content that is not a pickle that say where and why a pickle loader would stop on it.
import { zipSync } from 'fflate'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { scanSource } from '../src/scan/dispatch.js'
import { scanFile } from '../src/scan/scan.js'
import { describeError } from '../src/scan/errors.js'

const scan = (name: string, bytes: Uint8Array): Promise<FormatResult> => scanSource(bufferSource(bytes), { options: defaultScanOptions(), depth: 0 }, name)
const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1')

const EMPTY_MESSAGE =
  'The name suggests a model file, but it is empty (0 bytes): loaders fail on it, and the model it stands for was not scanned. Commit the real file or remove this one.'

describe('empty files', () => {
  test.each(['model.pt', 'weights.PTH', 'model.pkl', 'model.pkl.gz', 'arr.npy', 'model.safetensors', 'model.gguf', 'model.onnx', 'model.keras', 'weights.h5'])(
    '%s: low scan/empty',
    async (name) => {
      expect(await scan(name, new Uint8Array(0))).toEqual({ format: 'other', findings: [{ rule: 'scan/empty', severity: 'low', message: EMPTY_MESSAGE }] })
    }
  )

  test.each(['README.md', 'notes.txt', '.gitkeep', 'Makefile'])('%s: no finding', async (name) => {
    expect(await scan(name, new Uint8Array(0))).toEqual({ format: 'other', findings: [] })
  })

  test('an empty archive member with a model name is reported at its entry', async () => {
    const zip = zipSync({ 'weights/model.pt': new Uint8Array(0), 'weights/empty.txt': new Uint8Array(0) }, { level: 0 })
    const result = await scan('bundle.zip', zip)
    expect(result.findings).toEqual([{ rule: 'scan/empty', severity: 'low', message: EMPTY_MESSAGE, location: { entry: 'weights/model.pt' } }])
  })
})

describe('scan/unrecognized says where a pickle loader would stop', () => {
  const note = (offset: number, reason: string) =>
    `The name suggests a model file, but the content matches no model format. Read as a pickle it stops at offset ${offset} (${reason}) before any opcode that imports or calls, so a pickle loader raises an error without running code.`

  test.each([
    ['a JPEG renamed .pt', 'image.pt', latin1('\xff\xd8\xff\xe0\0\x10JFIF'), 0, 'invalid load key 0xff'],
    // NEWFALSE, then PERSID reads "NG\r" up to the newline (a torch.load persistent_load takes it).
    ['a PNG renamed .pt', 'image.pt', latin1('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'), 6, 'invalid load key 0x1a'],
    ['EMPTY_DICT then MARK, cut off', 'dict.pkl', latin1('}('), 2, 'the data ends without STOP'],
    ['EMPTY_DICT then an invalid byte', 'dict.pkl', latin1('}\xff'), 1, 'invalid load key 0xff'],
    ['EMPTY_DICT alone', 'dict.pkl', latin1('}'), 1, 'the data ends without STOP'],
    ['EMPTY_LIST then APPEND', 'list.pkl', latin1(']a'), 1, 'APPEND needs more stack items than the data before it pushed'],
    ['SETITEMS without a MARK', 'dict.pkl', latin1('}u.'), 1, 'SETITEMS without a MARK before it'],
    ['a BINUNICODE longer than the file', 'big.pkl', latin1('X\xff\xff\x00\x00abc'), 0, 'pickle data was truncated'],
    ['a GLOBAL naming nothing importable', 'g.pkl', latin1('c1 2\n3\n.'), 0, 'GLOBAL names no importable module and attribute']
  ])('%s', async (_, name, bytes, offset, reason) => {
    expect(await scan(name, bytes)).toEqual({ format: 'other', findings: [{ rule: 'scan/unrecognized', severity: 'info', message: note(offset, reason) }] })
  })

  test('a }-first pickle that a loader runs is analysed as a pickle, not unrecognised', async () => {
    const result = await scan('dict.pkl', latin1('}\x8c\x05posix\x8c\x06system\x93\x8c\x04echo\x85R.'))
    expect(result.findings.map((f) => [f.rule, f.severity, f.location?.offset])).toEqual([['pickle/dangerous-global', 'critical', 16]])
  })

  test('content that is not named as a model gets no note', async () => {
    expect(await scan('notes.txt', latin1('}('))).toEqual({ format: 'other', findings: [] })
  })
})

describe('system errors are named once', () => {
  const nodeError = (code: string, message: string) => Object.assign(new Error(message), { code })

  test.each([
    [nodeError('EACCES', "EACCES: permission denied, open 'm.pt'"), "EACCES: permission denied, open 'm.pt'"],
    [nodeError('EACCES', 'permission denied'), 'EACCES: permission denied'],
    [nodeError('ERR_X', 'EACCES: but not this code'), 'ERR_X: EACCES: but not this code'],
    [new Error('plain'), 'plain'],
    ['a string', 'a string']
  ])('%#', (err, text) => {
    expect(describeError(err)).toBe(text)
  })

  test('an unreadable file: the code appears once in the finding', async () => {
    const io = {
      openSource: async () => {
        throw nodeError('EACCES', "EACCES: permission denied, open 'm.pt'")
      }
    }
    const file = await scanFile('m.pt', defaultScanOptions(), io)
    expect(file.findings).toEqual([
      {
        rule: 'scan/unreadable',
        severity: 'high',
        message: "Could not be read (EACCES: permission denied, open 'm.pt'): not scanned, so it is not known to be safe. Fix the permissions and scan again."
      }
    ])
  })
})
