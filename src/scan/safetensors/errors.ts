// Rule ids of the safetensors scanner, and the reference error each one stands for.
//
// | SafeTensorError variant (tensor.rs)            | rule                              | when                                   |
// |------------------------------------------------|-----------------------------------|----------------------------------------|
// | HeaderTooSmall                                 | safetensors/header-too-small      | file shorter than the 8-byte length    |
// | HeaderTooLarge                                 | safetensors/header-too-large      | N > 100,000,000                        |
// | InvalidHeaderLength                            | safetensors/invalid-header-length | 8 + N > file size                      |
// | InvalidHeader(Utf8Error)                       | safetensors/invalid-utf8          | header bytes not strict UTF-8          |
// | InvalidHeaderDeserialization, unknown variant  | safetensors/unknown-dtype         | dtype not in the Dtype enum            |
// | InvalidHeaderDeserialization, anything else    | safetensors/invalid-json          | JSON syntax or schema (serde) error    |
// | InvalidOffset(name)                            | safetensors/invalid-offset        | hole, overlap, end < begin, not from 0 |
// | ValidationOverflow                             | safetensors/overflow              | shape product or × bits overflows u64  |
// | MisalignedSlice                                | safetensors/misaligned            | sub-byte dtype, bits % 8 ≠ 0           |
// | TensorInvalidInfo                              | safetensors/size-mismatch         | end − begin ≠ elements × bits / 8      |
// | MetadataIncompleteBuffer                       | safetensors/incomplete-buffer     | last end + 8 + N ≠ file size           |
//
// The other variants (TensorNotFound, InvalidTensorView, IoError, JsonError) come
// from tensor access and serialization, never from reading a header.
//
// Findings that are not reference errors (the header is accepted):
//
// | rule                             | severity | meaning                                                  |
// |----------------------------------|----------|----------------------------------------------------------|
// | safetensors/non-canonical        | low      | accepted, but other parsers may read it differently      |
// | safetensors/suspicious-metadata  | low      | `__metadata__` value that looks like code, a URL, or huge |
// | safetensors/large-header         | info     | header over the Hugging Face JS parser's 25 MB limit     |
// | safetensors/new-dtype            | info     | dtype unknown to older safetensors releases              |
import { RULES } from '../findings.js'

export const SAFETENSORS_RULES = {
  headerTooSmall: 'safetensors/header-too-small',
  headerTooLarge: 'safetensors/header-too-large',
  invalidHeaderLength: 'safetensors/invalid-header-length',
  invalidUtf8: 'safetensors/invalid-utf8',
  unknownDtype: 'safetensors/unknown-dtype',
  invalidJson: 'safetensors/invalid-json',
  invalidOffset: 'safetensors/invalid-offset',
  overflow: 'safetensors/overflow',
  misaligned: 'safetensors/misaligned',
  sizeMismatch: 'safetensors/size-mismatch',
  incompleteBuffer: 'safetensors/incomplete-buffer',
  nonCanonical: RULES.safetensorsNonCanonical,
  suspiciousMetadata: 'safetensors/suspicious-metadata',
  largeHeader: 'safetensors/large-header',
  newDtype: 'safetensors/new-dtype'
} as const

export type SafetensorsRule = (typeof SAFETENSORS_RULES)[keyof typeof SAFETENSORS_RULES]

/** A reference-parser rejection: becomes one high finding. */
export class HeaderRejected extends Error {
  constructor(
    readonly rule: SafetensorsRule,
    message: string,
    /** Byte offset in the file. */
    readonly offset: number,
    /** Tensor the error is about, when there is one. */
    readonly tensor?: string
  ) {
    super(message)
    this.name = 'HeaderRejected'
  }
}
