// The JSON report: exactly the DESIGN contract (key order included, for stable diffs).
import type { FileReport, Finding, Report } from '../scan/findings.js'

function orderFinding({ rule, severity, message, location, ...detail }: Finding): Finding {
  return { rule, severity, message, ...(location !== undefined ? { location } : {}), ...detail }
}

function orderFile({ path, format, size, findings, source, details }: FileReport): FileReport {
  return { path, format, size, findings: findings.map(orderFinding), ...(source !== undefined ? { source } : {}), ...(details !== undefined ? { details } : {}) }
}

export function renderJson(report: Report): string {
  const { tool, files, summary } = report
  return `${JSON.stringify({ tool, files: files.map(orderFile), summary }, null, 2)}\n`
}
