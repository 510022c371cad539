// Finding construction for the zip reader. Names come from the archive and are hostile:
// they only ever appear JSON-quoted and truncated in messages, and as data in `location.entry`.
import { RULES, type Finding } from '../findings.js'

const NAME_LIMIT = 200
/** Names listed in one finding's `entries` detail. */
export const LISTED_ENTRIES = 10

export function quote(name: string): string {
  return JSON.stringify(name.length > NAME_LIMIT ? `${name.slice(0, NAME_LIMIT)}…` : name)
}

export function quoteList(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_ENTRIES).map(quote).join(', ')
  return names.length > LISTED_ENTRIES ? `${shown} and ${names.length - LISTED_ENTRIES} more` : shown
}

/** Archive member path for `location.entry`: nested archives prefix their own entry path. */
export function entryPath(prefix: string | undefined, name: string | undefined): string | undefined {
  if (name === undefined) return prefix
  return prefix === undefined ? name : `${prefix}/${name}`
}

export function zipAnomaly(
  message: string,
  prefix: string | undefined,
  entries: readonly string[],
  offset: number,
  detail: Record<string, unknown> = {}
): Finding {
  return {
    rule: RULES.zipAnomaly,
    severity: 'high',
    message,
    location: { entry: entryPath(prefix, entries[0]), offset },
    ...(entries.length > 0 ? { entries: entries.slice(0, LISTED_ENTRIES) } : {}),
    ...detail
  }
}

export function incomplete(
  message: string,
  prefix: string | undefined,
  entry: string | undefined,
  offset: number,
  detail: Record<string, unknown> = {}
): Finding {
  return { rule: RULES.incomplete, severity: 'high', message, location: { entry: entryPath(prefix, entry), offset }, ...detail }
}
