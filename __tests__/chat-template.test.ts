// Chat templates: parsed to an AST and walked, never rendered. Real templates (the calibration
// set) give nothing; each injection variant gives exactly the findings of the manifest.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { checkChatTemplate, MAX_TEMPLATE_BYTES } from '../src/scan/templates/chat-template.js'
import { MAX_DEPTH, MAX_NODES } from '../src/scan/templates/ast-walk.js'
import { MAX_ROUNDS } from '../src/scan/templates/bindings.js'
import { scanFile, type ScanIo } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import type { Finding } from '../src/scan/findings.js'
import { writeZip } from '../__fixtures__/zip-writer.js'

const ROOT = 'fixtures/templates'
const read = (path: string) => readFileSync(`${ROOT}/${path}`, 'utf8')
const rows = (findings: Finding[]) => findings.map((f) => [f.rule, f.severity, f.construct])
const INJECTION = 'gguf/template-injection'
const UNUSUAL = 'gguf/template-unusual'

describe('real chat templates', () => {
  const names = readdirSync(`${ROOT}/real`).filter((n) => n.endsWith('.jinja'))
  it('has the calibration set', () => {
    expect(names.length).toBeGreaterThanOrEqual(99)
    for (const family of ['llama3.1', 'llama3.2', 'qwen2.5', 'qwq', 'qwen3', 'mistral', 'mixtral', 'gemma2', 'gemma3', 'phi3', 'phi3.5', 'phi4', 'deepseek-v3', 'deepseek-r1', 'deepseek-v2.5', 'command-r', 'granite', 'hermes3', 'firefunction']) {
      expect(names.some((n) => n.startsWith(family))).toBe(true)
    }
  })
  it.each(names)('%s gives no finding', (name) => {
    expect(checkChatTemplate(read(`real/${name}`), { key: 'tokenizer.chat_template' })).toEqual([])
  })
})

describe('injection and unusual variants', () => {
  const manifest = JSON.parse(read('manifest.json')) as Record<string, [string, string, string][]>
  const listed = (dir: string) => readdirSync(`${ROOT}/${dir}`).map((n) => `${dir}/${n}`)
  it('lists every variant, at least 25 injections', () => {
    expect(Object.keys(manifest).sort()).toEqual([...listed('evil'), ...listed('unusual')].sort())
    const evil = Object.entries(manifest).filter(([name]) => name.startsWith('evil/'))
    expect(evil.length).toBeGreaterThanOrEqual(25)
    for (const [, expected] of evil) expect(expected[0]).toEqual([INJECTION, 'critical', expect.any(String)])
  })
  it.each(Object.entries(manifest))('%s', (name, expected) => {
    expect(rows(checkChatTemplate(read(name), { key: 'tokenizer.chat_template' }))).toEqual(expected)
  })
})

describe('checkChatTemplate', () => {
  it('puts the origin in every finding', () => {
    const [finding] = checkChatTemplate("{{ ''.__class__ }}", { key: 'tokenizer.chat_template.tool_use', entry: 'a/b.gguf', offset: 1234 })
    expect(finding).toEqual({
      rule: INJECTION,
      severity: 'critical',
      message:
        "Chat template tokenizer.chat_template.tool_use uses attribute __class__: Jinja's sandbox forbids it, and a runtime that renders the template without the sandbox runs code (CVE-2024-34359). Do not use this model's template.",
      location: { entry: 'a/b.gguf', offset: 1234 },
      key: 'tokenizer.chat_template.tool_use',
      construct: 'attribute __class__'
    })
    expect(checkChatTemplate("{{ x|attr('y') }}", { key: 'k' })[0]).toEqual({
      rule: UNUSUAL,
      severity: 'medium',
      message: 'Chat template k has filter attr, which chat templates do not use: it was not shown to be safe. Review the template before a runtime renders it.',
      key: 'k',
      construct: 'filter attr'
    })
  })

  it('names the parse error of a template the parser rejects', () => {
    expect(rows(checkChatTemplate('{{ messages', { key: 'k' }))).toEqual([[UNUSUAL, 'medium', 'parse error: Unexpected end of input']])
  })

  it('does not parse a template over the size limit, but still looks for loading statements and dunders', () => {
    const big = 'x'.repeat(MAX_TEMPLATE_BYTES)
    expect(rows(checkChatTemplate(big, { key: 'k' }))).toEqual([])
    expect(rows(checkChatTemplate(big + 'y', { key: 'k' }))).toEqual([[UNUSUAL, 'medium', `${MAX_TEMPLATE_BYTES + 1} bytes (over the ${MAX_TEMPLATE_BYTES}-byte limit)`]])
    expect(rows(checkChatTemplate(`{% include 'a' %}{{ x.__class__ }}` + big, { key: 'k' }))).toEqual([
      [INJECTION, 'critical', 'statement include'],
      [INJECTION, 'critical', 'a dunder name in a template that was not parsed'],
      [UNUSUAL, 'medium', `${MAX_TEMPLATE_BYTES + 34} bytes (over the ${MAX_TEMPLATE_BYTES}-byte limit)`]
    ])
  })

  it('fails closed on nesting deeper than the walk follows, and survives what overflows the parser', () => {
    const deep = `{{ ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)} }}`
    expect(rows(checkChatTemplate(deep, { key: 'k' }))).toEqual([[UNUSUAL, 'medium', `nesting deeper than ${MAX_DEPTH} levels`]])
    const wide = `{{ ${'a['.repeat(200)}1${']'.repeat(200)} }}`.repeat(Math.ceil(MAX_NODES / 400) + 1)
    expect(rows(checkChatTemplate(wide, { key: 'k' }))).toEqual([[UNUSUAL, 'medium', `more than ${MAX_NODES} syntax nodes`]])
    const [overflow] = rows(checkChatTemplate(`{{ ${'('.repeat(100_000)}1${')'.repeat(100_000)} }}`, { key: 'k' }))
    expect(overflow.slice(0, 2)).toEqual([UNUSUAL, 'medium'])
    expect(overflow[2]).toMatch(/^parse error: Maximum call stack size exceeded/)
  })

  it('tracks names through macros, loops and namespaces, not data', () => {
    // A variable holding safe constants, a loop over data, a namespace attribute with data: nothing.
    expect(checkChatTemplate("{% set k = 'content' %}{% for m in messages %}{{ m[k] }}{{ m[m.role] }}{% endfor %}", { key: 'k' })).toEqual([])
    expect(rows(checkChatTemplate("{% set k = 'role' %}{% set k = '__dict__' %}{{ messages[0][k] }}", { key: 'k' }))).toEqual([[INJECTION, 'critical', 'item __dict__']])
    expect(rows(checkChatTemplate("{% macro m(x) %}{{ messages[x] }}{% endmacro %}{{ m(name=1) }}{{ m('_' ~ '_class__') }}", { key: 'k' }))).toEqual([[INJECTION, 'critical', 'item access with a computed name']])
    // Copies are followed for MAX_ROUNDS rounds; a longer chain fails closed.
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `{% set y${n - i} = y${n - i - 1} %}`).join('') + `{% set y0 = '__class__' %}{{ m[y${n}] }}`
    expect(rows(checkChatTemplate(chain(MAX_ROUNDS - 2), { key: 'k' }))).toEqual([[INJECTION, 'critical', 'item __class__']])
    expect(rows(checkChatTemplate(chain(MAX_ROUNDS + 8), { key: 'k' }))).toEqual([[UNUSUAL, 'medium', `values passed through more than ${MAX_ROUNDS} assignments`]])
    // Loop variables shadow the Flask/Jinja globals of the same name.
    expect(checkChatTemplate('{% for g in messages %}{{ g.content }}{% endfor %}', { key: 'k' })).toEqual([])
  })
})

