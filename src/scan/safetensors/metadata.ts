// `__metadata__` is free text that no loader checks and that reaches user code and
// tooling (`safe_open(...).metadata()`). Values that look like code, point somewhere
// else, or are very large deserve a human look (formats.md §1.6); they do not make
// the file unreadable, so the finding is low.

export type MetadataConcern = 'code' | 'url' | 'huge'

/** Characters above which a metadata value is "huge" (thumbnails and training logs stay well below). */
export const HUGE_METADATA_VALUE = 1 << 20

const CODE_PATTERNS: readonly RegExp[] = [
  /\b__import__\s*\(/,
  /\b(?:eval|exec|compile|getattr)\s*\(/,
  /\bimport\s+(?:os|sys|subprocess|socket|builtins|importlib|pickle|marshal|ctypes)\b/,
  /\bos\.(?:system|popen|exec\w*|spawn\w*)\b/,
  /\bsubprocess\.\w+/,
  /<script\b/i,
  /\b(?:curl|wget)\s+\S/,
  /\b(?:bash|sh)\s+-c\b/
]

const URL_PATTERN = /\b(?:https?|ftp|file|s3|gs):\/\/\S/i

export interface MetadataNote {
  concern: MetadataConcern
  key: string
}

/** One note per (value, concern) in key order. */
export function inspectMetadata(metadata: ReadonlyMap<string, string>): MetadataNote[] {
  const notes: MetadataNote[] = []
  for (const [key, value] of metadata) {
    if (CODE_PATTERNS.some((pattern) => pattern.test(value))) notes.push({ concern: 'code', key })
    if (URL_PATTERN.test(value)) notes.push({ concern: 'url', key })
    if (value.length > HUGE_METADATA_VALUE) notes.push({ concern: 'huge', key })
  }
  return notes
}
