// The GGUF header validator over the committed fixtures (fixtures/gen_gguf.py, manifest.json):
// each rejection's exact rule, severity, check, offset and message parts, no finding on the
// valid files, the templates handed on, what is read, and the time budget.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ScanContext } from '../src/scan/context.js'
import { BudgetStop, TimeBudget } from '../src/scan/budget.js'
import { readGgufHeader, scanGguf } from '../src/scan/formats/gguf.js'
import { scanSource } from '../src/scan/dispatch.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource, openFileSource } from '../src/scan/source.js'
import { countingSource, GgufWriter } from './helpers/gguf-writer.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'gguf')
const ctx: ScanContext = { options: defaultScanOptions(), depth: 0 }

interface Expected {
  check: string | null
  offset?: number
  says?: string[]
}

const MANIFEST = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Record<string, Expected>

async function scanFixture(name: string) {
  const source = await openFileSource(join(DIR, name))
  try {
    return await scanGguf(source, ctx)
  } finally {
    await source.close()
  }
}

describe('GGUF fixtures', () => {
  it('covers every check of the reader', () => {
    const checks = new Set(Object.values(MANIFEST).map((e) => e.check))
    for (const check of ['magic', 'version', 'tensor-count', 'kv-count', 'truncated', 'string-length', 'empty-key', 'duplicate-key', 'value-type', 'array-length', 'alignment-type', 'alignment', 'tensor-name-length', 'duplicate-tensor', 'n-dims', 'dimension', 'element-count', 'tensor-type', 'block-size', 'byte-size', 'data-start', 'tensor-offset', 'data-size', 'data-bounds']) {
      expect(checks).toContain(check)
    }
  })

  for (const [name, expected] of Object.entries(MANIFEST)) {
    it(`${name}: ${expected.check ?? 'accepted'}`, async () => {
      const result = await scanFixture(name)
      expect(result.format).toBe('gguf')
      if (expected.check === null) {
        expect(result.findings).toEqual([])
        return
      }
      expect(result.findings).toHaveLength(1)
      const [f] = result.findings
      expect({ rule: f.rule, severity: f.severity, check: f.check, offset: f.location?.offset }).toEqual({
        rule: 'gguf/invalid-header',
        severity: 'high',
        check: expected.check,
        offset: expected.offset
      })
      expect(f.message).toContain(`GGUF header rejected (${expected.check}): `)
      for (const part of expected.says ?? []) expect(f.message).toContain(part)
    })
  }
})

