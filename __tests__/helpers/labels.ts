// The peer corpus's verdict labels as checks on a FileReport, shared by the peer-corpus suite and
// the suite over the repository's own equivalents (peerlike.test.ts):
// dangerous → a critical finding naming the callable; pickle-safe → exactly one pickle/format
// (medium) and nothing above medium; clean → nothing above info; inert → nothing critical;
// unreadable → scan/incomplete at medium or above.
import { severityRank, type FileReport, type Severity } from '../../src/scan/findings.js'

export type Label = 'dangerous' | 'pickle-safe' | 'clean' | 'inert' | 'unreadable'

export const LABELS: readonly Label[] = ['dangerous', 'pickle-safe', 'clean', 'inert', 'unreadable']

/** Findings above `severity`. */
export const above = (file: FileReport, severity: Severity): FileReport['findings'] => file.findings.filter((f) => severityRank(f.severity) > severityRank(severity))

/** One line per finding, for assertion messages. */
export const brief = (findings: FileReport['findings']): string[] =>
  findings.map((f) => `${f.rule} ${f.severity}${f.location?.entry !== undefined ? ` @${f.location.entry}` : ''}${f.global ? ` ${String(f.global)}` : ''}`)

/** Globals (resolved or reached) that critical findings name. */
export const criticalNames = (file: FileReport): string[] =>
  file.findings.filter((f) => f.severity === 'critical').flatMap((f) => [f.global, f.reached].filter((g): g is string => typeof g === 'string'))

/**
 * What a file's findings say about a non-dangerous label, shaped so that a passing file gives
 * `expectedShape(label)`; dangerous files are judged by the callable they must name.
 */
export function shape(file: FileReport, label: Exclude<Label, 'dangerous'>): unknown {
  switch (label) {
    case 'pickle-safe':
      return { formats: file.findings.filter((f) => f.rule === 'pickle/format').map((f) => f.severity), above: brief(above(file, 'medium')) }
    case 'clean':
      return { above: brief(above(file, 'info')) }
    case 'inert':
      return { critical: brief(file.findings.filter((f) => f.severity === 'critical')) }
    case 'unreadable':
      return { incomplete: file.findings.some((f) => f.rule === 'scan/incomplete' && severityRank(f.severity) >= severityRank('medium')) }
  }
}

export function expectedShape(label: Exclude<Label, 'dangerous'>): unknown {
  switch (label) {
    case 'pickle-safe':
      return { formats: ['medium'], above: [] }
    case 'clean':
      return { above: [] }
    case 'inert':
      return { critical: [] }
    case 'unreadable':
      return { incomplete: true }
  }
}
