// Untrusted text (file names, pickle strings, archive member names) in human-facing output.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Control, line-separator and bidi-override characters made visible as `\xNN`/`\uNNNN`. */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** Cuts `text` to `max` characters, saying how much was cut. */
export function truncate(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
}

/** Cuts `text` to at most `max` characters, the last one an ellipsis: for one-line output. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`
}

/**
 * Markdown/HTML-safe inline text, also safe inside a table cell: every character that
 * Markdown or HTML could interpret becomes a numeric entity, so the text is shown, never parsed.
 */
export function escapeMarkdown(text: string): string {
  return visible(text).replace(/[^A-Za-z0-9 ,.;:=?@%/+\-]/gu, (c) => `&#${c.codePointAt(0)};`)
}