describe('chat template files', () => {
  const scan = (name: string, text: string) => {
    const io: ScanIo = { openSource: async () => ({ ...bufferSource(Buffer.from(text)), close: async () => {} }) }
    return scanFile(name, defaultScanOptions(), io)
  }
  const real = read('real/llama3.1-8b.jinja')
  const evil = read('evil/18-cycler-globals.jinja')

  it('checks tokenizer_config.json chat_template (a string, or a list of named templates)', async () => {
    expect(await scan('m/tokenizer_config.json', JSON.stringify({ chat_template: real, eos_token: '</s>' }))).toMatchObject({ format: 'other', findings: [] })
    const report = await scan('m/tokenizer_config.json', JSON.stringify({ chat_template: [{ name: 'default', template: real }, { name: 'tool_use', template: evil }] }))
    expect(report.format).toBe('other')
    expect(report.findings.map((f) => [f.rule, f.severity, f.key, f.construct])).toEqual([
      [INJECTION, 'critical', 'tokenizer_config.json: chat_template[1] (tool_use)', 'attribute __globals__'],
      [INJECTION, 'critical', 'tokenizer_config.json: chat_template[1] (tool_use)', 'attribute __init__'],
      [INJECTION, 'critical', 'tokenizer_config.json: chat_template[1] (tool_use)', 'global cycler'],
      [UNUSUAL, 'medium', 'tokenizer_config.json: chat_template[1] (tool_use)', 'method read'],
      [UNUSUAL, 'medium', 'tokenizer_config.json: chat_template[1] (tool_use)', 'method popen']
    ])
  })

  it('checks chat_template.json and *.jinja files, inside archives too', async () => {
    expect((await scan('chat_template.json', JSON.stringify({ chat_template: evil }))).findings[0]).toMatchObject({ rule: INJECTION, key: 'chat_template.json: chat_template' })
    expect((await scan('x/chat_template.jinja', real)).findings).toEqual([])
    const zip = writeZip([{ name: 'model/chat_template.jinja', data: Buffer.from("{{ ''.__class__ }}") }])
    const io: ScanIo = { openSource: async () => ({ ...bufferSource(zip), close: async () => {} }) }
    const report = await scanFile('m.zip', defaultScanOptions(), io)
    expect(report.findings.map((f) => [f.rule, f.location, f.key, f.construct])).toEqual([[INJECTION, { entry: 'model/chat_template.jinja', offset: 0 }, 'chat_template.jinja', 'attribute __class__']])
  })

  it('fails closed on JSON it cannot parse and on unexpected shapes; ignores other JSON files', async () => {
    expect(rows((await scan('tokenizer_config.json', '{"chat_template": NaN}')).findings)).toEqual([[UNUSUAL, 'medium', expect.stringMatching(/^JSON that does not parse \(/)]])
    expect(rows((await scan('tokenizer_config.json', '{"chat_template": 3}')).findings)).toEqual([[UNUSUAL, 'medium', 'chat_template that is neither a string nor a list']])
    expect((await scan('tokenizer_config.json', '{"chat_template": null}')).findings).toEqual([])
    expect((await scan('config.json', JSON.stringify({ chat_template: evil }))).findings).toEqual([])
  })
})
