// Untrusted strings in every output context. A hostile file name and a pickle whose global
// names carry newlines, workflow commands (both syntaxes), HTML, Markdown, terminal escapes
// and bidi overrides are scanned for real, then rendered for each sink: workflow commands
// (the real @actions/core, read back as the runner reads stdout), the Markdown job summary,
// SARIF, and the terminal. Nothing untrusted may act as a command, markup or escape sequence.
import { jest } from '@jest/globals'
import { scanFile } from '../src/scan/scan.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { buildReport } from '../src/scan/summary.js'
import type { Report } from '../src/scan/findings.js'
import { annotate } from '../src/action/annotations.js'
import { logFindings } from '../src/action/log.js'
import { renderJobSummary, STEP_SUMMARY_LIMIT } from '../src/report/job-summary.js'
import { renderSarif } from '../src/report/sarif.js'
import { renderText } from '../src/report/text.js'
import { runnerCommands } from '../__fixtures__/runner-commands.js'

const PATH = 'models/::error file=x::pwned\r\n##[warning]legacy <img src=x onerror=alert(1)> | `x` \u202e\x1b[31m %0A,:.pkl'
const MODULE = 'evil\n::error::injected\n##[add-mask]legacy\r<script>alert(1)</script>|`x`](javascript:y)'
const NAME = 'run\u202e\x1b[2J\x07'
const LONG = 'a'.repeat(4000)

/** STACK_GLOBAL of two SHORT_BINUNICODE strings (any bytes but the length), called with no arguments. */
function stackGlobal(module: string, name: string): Buffer {
  const str = (s: string) => {
    const bytes = Buffer.from(s, 'utf8')
    return Buffer.concat([Buffer.from([0x8c, bytes.length]), bytes])
  }
  return Buffer.concat([str(module), str(name), Buffer.from([0x93]), Buffer.from(')R0', 'latin1')])
}

const PICKLE = Buffer.concat([Buffer.from([0x80, 0x04]), stackGlobal(MODULE, NAME), stackGlobal('m', LONG.slice(0, 250)), Buffer.from('N.', 'latin1')])

/** Control characters, line separators and bidi overrides: none may reach any sink raw. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

let report: Report
beforeAll(async () => {
  const io = { openSource: async () => ({ ...bufferSource(PICKLE), close: async () => {} }) }
  const file = await scanFile(PATH, defaultScanOptions(), io)
  const long = { path: `${LONG}.pkl`, format: 'pickle' as const, size: 1, findings: [{ rule: 'pickle/malformed', severity: 'high' as const, message: LONG, location: { entry: LONG } }] }
  report = buildReport([file, long], defaultScanOptions())
})

test('the scan itself keeps the hostile strings as data', () => {
  expect(report.files[0].findings.map((f) => [f.rule, f.global])).toEqual([
    ['pickle/unknown-global', `${MODULE}.${NAME}`],
    ['pickle/unknown-global', `m.${LONG.slice(0, 250)}`]
  ])
})

describe('workflow commands: annotations and the log, through the real @actions/core', () => {
  let stdout = ''
  beforeAll(() => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk)
      return true
    })
    try {
      logFindings(report)
      annotate(report)
    } finally {
      spy.mockRestore()
    }
  })

  test('the runner sees only our commands; the fenced log is ignored whole', () => {
    const commands = runnerCommands(stdout)
    expect(commands.map((c) => [c.form, c.name])).toEqual([
      ['v2', 'group'],
      ['v2', 'stop-commands'],
      ['v2', 'endgroup'],
      ['v2', 'error'],
      ['v2', 'error'],
      ['v2', 'error']
    ])
  })

  test('annotations: the file property round-trips exactly, messages are one visible line, truncated', () => {
    const errors = runnerCommands(stdout).filter((c) => c.name === 'error')
    expect(errors[0].properties).toEqual({ title: 'high: pickle/unknown-global', file: PATH })
    expect(errors[0].message).not.toMatch(/[\r\n]/)
    expect(errors[0].message).not.toMatch(RAW_CONTROL)
    // The engine quotes globals as JSON strings; what is left over is made visible.
    expect(errors[0].message).toContain('"evil\\n::error::injected\\n##[add-mask]legacy\\r<script>alert(1)</script>|`x`](javascript:y).run\\u202e\\u001b[2J\\u0007"')
    expect(errors[2].properties.file).toBe(`${LONG}.pkl`)
    expect(errors[2].message.length).toBeLessThanOrEqual(2000 + 30)
    expect(errors[2].message).toMatch(/… \(\d+ more characters\)$/)
  })

  test('even without the fence, no log line could be read as a command', () => {
    const lines = stdout.split('\n').filter((l) => l.startsWith('['))
    expect(lines.length).toBe(3)
    for (const line of lines) {
      expect(line).not.toMatch(RAW_CONTROL)
      expect(line.trimStart().startsWith('::')).toBe(false)
    }
  })
})

test('Markdown job summary: no raw HTML, Markdown or control characters from the file', () => {
  const md = renderJobSummary(report, { failOn: 'medium', scope: 'Paths', notes: [] }, STEP_SUMMARY_LIMIT)
  expect(md).not.toMatch(RAW_CONTROL)
  expect(md).not.toMatch(/<img|<script|\]\(javascript|`x`/)
  expect(md).toContain('&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;&#124;&#96;x&#96;&#93;&#40;javascript:y&#41;')
  // The table keeps its columns: the name's `|` is an entity, not a cell break.
  const row = md.split('\n').find((l) => l.startsWith('| <code>models/'))!
  expect(row.split('|').length).toBe(9) // file, format and 5 severities
  // Long strings are cut.
  expect(md).not.toContain(LONG.slice(0, 1001))
  expect(md).not.toMatch(/^::/m)
})

test('SARIF: valid JSON, visible and truncated text, exact paths percent-encoded', () => {
  const sarif = JSON.parse(renderSarif(report))
  const results = sarif.runs[0].results
  expect(results).toHaveLength(3)
  for (const r of results) {
    expect(r.message.text).not.toMatch(RAW_CONTROL)
    expect(r.message.text.length).toBeLessThanOrEqual(1000 + 30)
    expect(r.properties.global ?? '').not.toMatch(RAW_CONTROL)
  }
  expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
    'models/%3A%3Aerror%20file%3Dx%3A%3Apwned%0D%0A%23%23%5Bwarning%5Dlegacy%20%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20%7C%20%60x%60%20%E2%80%AE%1B%5B31m%20%250A%2C%3A.pkl'
  )
})

test('terminal text: one line per finding, escapes visible, long strings cut', () => {
  const text = renderText(report, { failOn: 'medium', color: false, quiet: false, verbose: false })
  const lines = text.split('\n')
  // findings, a blank line, "What to do:" with 2 rules and the docs link, a blank line, summary, final newline
  expect(lines).toHaveLength(3 + 1 + 4 + 1 + 1 + 1)
  expect(text.replace(/\n/g, '')).not.toMatch(RAW_CONTROL)
  expect(lines[1]).toMatch(/^HIGH {5}models\/::error file=x::pwned\\x0d\\x0a##\[warning\]legacy <img src=x onerror=alert\(1\)> \| `x` \\u202e\\x1b\[31m %0A,:\.pkl@103 pickle\/unknown-global: /)
  expect(lines[0].length).toBeLessThan(1000 + 300 + 200 + 60) // path and entry each cut, the rest of the line under 200
})
