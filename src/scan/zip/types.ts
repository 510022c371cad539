// Shapes shared by the zip modules and by the container scanners built on them.

export type ZipViewName = 'miniz' | 'python' | 'walk'

/** One view's reference to a member: which loader, its position there, and the name it uses. */
export interface MemberRef {
  view: ZipViewName
  /** Central directory index (miniz, python) or local header ordinal (walk). */
  index: number
  name: string
}

/**
 * A distinct data range some reader would decode: one per (local header offset, method,
 * compressed size). Several names and views may share it; each is analysed once.
 */
export interface ZipMember {
  localOffset: number
  /** First data byte: local offset + 30 + local name length + local extra length. */
  dataOffset: number
  method: number
  compSize: number
  /** The largest uncompressed size any reference declares: loaders never produce more. */
  uncompSize: number
  /** CRC-32 from the first reference (central directory before local header). */
  crc: number
  /** Union of the general-purpose flags every reference declares. */
  flags: number
  /** The name in the local header (what streaming unzippers use). */
  localName: string
  /** Every distinct name any view gives this member. */
  names: string[]
  refs: MemberRef[]
  views: ZipViewName[]
  /** The name used in `location.entry`: miniz's, else Python's, else the local header's. */
  label: string
}
