// Label rules shared by the peer-corpus suite and its stand-alone twin (peerlike.test.ts), as
// the peer corpus README defines them: dangerous → a critical finding naming the dangerous
// callable; pickle-safe → exactly one pickle/format and nothing above medium; clean → nothing
// above info; inert → nothing critical; unreadable → scan/incomplete at medium or above.
import { expect } from '@jest/globals'
import { severityRank, type FileReport, type Severity } from '../../src/scan/findings.js'

export type Label = 'dangerous' | 'pickle-safe' | 'clean' | 'inert' | 'unreadable'

export interface LabelledFile {
  /** The file's name in its manifest, repeated in every failure. */
  name: string
  expect: Label
  note: string
  /** dangerous: the critical finding must name one of these callables (`module.qualname`)... */
  names?: readonly string[]
  /** ...or one matching this pattern. */
  namePattern?: RegExp
}

export const LABELS: readonly Label[] = ['dangerous', 'pickle-safe', 'clean', 'inert', 'unreadable']

const above = (file: FileReport, severity: Severity) => file.findings.filter((f) => severityRank(f.severity) > severityRank(severity))

/** One line per finding, for readable failures. */
export const brief = (findings: FileReport['findings']) =>
  findings.map((f) => `${f.rule} ${f.severity}${f.location?.entry !== undefined ? ` @${f.location.entry}` : ''}${f.global ? ` ${String(f.global)}` : ''}`)

/** Callables named by the file's critical findings (what they import or reach). */
export const criticalNames = (file: FileReport) =>
  file.findings.filter((f) => f.severity === 'critical').flatMap((f) => [f.global, f.reached].filter((g): g is string => typeof g === 'string'))

/** Asserts that `file` (the scanner's report for `entry`) meets the rule of its label. */
export function expectLabel(file: FileReport | undefined, entry: LabelledFile): void {
  if (file === undefined) throw new Error(`${entry.name} was not scanned`)
  const { name, note } = entry
  switch (entry.expect) {
    case 'dangerous': {
      const named = criticalNames(file)
      const { names = [], namePattern } = entry
      const ok = namePattern !== undefined ? named.some((g) => namePattern.test(g)) : names.some((n) => named.includes(n))
      if (!ok) throw new Error(`${name}: expected a critical finding naming ${namePattern ?? (names.join(' or ') || '(nothing given)')}; got ${JSON.stringify(brief(file.findings))}\nnote: ${note}`)
      return
    }
    case 'pickle-safe': {
      const formats = file.findings.filter((f) => f.rule === 'pickle/format').map((f) => f.severity)
      expect({ name, note, formats, above: brief(above(file, 'medium')) }).toEqual({ name, note, formats: ['medium'], above: [] })
      return
    }
    case 'clean':
      expect({ name, note, findings: brief(above(file, 'info')) }).toEqual({ name, note, findings: [] })
      return
    case 'inert':
      expect({ name, note, critical: brief(file.findings.filter((f) => f.severity === 'critical')) }).toEqual({ name, note, critical: [] })
      return
    case 'unreadable': {
      const incomplete = file.findings.some((f) => f.rule === 'scan/incomplete' && severityRank(f.severity) >= severityRank('medium'))
      expect({ name, note, incomplete, findings: brief(file.findings) }).toMatchObject({ name, note, incomplete: true })
      return
    }
  }
}
