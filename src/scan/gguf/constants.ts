// Limits and value types of llama.cpp's GGUF reader (ggml/src/gguf.cpp, gguf.h).

export const GGUF_MAGIC = [0x47, 0x47, 0x55, 0x46] // "GGUF"
/** GGUF_VERSION: the newest version gguf.cpp reads. */
export const GGUF_VERSION = 3
export const GGUF_DEFAULT_ALIGNMENT = 32
export const GGUF_MAX_STRING_LENGTH = 1024 * 1024 * 1024
export const GGUF_MAX_ARRAY_ELEMENTS = 1024 * 1024 * 1024
export const GGML_MAX_NAME = 64
export const GGML_MAX_DIMS = 4

export const SIZE_MAX = (1n << 64n) - 1n
export const INT64_MAX = (1n << 63n) - 1n
/**
 * sizeof(gguf_tensor_info) = sizeof(ggml_tensor) 336 + u64 offset, and sizeof(gguf_kv) = 88
 * (std::string 32 + bool + enum + two std::vector), on a 64-bit Linux build (libstdc++):
 * the counts are checked against SIZE_MAX divided by them.
 */
export const MAX_TENSORS = SIZE_MAX / 344n
export const MAX_KVS = SIZE_MAX / 88n

/** gguf_type codes; ARRAY is a container, STRING has no fixed size. */
export const GGUF_ARRAY = 9
export const GGUF_STRING = 8
export const GGUF_UINT32 = 4

/** Fixed element sizes by gguf_type (GGUF_TYPE_SIZE); STRING and ARRAY have none. */
export const GGUF_TYPE_SIZE: Readonly<Record<number, number>> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }

/** GGUF_TYPE_NAME, for messages. */
export const GGUF_TYPE_NAME: Readonly<Record<number, string>> = {
  0: 'u8',
  1: 'i8',
  2: 'u16',
  3: 'i16',
  4: 'u32',
  5: 'i32',
  6: 'f32',
  7: 'bool',
  8: 'str',
  9: 'arr',
  10: 'u64',
  11: 'i64',
  12: 'f64'
}

export const ALIGNMENT_KEY = 'general.alignment'
export const TEMPLATE_KEY = 'tokenizer.chat_template'
