import { readFileSync, writeFileSync } from 'node:fs'
import { RULES } from '../src/scan/findings.js'
import { SAFETENSORS_RULES } from '../src/scan/safetensors/errors.js'
import { FAMILY_INFO, RULE_INFO } from '../src/report/rules.js'
import { githubSlug, renderRulesDoc, ruleHeading, ruleHelpUri, RULES_DOC_URL } from '../src/report/rules-doc.js'

const DOC = new URL('../docs/rules.md', import.meta.url)
const REGENERATE = 'UPDATE_RULES_DOC=1 NODE_OPTIONS=--experimental-vm-modules npx jest __tests__/rules-doc.test.ts'

if (process.env.UPDATE_RULES_DOC === '1') writeFileSync(DOC, renderRulesDoc())
const doc = readFileSync(DOC, 'utf8')
const anchors = new Set(
  doc
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => githubSlug(l.slice(3)))
)

test('docs/rules.md is generated from src/report/rules.ts', () => {
  if (doc !== renderRulesDoc()) throw new Error(`docs/rules.md is out of date: run ${REGENERATE}`)
})

test.each([
  ['pickle/dangerous-global', 'pickledangerous-global'],
  ['Other safetensors/* rules', 'other-safetensors-rules'],
  ['Other rules', 'other-rules'],
  ['`scan/empty` (old_name)', 'scanempty-old_name'],
  ['What to do? Ça va', 'what-to-do-ça-va']
])('githubSlug(%j) = %j', (heading, slug) => {
  expect(githubSlug(heading)).toBe(slug)
})

test('every rule id has its own heading, with what it means, why it matters and what to do', () => {
  const ids = new Set([...Object.values(RULES), ...Object.keys(RULE_INFO)])
  expect(ids.size).toBeGreaterThanOrEqual(43)
  for (const id of ids) {
    expect(ruleHeading(id)).toBe(id)
    expect(anchors).toContain(githubSlug(id))
    const section = doc.slice(doc.indexOf(`\n## ${id}\n`) + 1).split('\n## ')[0]
    expect(section).toContain(`**What it means:** ${RULE_INFO[id].description}`)
    expect(section).toContain(`**Why it matters:** ${RULE_INFO[id].why}`)
    expect(section).toContain(`**What to do:** ${RULE_INFO[id].help}`)
  }
})

test('every why is specific: non-empty and not shared between rules', () => {
  const whys = [...Object.values(RULE_INFO), ...Object.values(FAMILY_INFO)].map((r) => r.why)
  for (const why of whys) expect(why.length).toBeGreaterThan(60)
  expect(new Set(whys).size).toBe(whys.length)
})

test('the helpUri of every rule, family fallback and unknown rule points at a heading that exists', () => {
  const cases: Array<[string, string]> = [
    ['pickle/dangerous-global', `${RULES_DOC_URL}#pickledangerous-global`],
    ['safetensors/invalid-json', `${RULES_DOC_URL}#other-safetensors-rules`],
    ['pickle/something-new', `${RULES_DOC_URL}#other-pickle-rules`],
    ['acme/thing', `${RULES_DOC_URL}#other-rules`]
  ]
  for (const [rule, uri] of cases) expect(ruleHelpUri(rule)).toBe(uri)
  for (const rule of [...Object.keys(RULE_INFO), ...Object.values(SAFETENSORS_RULES), ...cases.map(([r]) => r)]) {
    expect(anchors).toContain(ruleHelpUri(rule).slice(RULES_DOC_URL.length + 1))
  }
  expect(RULES_DOC_URL).toBe('https://github.com/modelgate/modelgate/blob/v1/docs/rules.md')
})