describe('readGgufHeader', () => {
  it('hands on the chat templates with their offsets, and the details', async () => {
    const bytes = readFileSync(join(DIR, 'valid-model.gguf'))
    const header = await readGgufHeader(bufferSource(bytes), ctx)
    expect(header.findings).toEqual([])
    expect(header.templates).toHaveLength(1)
    const [t] = header.templates
    expect(t.key).toBe('tokenizer.chat_template')
    expect(t.text.startsWith('{% for m in messages %}')).toBe(true)
    expect(bytes.subarray(t.offset, t.offset + t.text.length).toString()).toBe(t.text)
    expect({ version: header.version, tensors: header.tensors, kvs: header.kvs }).toEqual({ version: 3, tensors: 4, kvs: 17 })
    expect(header.details).toMatchObject({ version: 3, tensors: 4, kvs: 17, architecture: 'llama', name: 'tiny test model', alignment: 32, chatTemplates: ['tokenizer.chat_template'] })
    // q4_0 [64,4] = 8 blocks × 18 = 144 → 160; f16 [3] = 6 → 32; [0,4] = 0; f32 [4,4] = 64.
    expect(header.details.dataSize).toBe(160 + 32 + 0 + 64)
  })

  it('collects named templates (tokenizer.chat_template.<name>)', async () => {
    const header = await readGgufHeader(bufferSource(readFileSync(join(DIR, 'valid-no-tensors.gguf'))), ctx)
    expect(header.templates.map((t) => [t.key, t.text])).toEqual([
      ['tokenizer.chat_template', expect.stringContaining('add_generation_prompt')],
      ['tokenizer.chat_template.rag', '{{ documents }}']
    ])
    const aligned = await readGgufHeader(bufferSource(readFileSync(join(DIR, 'valid-alignment-64.gguf'))), ctx)
    expect(aligned.templates.map((t) => t.key)).toEqual(['tokenizer.chat_template.tool_use'])
    expect(aligned.details.alignment).toBe(64)
  })

  it('reports a template over 1 MiB as unusual (not analysed), and reads on', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    const w = new GgufWriter(0, 2).kvString('tokenizer.chat_template', big).kvString('tokenizer.chat_template.small', 'ok')
    const header = await readGgufHeader(bufferSource(w.header().subarray(0, w.size)), ctx)
    expect(header.templates.map((t) => t.key)).toEqual(['tokenizer.chat_template.small'])
    expect(header.findings).toEqual([
      {
        rule: 'gguf/template-unusual',
        severity: 'medium',
        message: `Chat template tokenizer.chat_template has a size of ${big.length} bytes (over the 1048576-byte limit), which chat templates do not use: it was not shown to be safe. Review the template before a runtime renders it.`,
        location: { offset: 24 + 8 + 23 + 4 + 8 },
        key: 'tokenizer.chat_template',
        construct: `a size of ${big.length} bytes (over the 1048576-byte limit)`
      }
    ])
  })

  it('reads only the header of a model with a 200,000-string vocabulary and 1 GiB of data', async () => {
    const n = 200_000
    const tokens = (function* () {
      for (let i = 0; i < n; i++) yield `token-${i}`
    })()
    const w = new GgufWriter(2, 3).kvStrings('tokenizer.ggml.tokens', tokens, n).kvFloats('tokenizer.ggml.scores', n).kvString('tokenizer.chat_template', '{{ x }}')
    w.tensorF32('a', [128 * 1024 * 1024], 0n).tensorF32('b', [128 * 1024 * 1024], 512n * 1024n * 1024n)
    const header = w.header()
    const source = countingSource(header, 1024 * 1024 * 1024)
    const result = await readGgufHeader(source, ctx)
    expect(result.findings).toEqual([])
    expect(result.details.dataOffset).toBe(header.length)
    expect(result.details.dataSize).toBe(1024 * 1024 * 1024)
    expect(header.length).toBeGreaterThan(3_000_000)
    // The header once, in 1 MiB windows; the last window may reach 1 MiB past it.
    expect(source.bytesRead).toBeLessThanOrEqual(header.length + 1024 * 1024)
  })

  it('stops for the time budget, keeping what it found', async () => {
    let t = 0
    const budget = new TimeBudget(10, () => t)
    const n = 1000
    const w = new GgufWriter(0, 2).kvString('tokenizer.chat_template', '{{ a }}').kvStrings('v', Array.from({ length: n }, (_, i) => `t${i}`), n)
    const source = bufferSource(w.header().subarray(0, w.size))
    const reads = source.read
    source.read = async (offset, length) => {
      t = 100
      return reads(offset, length)
    }
    const header = await readGgufHeader(source, { ...ctx, budget })
    expect(header.templates.map((x) => x.key)).toEqual(['tokenizer.chat_template'])
    expect(header.findings).toEqual([])
    expect(budget.stopped).toBe(true)
    expect(budget.finding()?.rule).toBe('scan/incomplete')
    expect(BudgetStop).toBeDefined()
  })
})

describe('dispatch', () => {
  it('routes GGUF files to the header validator', async () => {
    const source = await openFileSource(join(DIR, 'tensor-block-size.gguf'))
    try {
      const result = await scanSource(source, ctx, 'model.gguf')
      expect(result.format).toBe('gguf')
      expect(result.findings.map((f) => [f.rule, f.check])).toEqual([['gguf/invalid-header', 'block-size']])
    } finally {
      await source.close()
    }
  })
})

describe('chat templates in GGUF metadata', () => {
  const template = (text: string) => new GgufWriter(0, 2).kvString('general.architecture', 'llama').kvString('tokenizer.chat_template', text)

  it('an injection in tokenizer.chat_template is critical, located at the template', async () => {
    const w = template("{{ cycler.__init__.__globals__.os.popen('echo pwned').read() }}")
    const result = await scanGguf(bufferSource(w.header().subarray(0, w.size)), ctx)
    expect(result.format).toBe('gguf')
    const injection = result.findings.filter((f) => f.rule === 'gguf/template-injection')
    expect(injection.length).toBeGreaterThan(0)
    expect(injection[0]).toMatchObject({ severity: 'critical', key: 'tokenizer.chat_template', location: { offset: 24 + 8 + 20 + 4 + 8 + 5 + 8 + 23 + 4 + 8 } })
  })

  it('a ChatML template gives nothing', async () => {
    const chatml = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
    const w = template(chatml)
    const result = await scanGguf(bufferSource(w.header().subarray(0, w.size)), ctx)
    expect(result.findings).toEqual([])
  })
})
