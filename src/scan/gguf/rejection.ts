// A check of llama.cpp's GGUF reader that fails: the file is refused (one high finding).

/** Which check refused the file; `truncated` is any read past the end of the file. */
export type GgufCheck =
  | 'magic'
  | 'version'
  | 'tensor-count'
  | 'kv-count'
  | 'truncated'
  | 'string-length'
  | 'empty-key'
  | 'duplicate-key'
  | 'value-type'
  | 'array-length'
  | 'alignment-type'
  | 'alignment'
  | 'tensor-name-length'
  | 'duplicate-tensor'
  | 'n-dims'
  | 'dimension'
  | 'element-count'
  | 'tensor-type'
  | 'block-size'
  | 'byte-size'
  | 'data-start'
  | 'tensor-offset'
  | 'data-size'
  | 'data-bounds'

export class GgufRejected extends Error {
  constructor(
    readonly check: GgufCheck,
    message: string,
    /** Byte offset of the field that fails. */
    readonly offset: number,
    readonly tensor?: string
  ) {
    super(message)
    this.name = 'GgufRejected'
  }
}

/** Our own bound (memory) was reached where llama.cpp reads on: not analysed, fail closed. */
export class GgufTooLarge extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
    this.name = 'GgufTooLarge'
  }
}
