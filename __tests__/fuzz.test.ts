// Bounded fuzz run (part of `npm test`): thousands of mutated and random inputs through
// every parser via the engine's dispatcher. `npm run fuzz` runs the same property longer.
import fc from 'fast-check'
import { checkCase, fuzzCase, loadSeeds } from './fuzz/harness.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000)
const seeds = loadSeeds()

test('fixtures are there to mutate', () => {
  expect(seeds.length).toBeGreaterThan(100)
})

test(`${RUNS} mutated and random files: always a well-formed result, never a throw, within budget`, async () => {
  const started = performance.now()
  await fc.assert(
    fc.asyncProperty(fuzzCase(seeds), (c) => checkCase(c, 2000)),
    { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined }
  )
  const seconds = (performance.now() - started) / 1000
  if (process.env.FUZZ_RUNS) process.stdout.write(`fuzz: ${RUNS} cases in ${seconds.toFixed(1)} s (${(RUNS / seconds).toFixed(0)} cases/s)\n`)
}, 600_000)
