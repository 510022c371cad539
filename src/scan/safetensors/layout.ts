// The file layout of safetensors/src/tensor.rs:
//   0      u64 LE  N   header length
//   8      N bytes     UTF-8 JSON header
//   8 + N  data buffer (data_offsets are relative to it)

/** `N_LEN`: bytes of the little-endian header length. */
export const LENGTH_BYTES = 8

/** `MAX_HEADER_SIZE`; the check is `N > MAX`, so exactly 100,000,000 is allowed. */
export const MAX_HEADER_SIZE = 100_000_000

/** The Hugging Face JS parser (`parseSafetensorsMetadata`) refuses headers above this. */
export const HF_JS_HEADER_LIMIT = 25_000_000

/** The header length N from the first 8 bytes. */
export function headerLength(prefix: Uint8Array): bigint {
  return new DataView(prefix.buffer, prefix.byteOffset, LENGTH_BYTES).getBigUint64(0, true)
}
