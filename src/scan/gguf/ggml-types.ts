// ggml tensor types as llama.cpp's `type_traits` (ggml.c) and ggml-common.h define them,
// pinned to ggml-org/llama.cpp master with GGML_TYPE_COUNT = 43 (Q2_0 added). `blck` is
// elements per block, `size` bytes per block. Removed types (4, 5, 31–33, 36–38) have no
// entry: ggml gives them block size 0, which gguf.cpp rejects.

export interface GgmlType {
  name: string
  blck: number
  size: number
}

export const GGML_TYPE_COUNT = 43

const T = (name: string, blck: number, size: number): GgmlType => ({ name, blck, size })

export const GGML_TYPES: Readonly<Record<number, GgmlType>> = {
  0: T('f32', 1, 4),
  1: T('f16', 1, 2),
  2: T('q4_0', 32, 18),
  3: T('q4_1', 32, 20),
  6: T('q5_0', 32, 22),
  7: T('q5_1', 32, 24),
  8: T('q8_0', 32, 34),
  9: T('q8_1', 32, 36),
  10: T('q2_K', 256, 84),
  11: T('q3_K', 256, 110),
  12: T('q4_K', 256, 144),
  13: T('q5_K', 256, 176),
  14: T('q6_K', 256, 210),
  15: T('q8_K', 256, 292),
  16: T('iq2_xxs', 256, 66),
  17: T('iq2_xs', 256, 74),
  18: T('iq3_xxs', 256, 98),
  19: T('iq1_s', 256, 50),
  20: T('iq4_nl', 32, 18),
  21: T('iq3_s', 256, 110),
  22: T('iq2_s', 256, 82),
  23: T('iq4_xs', 256, 136),
  24: T('i8', 1, 1),
  25: T('i16', 1, 2),
  26: T('i32', 1, 4),
  27: T('i64', 1, 8),
  28: T('f64', 1, 8),
  29: T('iq1_m', 256, 56),
  30: T('bf16', 1, 2),
  34: T('tq1_0', 256, 54),
  35: T('tq2_0', 256, 66),
  39: T('mxfp4', 32, 17),
  40: T('nvfp4', 64, 36),
  41: T('q1_0', 128, 18),
  42: T('q2_0', 64, 18)
}
