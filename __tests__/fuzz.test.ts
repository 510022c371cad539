// Bounded fuzz run (part of `npm test`): mutated and random inputs through the whole engine
// (scanFile) and through each parser on its own; thousands of cases in all. `npm run fuzz`
// runs the same properties longer (FUZZ_RUNS cases through the engine, a quarter of that per
// parser) and prints cases per second. FUZZ_SEED replays a run.
import fc from 'fast-check'
import { fuzzCase, loadSeeds, type Seed } from './fuzz/harness.js'
import { ENGINE, PARSERS, type FuzzTarget } from './fuzz/targets.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000)
const PARSER_RUNS = Math.max(500, Math.floor(RUNS / 4))
/** Per case: far above any real case (milliseconds), far below a hang. */
const CASE_BUDGET_MS = 2000
const seeds = loadSeeds()

async function fuzz(target: FuzzTarget, runs: number): Promise<void> {
  const pool = target.seeds(seeds)
  const started = performance.now()
  await fc.assert(
    fc.asyncProperty(fuzzCase(pool), async (c: Seed) => {
      const t0 = performance.now()
      await target.run(c)
      const elapsed = performance.now() - t0
      if (elapsed > CASE_BUDGET_MS) throw new Error(`${c.name} (${c.bytes.length} bytes) took ${elapsed.toFixed(0)} ms`)
    }),
    { numRuns: runs, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined }
  )
  const seconds = (performance.now() - started) / 1000
  if (process.env.FUZZ_RUNS) process.stdout.write(`fuzz: ${target.name}: ${runs} cases in ${seconds.toFixed(1)} s (${(runs / seconds).toFixed(0)} cases/s)\n`)
}

test('fixtures are there to mutate, for every target', () => {
  expect(seeds.length).toBeGreaterThan(100)
  for (const target of [ENGINE, ...PARSERS]) expect([target.name, target.seeds(seeds).length >= 3]).toEqual([target.name, true])
})

test(`${RUNS} mutated and random files through scanFile: always a FileReport, never a throw, within budget`, () => fuzz(ENGINE, RUNS), 600_000)

test.each(PARSERS.map((p) => [p.name, p] as const))(`${PARSER_RUNS} cases: %s`, (_name, target) => fuzz(target, PARSER_RUNS), 600_000)
