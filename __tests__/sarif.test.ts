import { createHash } from 'node:crypto'
import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport } from '../src/scan/findings.js'
import { renderSarif, sarifUri, SARIF_SCHEMA } from '../src/report/sarif.js'

const WEIRD = 'models/weird name,with:colon\n.pkl'

const files: FileReport[] = [
  {
    path: WEIRD,
    format: 'pickle',
    size: 40,
    findings: [
      { rule: 'pickle/format', severity: 'medium', message: 'holds pickle data' },
      { rule: 'pickle/dangerous-global', severity: 'critical', message: 'calls posix.system', location: { offset: 2 }, global: 'posix.system', count: 1 }
    ]
  },
  {
    path: 'models/a.pt',
    format: 'pytorch-zip',
    size: 900,
    findings: [
      { rule: 'pickle/dangerous-global', severity: 'critical', message: 'calls builtins.exec', location: { entry: 'a/data.pkl', offset: 9 }, global: 'builtins.exec' },
      { rule: 'pickle/dangerous-global', severity: 'critical', message: 'calls builtins.exec again', location: { entry: 'a/data.pkl', offset: 30 }, global: 'builtins.exec' }
    ]
  },
  { path: 'link.pkl', format: 'other', size: 0, findings: [{ rule: 'fs/symlink', severity: 'info', message: 'symlink' }] },
  { path: 'clean.safetensors', format: 'safetensors', size: 12, findings: [] }
]

const sarif = () => JSON.parse(renderSarif(buildReport(files, defaultScanOptions())))
const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)

test('the log: schema, version, one run, the tool', () => {
  const log = sarif()
  expect(log.$schema).toBe(SARIF_SCHEMA)
  expect(log.version).toBe('2.1.0')
  expect(log.runs).toHaveLength(1)
  expect(log.runs[0].tool.driver).toMatchObject({ name: 'modelgate', semanticVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) })
})

test('one rule per rule id, with security-severity from the worst result', () => {
  const rules = sarif().runs[0].tool.driver.rules
  expect(rules.map((r: { id: string }) => r.id)).toEqual(['pickle/dangerous-global', 'pickle/format'])
  expect(rules[0]).toEqual({
    id: 'pickle/dangerous-global',
    name: 'PickleDangerousGlobal',
    shortDescription: { text: 'Pickle calls a dangerous global' },
    fullDescription: { text: expect.stringContaining('denylist') },
    helpUri: 'https://github.com/modelgate/modelgate/blob/v1/docs/rules.md#pickledangerous-global',
    help: { text: expect.stringContaining('safetensors'), markdown: expect.stringContaining('**What to do:**') },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'ml-model', 'pickle'], precision: 'high', 'security-severity': '9.5' }
  })
  expect(rules[1].properties['security-severity']).toBe('5.5')
  expect(rules[1].defaultConfiguration.level).toBe('warning')
})

test('results: worst first, file-level locations (no region), our own fingerprints; info left out', () => {
  const results = sarif().runs[0].results
  expect(results).toEqual([
    {
      ruleId: 'pickle/dangerous-global',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'calls posix.system (offset 2)' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'models/weird%20name%2Cwith%3Acolon%0A.pkl', uriBaseId: '%SRCROOT%' } } }],
      partialFingerprints: { primaryLocationLineHash: hash(WEIRD, 'pickle/dangerous-global', 'posix.system', '', '0') },
      properties: { severity: 'critical', global: 'posix.system' }
    },
    {
      ruleId: 'pickle/dangerous-global',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'calls builtins.exec (entry a/data.pkl, offset 9)' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'models/a.pt', uriBaseId: '%SRCROOT%' } },
          logicalLocations: [{ fullyQualifiedName: 'a/data.pkl' }]
        }
      ],
      partialFingerprints: { primaryLocationLineHash: hash('models/a.pt', 'pickle/dangerous-global', 'builtins.exec', 'a/data.pkl', '0') },
      properties: { severity: 'critical', global: 'builtins.exec' }
    },
    expect.objectContaining({
      message: { text: 'calls builtins.exec again (entry a/data.pkl, offset 30)' },
      // Same file, rule, global and entry: an ordinal keeps the two alerts apart.
      partialFingerprints: { primaryLocationLineHash: hash('models/a.pt', 'pickle/dangerous-global', 'builtins.exec', 'a/data.pkl', '1') }
    }),
    expect.objectContaining({ ruleId: 'pickle/format', ruleIndex: 1, level: 'warning', message: { text: 'holds pickle data' } })
  ])
})

test('fingerprints do not depend on offsets or messages (stable across re-saves)', () => {
  const before = sarif().runs[0].results[0].partialFingerprints
  const moved = files.map((f) => ({ ...f, findings: f.findings.map((x) => ({ ...x, message: `${x.message}!`, location: { offset: 999 } })) }))
  const after = JSON.parse(renderSarif(buildReport(moved, defaultScanOptions()))).runs[0].results[0].partialFingerprints
  expect(after).toEqual(before)
})

test('a clean report is a valid log with no rules and no results', () => {
  const log = JSON.parse(renderSarif(buildReport([files[3]], defaultScanOptions())))
  expect(log.runs[0].tool.driver.rules).toEqual([])
  expect(log.runs[0].results).toEqual([])
})

test('control characters in messages and entries are made visible', () => {
  const hostile: FileReport = {
    path: 'm.pkl',
    format: 'pickle',
    size: 1,
    findings: [{ rule: 'pickle/unknown-global', severity: 'high', message: 'calls x\n::error::y', location: { entry: 'e\r' } }]
  }
  const result = JSON.parse(renderSarif(buildReport([hostile], defaultScanOptions()))).runs[0].results[0]
  expect(result.message.text).toBe('calls x\\x0a::error::y (entry e\\x0d)')
  expect(result.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'e\\x0d' }])
})

test.each([
  ['models/a.pt', 'models/a.pt'],
  ['./a b.pkl', 'a%20b.pkl'],
  ['dir/#1%.pkl', 'dir/%231%25.pkl'],
  ['/abs/a b.pt', 'file:///abs/a%20b.pt']
])('sarifUri(%j) = %j', (path, uri) => {
  expect(sarifUri(path)).toBe(uri)
})
