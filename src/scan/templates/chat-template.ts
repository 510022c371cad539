// Chat templates (GGUF `tokenizer.chat_template*`, tokenizer_config.json, *.jinja) are Jinja that
// runtimes render, some without Jinja's sandbox (llama-cpp-python, CVE-2024-34359). The template
// is parsed to an AST with @huggingface/jinja and walked (ast-walk.ts); it is never rendered.
import { parse, tokenize } from '@huggingface/jinja'
import { RULES, type Finding } from '../findings.js'
import { walkTemplate, type Issue } from './ast-walk.js'

/** Larger templates are not parsed (real ones are a few KiB; the largest known are under 64 KiB). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024

/** Where a template came from: `key` the GGUF key or JSON path or file, `entry`/`offset` for the finding's location. */
export interface TemplateOrigin {
  key: string
  entry?: string
  offset?: number
}

/** Statements that load other templates: the parser does not know them, so they are found in the text. */
const LOADING_STATEMENT = /\{%[-+]?\s*(include|import|extends|from)\b/

/**
 * What in an unparsed template (too large, or rejected by the parser) still shows an attack:
 * dunder names, escapes that spell an underscore, template loading.
 */
const RAW_INDICATORS: [RegExp, string][] = [
  [/__[A-Za-z]/, 'a dunder name in a template that was not parsed'],
  [/\\(x5f|u005f|U0000005f|137|N\{LOW LINE\})/i, 'an escaped underscore in a template that was not parsed']
]

/**
 * The parser drops transformers' `{% generation %}` tags before lexing, which can join the text
 * around them into a new delimiter (`{{% generation %}#` -> `{#`, hiding code from us but not
 * from Jinja2). A comment in their place keeps the text apart.
 */
function neutraliseGenerationTags(text: string): string {
  return text.replace(/\{%-?\s*(?:end)?generation\s*-?%\}/g, '{#generation#}')
}

/** Jinja2 reads a backslash-newline in a string literal as nothing (Python's unicode-escape); the parser refuses it. A NUL stands in (see names.ts isUnsafeName). */
function continueLines(text: string): string {
  return text.replace(/(?<!\\)((?:\\\\)*)\\\r?\n/g, '$1\\x00')
}

/** Findings for one chat template. Synchronous, bounded (size, AST nodes and depth). */
export function checkChatTemplate(text: string, where: TemplateOrigin): Finding[] {
  const issues: Issue[] = []
  const loading = LOADING_STATEMENT.exec(text)
  if (loading !== null) issues.push({ kind: 'injection', construct: `statement ${loading[1]}` })
  const size = Buffer.byteLength(text, 'utf8')
  let program: unknown
  if (size > MAX_TEMPLATE_BYTES) {
    issues.push({ kind: 'unusual', construct: tooLarge(size, MAX_TEMPLATE_BYTES) })
  } else {
    try {
      program = parse(tokenize(continueLines(neutraliseGenerationTags(text)), { lstrip_blocks: true, trim_blocks: true }))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      issues.push({ kind: 'unusual', construct: `parse error: ${message.slice(0, 200)}` })
    }
  }
  if (program === undefined) {
    // Bounded: one linear regex pass each over at most the template.
    for (const [pattern, construct] of RAW_INDICATORS) if (pattern.test(text)) issues.push({ kind: 'injection', construct })
  } else {
    issues.push(...walkTemplate(program))
  }
  // Injections first: they decide what to do about the template.
  const ordered = [...issues.filter((i) => i.kind === 'injection'), ...issues.filter((i) => i.kind === 'unusual')]
  return ordered.map((issue) => toFinding(issue, where))
}

export const tooLarge = (size: number, limit: number): string => `${size} bytes (over the ${limit}-byte limit)`

/** A `gguf/template-unusual` finding for what holds templates (a file too large, JSON that does not parse). */
export function unusualTemplate(construct: string, where: TemplateOrigin): Finding {
  return toFinding({ kind: 'unusual', construct }, where)
}

function toFinding(issue: Issue, where: TemplateOrigin): Finding {
  const location = { ...(where.entry !== undefined ? { entry: where.entry } : {}), ...(where.offset !== undefined ? { offset: where.offset } : {}) }
  const base = { ...(Object.keys(location).length > 0 ? { location } : {}), key: where.key, construct: issue.construct }
  if (issue.kind === 'injection') {
    return {
      rule: RULES.ggufTemplateInjection,
      severity: 'critical',
      message: `Chat template ${where.key} uses ${issue.construct}: Jinja's sandbox forbids it, and a runtime that renders the template without the sandbox runs code (CVE-2024-34359). Do not use this model's template.`,
      ...base
    }
  }
  return {
    rule: RULES.ggufTemplateUnusual,
    severity: 'medium',
    message: `Chat template ${where.key} has ${issue.construct}, which chat templates do not use: it was not shown to be safe. Review the template before a runtime renders it.`,
    ...base
  }
}
