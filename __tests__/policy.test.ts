import { blocks, matchesAllowPattern, validateAllowPattern, defaultScanOptions } from '../src/scan/policy.js'

describe('blocks', () => {
  test.each([
    ['critical', 'medium', true],
    ['medium', 'medium', true],
    ['low', 'medium', false],
    ['info', 'low', false],
    ['high', 'critical', false],
    ['critical', 'never', false]
  ] as const)('%s vs fail-on %s -> %s', (severity, failOn, expected) => {
    expect(blocks(severity, failOn)).toBe(expected)
  })
  test('no findings never block', () => expect(blocks(null, 'low')).toBe(false))
})

describe('allow patterns', () => {
  test('exact and prefix patterns', () => {
    expect(matchesAllowPattern('sklearn.linear_model.LogisticRegression', ['sklearn.*'])).toBe(true)
    expect(matchesAllowPattern('sklearnx.Evil', ['sklearn.*'])).toBe(false)
    expect(matchesAllowPattern('mypkg.models.Net', ['mypkg.models.Net'])).toBe(true)
    expect(matchesAllowPattern('mypkg.models.Net2', ['mypkg.models.Net'])).toBe(false)
  })
  test.each(['', '*', 'os.sys tem', 'a..b', '.a', 'a.*.b', 'a*', 'sklearn.'])('rejects %j', (p) => {
    expect(() => validateAllowPattern(p)).toThrow(/invalid allow-global pattern/)
  })
  test.each(['sklearn.*', 'mypkg.models.Net', '_codecs.encode'])('accepts %s', (p) => {
    expect(validateAllowPattern(p)).toBe(p)
  })
})

test('defaults: fail-on medium, pickle-policy block, bounded concurrency and limits', () => {
  const options = defaultScanOptions()
  expect(options).toMatchObject({ failOn: 'medium', picklePolicy: 'block', allowGlobals: [], concurrency: 8 })
  expect(options.limits.maxDepth).toBe(3)
})
