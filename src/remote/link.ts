// RFC 8288 `Link` header: the `rel="next"` target of a paginated answer (the Hugging Face
// tree API pages this way, as GitHub's API does). A small scanner rather than a regex:
// commas and semicolons may sit inside quoted parameter values and inside the <URI>.

export interface LinkValue {
  target: string
  /** Relation types, lower-cased (`rel="next last"` gives two). */
  rels: string[]
}

/** Every link-value of a `Link` header; a malformed header is an Error naming the problem. */
export function parseLinkHeader(header: string): LinkValue[] {
  const links: LinkValue[] = []
  let i = 0
  const skipSpace = (): void => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++
  }
  for (;;) {
    skipSpace()
    while (header[i] === ',') {
      i++
      skipSpace()
    }
    if (i >= header.length) return links
    if (header[i] !== '<') throw new Error(`expected "<" at offset ${i}`)
    const close = header.indexOf('>', i)
    if (close < 0) throw new Error('unterminated <URI>')
    const target = header.slice(i + 1, close).trim()
    i = close + 1
    const rels: string[] = []
    for (;;) {
      skipSpace()
      if (i >= header.length || header[i] === ',') break
      if (header[i] !== ';') throw new Error(`expected ";" or "," at offset ${i}`)
      i++
      skipSpace()
      const name = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(header.slice(i))?.[0]
      if (name === undefined) throw new Error(`expected a parameter name at offset ${i}`)
      i += name.length
      skipSpace()
      let value = ''
      if (header[i] === '=') {
        i++
        skipSpace()
        value = header[i] === '"' ? readQuoted() : readToken()
      }
      if (name.toLowerCase() === 'rel') rels.push(...value.toLowerCase().split(/[ \t]+/).filter((r) => r !== ''))
    }
    links.push({ target, rels })
  }

  function readQuoted(): string {
    let out = ''
    for (i++; i < header.length; i++) {
      const c = header[i]
      if (c === '"') {
        i++
        return out
      }
      if (c === '\\') i++
      out += header[i] ?? ''
    }
    throw new Error('unterminated quoted string')
  }

  function readToken(): string {
    const start = i
    while (i < header.length && !/[;, \t]/.test(header[i])) i++
    return header.slice(start, i)
  }
}

/**
 * The first `rel="next"` target resolved against `base` (the URL that answered), or
 * undefined when there is none. Throws Error for a malformed header or target.
 */
export function nextLink(header: string | null, base: string): string | undefined {
  if (header === null) return undefined
  const next = parseLinkHeader(header).find((link) => link.rels.includes('next'))
  if (next === undefined) return undefined
  let url: URL
  try {
    url = new URL(next.target, base)
  } catch {
    throw new Error('the next-page link is not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the next-page link is a ${url.protocol} URL`)
  return url.href
}
