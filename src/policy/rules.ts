// Which rule ids a suppression may name: every rule the scanner reports, or a whole
// family (`pickle/*`). A misspelt rule would suppress nothing; it is refused instead so
// that the author learns it at once.
import { RULES } from '../scan/findings.js'
import { SAFETENSORS_RULES } from '../scan/safetensors/errors.js'

export const KNOWN_RULES: ReadonlySet<string> = new Set([...Object.values(RULES), ...Object.values(SAFETENSORS_RULES)])
const FAMILIES = new Set([...KNOWN_RULES].map((rule) => rule.split('/')[0]))

/** Null when `rule` names a known rule or `family/*`; otherwise why not. */
export function validateSuppressRule(rule: string): string | null {
  if (rule.endsWith('/*')) return FAMILIES.has(rule.slice(0, -2)) ? null : `unknown rule family; known: ${[...FAMILIES].sort().join(', ')}`
  return KNOWN_RULES.has(rule) ? null : 'unknown rule id; see docs/rules.md for the list'
}

/** Does a suppression's `rule` (an id or `family/*`) cover the finding's rule? */
export function ruleMatches(pattern: string, rule: string): boolean {
  return pattern.endsWith('/*') ? rule.startsWith(pattern.slice(0, -1)) : pattern === rule
}
