// docs/rules.md, generated from the rule registry, and the links into it that SARIF rules
// carry. __tests__/rules-doc.test.ts fails when the committed file differs from
// renderRulesDoc() and regenerates it with UPDATE_RULES_DOC=1.
import { FAMILY_INFO, GENERIC_INFO, RULE_INFO, ruleFamily, type RuleInfo } from './rules.js'

/** Where docs/rules.md is published: the moving `v1` tag, so links from old SARIF uploads keep working. */
export const RULES_DOC_URL = 'https://github.com/modelgate/modelgate/blob/v1/docs/rules.md'

/**
 * The anchor GitHub gives a Markdown heading (github-slugger): lower case, punctuation
 * and symbols dropped (`-` and `_` kept), each space a `-`.
 */
export function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** The docs/rules.md heading that documents a rule id (its own, its family's, or the generic one). */
export function ruleHeading(rule: string): string {
  if (RULE_INFO[rule] !== undefined) return rule
  const family = ruleFamily(rule)
  return FAMILY_INFO[family] !== undefined ? familyHeading(family) : GENERIC_HEADING
}

export function ruleHelpUri(rule: string): string {
  return `${RULES_DOC_URL}#${githubSlug(ruleHeading(rule))}`
}

/** The three things every rule explains, labelled, in the order a reader needs them. */
export function ruleSections(info: RuleInfo): Array<[label: string, text: string]> {
  return [
    ['What it means', info.description],
    ['Why it matters', info.why],
    ['What to do', info.help]
  ]
}

const GENERIC_HEADING = 'Other rules'
const familyHeading = (family: string) => `Other ${family}/* rules`

function entry(heading: string, info: RuleInfo): string {
  const sections = ruleSections(info).map(([label, text]) => `**${label}:** ${text}`)
  return [`## ${heading}`, '', `*${info.title}*`, '', ...sections.flatMap((s) => [s, ''])].join('\n')
}

export function renderRulesDoc(): string {
  const rules = Object.keys(RULE_INFO).sort()
  const families = Object.keys(FAMILY_INFO).sort()
  const index = [
    ...rules.map((rule) => [rule, RULE_INFO[rule]] as const),
    ...families.map((family) => [familyHeading(family), FAMILY_INFO[family]] as const),
    [GENERIC_HEADING, GENERIC_INFO] as const
  ]
  return [
    '# modelgate rules',
    '',
    '<!-- Generated from src/report/rules.ts by renderRulesDoc() (src/report/rules-doc.ts): edit those, then run',
    '     UPDATE_RULES_DOC=1 NODE_OPTIONS=--experimental-vm-modules npx jest __tests__/rules-doc.test.ts -->',
    '',
    'Every finding names a rule. Each rule below says what it means, why it matters and what to do.',
    'The severity of a finding can depend on what was found (see the finding itself).',
    '',
    '| Rule | Title |',
    '| --- | --- |',
    ...index.map(([heading, info]) => `| [${heading.replace(/\*/g, '\\*')}](#${githubSlug(heading)}) | ${info.title} |`),
    '',
    ...index.map(([heading, info]) => entry(heading, info))
  ].join('\n')
}
