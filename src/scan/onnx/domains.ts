// Operator domains that need a native library at load: anything outside the ONNX standard
// domains and onnxruntime's built-in `com.microsoft`, unless the model itself defines the
// function a node calls (a model-local function is not a custom operator).
import type { ModelFacts } from './walk.js'

export const STANDARD_DOMAINS: ReadonlySet<string> = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'com.microsoft'])

/** Operators listed per domain in a finding. */
export const OPERATORS_SHOWN = 20

export interface CustomDomain {
  domain: string
  /** Operators of the domain, in first-use order, at most OPERATORS_SHOWN. */
  operators: string[]
  /** Distinct operators in all. */
  count: number
  /** Where the first node using the domain starts. */
  offset: number
}

export function customDomains(facts: ModelFacts): CustomDomain[] {
  const out: CustomDomain[] = []
  for (const [domain, ops] of facts.operators) {
    if (STANDARD_DOMAINS.has(domain)) continue
    const custom = [...ops].filter(([op]) => !facts.functions.has(`${domain}\0${op}`))
    if (custom.length === 0) continue
    out.push({ domain, operators: custom.slice(0, OPERATORS_SHOWN).map(([op]) => op), count: custom.length, offset: Math.min(...custom.map(([, at]) => at)) })
  }
  return out
}
