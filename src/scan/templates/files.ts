// Chat templates outside GGUF files: tokenizer_config.json and chat_template.json
// (`chat_template`: a string, or a list of {name, template}) and *.jinja files
// (chat_template.jinja, additional_chat_templates/*.jinja). Told apart by file name; the
// format stays 'other' (FORMATS is a contract).
import type { FormatResult, ScanContext } from '../context.js'
import type { Finding } from '../findings.js'
import type { Source } from '../source.js'
import { checkChatTemplate, MAX_TEMPLATE_BYTES, tooLarge, unusualTemplate, type TemplateOrigin } from './chat-template.js'

/** tokenizer_config.json holds the vocabulary's added tokens too: a few MiB for large ones. */
export const MAX_TEMPLATE_JSON_BYTES = 16 * 1024 * 1024

const JSON_NAMES = new Set(['tokenizer_config.json', 'chat_template.json'])

export type TemplateFileKind = 'json' | 'jinja'

/** Whether a file (or archive member) holds chat templates, by its base name. */
export function templateFileKind(name: string): TemplateFileKind | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
  if (JSON_NAMES.has(base)) return 'json'
  return base.toLowerCase().endsWith('.jinja') ? 'jinja' : undefined
}

export async function scanTemplateFile(source: Source, ctx: ScanContext, kind: TemplateFileKind, name: string): Promise<FormatResult> {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
  const at = (key: string, offset?: number): TemplateOrigin => ({ key, ...(ctx.entry !== undefined ? { entry: ctx.entry } : {}), ...(offset !== undefined ? { offset } : {}) })
  const limit = kind === 'json' ? MAX_TEMPLATE_JSON_BYTES : MAX_TEMPLATE_BYTES
  if (source.size > limit) return { format: 'other', findings: [unusualTemplate(`a ${kind === 'json' ? 'JSON file' : 'template'} of ${tooLarge(source.size, limit)}`, at(base, 0))] }
  const text = new TextDecoder('utf-8').decode(await source.read(0, source.size))
  const findings = kind === 'jinja' ? checkChatTemplate(text, at(base, 0)) : jsonTemplates(text, base, at)
  return { format: 'other', findings }
}

/** The templates of a tokenizer_config.json / chat_template.json, each checked under its JSON path. */
function jsonTemplates(text: string, base: string, at: (key: string) => TemplateOrigin): Finding[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    // Python's json also reads NaN and Infinity: what it may read, we could not analyse.
    return [unusualTemplate(`JSON that does not parse (${err instanceof Error ? err.message : String(err)})`, at(base))]
  }
  const templates = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).chat_template : undefined
  if (templates === undefined || templates === null) return []
  if (typeof templates === 'string') return checkChatTemplate(templates, at(`${base}: chat_template`))
  if (!Array.isArray(templates)) return [unusualTemplate(`chat_template that is neither a string nor a list`, at(base))]
  return templates.flatMap((item: unknown, i) => {
    const { name, template } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>
    const key = `${base}: chat_template[${i}]${typeof name === 'string' ? ` (${name})` : ''}`
    return typeof template === 'string' ? checkChatTemplate(template, at(key)) : [unusualTemplate('a chat_template entry without a template string', at(key))]
  })
}
