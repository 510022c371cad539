// The `Dtype` enum of safetensors/src/tensor.rs: exact, case-sensitive variant names
// ("f32" is an unknown variant) and `Dtype::bitsize()`. `since` is the first
// safetensors release whose reader knows a variant added after the first releases:
// information for messages, never a reason to reject (the reference accepts the whole list).

export interface DtypeInfo {
  bits: number
  since?: string
}

export const DTYPES: Readonly<Record<string, DtypeInfo>> = {
  BOOL: { bits: 8 },
  F4: { bits: 4, since: '0.6.0' },
  F6_E2M3: { bits: 6, since: '0.6.0' },
  F6_E3M2: { bits: 6, since: '0.6.0' },
  U8: { bits: 8 },
  I8: { bits: 8 },
  F8_E5M2: { bits: 8, since: '0.4.1' },
  F8_E4M3: { bits: 8, since: '0.4.1' },
  F8_E8M0: { bits: 8, since: '0.6.0' },
  F8_E4M3FNUZ: { bits: 8, since: '0.8.0' },
  F8_E5M2FNUZ: { bits: 8, since: '0.8.0' },
  I16: { bits: 16 },
  U16: { bits: 16 },
  F16: { bits: 16 },
  BF16: { bits: 16 },
  I32: { bits: 32 },
  U32: { bits: 32 },
  F32: { bits: 32 },
  C64: { bits: 64, since: '0.7.0' },
  F64: { bits: 64 },
  I64: { bits: 64 },
  U64: { bits: 64 }
}

/** `Object.hasOwn`, so that `"constructor"` or `"__proto__"` are unknown variants too. */
export function dtypeInfo(name: string): DtypeInfo | undefined {
  return Object.hasOwn(DTYPES, name) ? DTYPES[name] : undefined
}
