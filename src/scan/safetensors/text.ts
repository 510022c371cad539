// How header-controlled text appears in finding messages: quoted, escaped and cut,
// because tensor names and keys may be megabytes long or hold control characters
// and messages end up in annotations and terminals.

const MAX_SHOWN = 120

/** `"name"` as a JSON string literal, cut to MAX_SHOWN characters. */
export function quote(text: string): string {
  return text.length <= MAX_SHOWN ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, MAX_SHOWN))}…`
}

/** `[2, 3]`, or the first dims then `… (N dims)` for long shapes. */
export function formatShape(dims: readonly bigint[], rank: number): string {
  const shown = dims.join(', ')
  return dims.length === rank ? `[${shown}]` : `[${shown}, … (${rank} dims)]`
}
