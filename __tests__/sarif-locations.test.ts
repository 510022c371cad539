import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport, Finding } from '../src/scan/findings.js'
import { RULE_INFO } from '../src/report/rules.js'
import { artifactLocation, renderSarif } from '../src/report/sarif.js'

const finding: Finding = { rule: 'pickle/unknown-global', severity: 'high', message: 'imports a.B' }
const file = (path: string, findings: Finding[] = [finding]): FileReport => ({ path, format: 'pickle', size: 1, findings })
const run = (files: FileReport[], srcRoot?: string) => JSON.parse(renderSarif(buildReport(files, defaultScanOptions()), srcRoot === undefined ? {} : { srcRoot })).runs[0]
const uris = (files: FileReport[], srcRoot?: string) => run(files, srcRoot).results.map((r: any) => r.locations[0].physicalLocation.artifactLocation)

test('absolute paths under the source root become %SRCROOT%-relative; the run names the root', () => {
  const r = run([file('/work/repo/models/a b.pkl'), file('/work/repo/x.pt')], '/work/repo')
  expect(r.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } })
  expect(r.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation)).toEqual([
    { uri: 'models/a%20b.pkl', uriBaseId: '%SRCROOT%' },
    { uri: 'x.pt', uriBaseId: '%SRCROOT%' }
  ])
})

test('a trailing slash on the root changes nothing', () => {
  expect(run([], '/work/repo/').originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } })
})

test('absolute paths outside the root, and relative ones climbing out, stay file URIs', () => {
  expect(uris([file('/work/repo-other/a.pkl'), file('/tmp/m.pt'), file('../up.pkl')], '/work/repo')).toEqual([
    { uri: 'file:///work/repo-other/a.pkl' },
    { uri: 'file:///tmp/m.pt' },
    { uri: 'file:///work/up.pkl' }
  ])
})

test('relative paths are relative to the root; hf:// and http(s):// paths are URIs as they are', () => {
  expect(uris([file('models/a.pkl'), file('hf://acme/bert@main/pytorch_model.bin'), file('https://example.com/m.pkl')], '/work/repo')).toEqual([
    { uri: 'models/a.pkl', uriBaseId: '%SRCROOT%' },
    { uri: 'hf://acme/bert@main/pytorch_model.bin' },
    { uri: 'https://example.com/m.pkl' }
  ])
})

test('the default root is the current directory', () => {
  expect(artifactLocation(`${process.cwd()}/m/a.pkl`, process.cwd())).toEqual({ uri: 'm/a.pkl', uriBaseId: '%SRCROOT%' })
  expect(run([file(`${process.cwd()}/m/a.pkl`)]).results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'm/a.pkl', uriBaseId: '%SRCROOT%' })
})

test('every rule carries helpUri and help that says what it means, why it matters and what to do', () => {
  const rule = run([file('a.pkl', [{ rule: 'pickle/format', severity: 'medium', message: 'm' }])]).tool.driver.rules[0]
  const info = RULE_INFO['pickle/format']
  const uri = 'https://github.com/modelgate/modelgate/blob/v1/docs/rules.md#pickleformat'
  expect(rule.helpUri).toBe(uri)
  expect(rule.help).toEqual({
    text: `What it means: ${info.description}\n\nWhy it matters: ${info.why}\n\nWhat to do: ${info.help}`,
    markdown: `**What it means:** ${info.description}\n\n**Why it matters:** ${info.why}\n\n**What to do:** ${info.help}\n\n[pickle/format in the rules reference](${uri})`
  })
  const other = run([file('a.safetensors', [{ rule: 'safetensors/invalid-json', severity: 'high', message: 'm' }])]).tool.driver.rules[0]
  expect(other.helpUri).toBe('https://github.com/modelgate/modelgate/blob/v1/docs/rules.md#other-safetensors-rules')
})

test('suppressed findings are dismissed results; expired ones are normal results that say so', () => {
  const results = run(
    [
      file('a.pkl', [
        { ...finding, suppressed: { reason: 'vetted\nby ML', expires: '2027-01-31', by: '.modelgate.yml' } },
        { ...finding, message: 'imports c.D', suppressionExpired: { reason: 'old checkpoint', expires: '2026-01-31', by: '.modelgate.yml' } },
        { ...finding, message: 'imports e.F', suppressed: { reason: 'baseline', by: 'baseline.json' } }
      ])
    ],
    '/r'
  ).results
  expect(results[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'vetted\\x0aby ML', properties: { by: '.modelgate.yml', expires: '2027-01-31' } }])
  expect(results[1].suppressions).toBeUndefined()
  expect(results[1].message.text).toBe('imports c.D [suppression expired 2026-01-31: old checkpoint]')
  expect(results[1].level).toBe('error')
  expect(results[2].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'baseline', properties: { by: 'baseline.json' } }])
})
