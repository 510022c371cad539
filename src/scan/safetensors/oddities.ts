// Accepted-but-unusual header constructs: the reference parser takes them, but
// other readers (Python `json`, `JSON.parse`, the Hugging Face JS parser, C++
// parsers) may read a different set of tensors or reject the file. Each kind
// becomes one `safetensors/non-canonical` finding with a count and examples.

export const ODDITY_KINDS = {
  'leading-whitespace': 'the header starts with JSON whitespace; the format says it begins with `{` and strict readers reject it',
  'escaped-metadata-key': '`__metadata__` is spelled with escape sequences; readers that match raw bytes treat it as a tensor',
  'null-metadata': '`__metadata__` is null; writers omit it or write an object, and readers that iterate it may fail',
  'duplicate-tensor': 'a tensor name appears more than once; safetensors keeps the last definition, other JSON parsers may keep the first',
  'duplicate-key': 'a key appears more than once in the same object; parsers disagree on which value wins',
  'array-entry': 'a tensor entry is a list [dtype, shape, data_offsets] instead of an object; only serde accepts that form',
  'map-dtype': 'a dtype is written as {"NAME": null} instead of "NAME"; only serde accepts that form',
  'unknown-field': 'a tensor entry has fields besides dtype, shape and data_offsets; safetensors ignores them, other tools may not'
} as const

export type OddityKind = keyof typeof ODDITY_KINDS

export interface OddityGroup {
  kind: OddityKind
  count: number
  /** The first few occurrences, described. */
  examples: string[]
  /** File offset of the first occurrence. */
  offset: number
}

const EXAMPLES_KEPT = 5

export class Oddities {
  private readonly groups = new Map<OddityKind, OddityGroup>()

  /** `describe` runs only for the first few occurrences of a kind. */
  note(kind: OddityKind, describe: () => string, offset: number): void {
    const group = this.groups.get(kind)
    if (group === undefined) {
      this.groups.set(kind, { kind, count: 1, examples: [describe()], offset })
      return
    }
    group.count++
    if (group.examples.length < EXAMPLES_KEPT) group.examples.push(describe())
  }

  /** Groups in the order of ODDITY_KINDS. */
  list(): OddityGroup[] {
    return (Object.keys(ODDITY_KINDS) as OddityKind[]).flatMap((kind) => this.groups.get(kind) ?? [])
  }
}
