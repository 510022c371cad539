// Which byte ranges a prefetch must fetch: small ranges exactly (a zip's local headers, HDF5
// signature probes: a whole block each would cost more than the header), large ones as the
// missing runs of aligned cache blocks. Overlapping small ranges become one.

export interface Wanted {
  start: number
  end: number
  /** Block-aligned run for the block cache; else an exact range kept as a fragment. */
  blocks: boolean
}

export interface Known {
  block(index: number): boolean
  /** Is [start, start + length) already held as a fragment? */
  fragment(start: number, length: number): boolean
}

export interface PrefetchGeometry {
  size: number
  blockSize: number
  /** Ranges up to this length are fetched exactly. */
  fragmentMax: number
}

function missingRuns(start: number, end: number, g: PrefetchGeometry, known: Known): Wanted[] {
  const runs: Wanted[] = []
  const last = Math.floor((end - 1) / g.blockSize)
  for (let i = Math.floor(start / g.blockSize); i <= last; i++) {
    if (known.block(i)) continue
    let j = i
    while (j < last && !known.block(j + 1)) j++
    runs.push({ start: i * g.blockSize, end: Math.min((j + 1) * g.blockSize, g.size), blocks: true })
    i = j
  }
  return runs
}

/** What to fetch for `ranges` ([offset, length] pairs), sorted, with nothing already held. */
export function planPrefetch(ranges: readonly (readonly [number, number])[], g: PrefetchGeometry, known: Known): Wanted[] {
  const wanted: Wanted[] = []
  for (const [offset, length] of ranges) {
    const start = Math.max(0, offset)
    const end = Math.min(g.size, offset + length)
    if (!(end > start) || !Number.isSafeInteger(start) || !Number.isSafeInteger(end)) continue
    const runs = missingRuns(start, end, g, known)
    if (runs.length === 0 || (end - start <= g.fragmentMax && known.fragment(start, end - start))) continue
    if (end - start <= g.fragmentMax) wanted.push({ start, end, blocks: false })
    else wanted.push(...runs)
  }
  wanted.sort((a, b) => a.start - b.start || Number(b.blocks) - Number(a.blocks))
  const out: Wanted[] = []
  for (const w of wanted) {
    const prev = out.at(-1)
    if (prev !== undefined && w.start < prev.end && prev.blocks && w.end <= prev.end) continue // inside a run already asked
    if (prev !== undefined && !prev.blocks && !w.blocks && w.start <= prev.end) {
      prev.end = Math.max(prev.end, w.end)
      continue
    }
    if (prev !== undefined && prev.blocks && w.blocks && w.start <= prev.end) {
      prev.end = Math.max(prev.end, w.end)
      continue
    }
    out.push(w)
  }
  return out
}
