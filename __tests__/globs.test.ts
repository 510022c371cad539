import { compileGlob, GlobError, pathFilter } from '../src/policy/globs.js'

const matches = (pattern: string, path: string) => compileGlob(pattern).test(path)

describe('compileGlob', () => {
  test.each([
    ['**', 'a.pkl', true],
    ['**', 'deep/er/.hidden/m.pt', true],
    ['*.pkl', 'a.pkl', true],
    ['*.pkl', 'dir/a.pkl', false],
    ['**/*.pkl', 'a.pkl', true],
    ['**/*.pkl', 'x/y/a.pkl', true],
    ['**/*.pkl', 'x/y/a.pkl.txt', false],
    ['models', 'models/a/b.bin', true],
    ['models/', 'models/a.bin', true],
    ['./models/*.pt', 'models/a.pt', true],
    ['models/*.pt', 'models/sub/a.pt', false],
    ['models/**/*.pt', 'models/a.pt', true],
    ['m?del.pt', 'model.pt', true],
    ['m?del.pt', 'm/del.pt', false],
    ['*.{pt,bin}', 'a.bin', true],
    ['*.{pt,bin}', 'a.pkl', false],
    ['[ab].pt', 'b.pt', true],
    ['[!ab].pt', 'c.pt', true],
    ['[!ab].pt', 'a.pt', false],
    ['a+b(1).pt', 'a+b(1).pt', true],
    ['a.pt', 'axpt', false],
    ['*', 'weird name,with:colon\n.pkl', true],
    ['[unclosed', '[unclosed', true]
  ])('%j vs %j -> %j', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected)
  })

  test.each(['/etc/*', '../x', 'a/../b', ''])('rejects %j', (pattern) => {
    expect(() => compileGlob(pattern)).toThrow(GlobError)
  })
})

test('pathFilter: included by one pattern and excluded by none', () => {
  const keep = pathFilter(['models/**', '*.pkl'], ['models/vendor/**'])
  expect(['models/a.pt', 'top.pkl', 'models/vendor/x.pt', 'src/a.py'].filter(keep)).toEqual(['models/a.pt', 'top.pkl'])
})
