import { parseArgs, UsageError } from '../src/cli/args.js'

const scan = (...args: string[]) => parseArgs(['scan', ...args])

test('defaults', () => {
  expect(scan('models/')).toEqual({
    command: 'scan',
    paths: ['models/'],
    format: 'text',
    failOn: 'medium',
    picklePolicy: 'block',
    allowGlobals: [],
    quiet: false
  })
})

test('every option, both spellings', () => {
  expect(
    scan('--format', 'json', '--output=r.json', '--fail-on', 'high', '--pickle-policy=allow-safe', '--allow-global', 'sklearn.*', '--allow-global=numpy.*', '--quiet', 'a', 'b')
  ).toEqual({
    command: 'scan',
    paths: ['a', 'b'],
    format: 'json',
    output: 'r.json',
    failOn: 'high',
    picklePolicy: 'allow-safe',
    allowGlobals: ['sklearn.*', 'numpy.*'],
    quiet: true
  })
})

test('--format sarif', () => {
  expect(scan('--format=sarif', 'm.pkl')).toMatchObject({ format: 'sarif', paths: ['m.pkl'] })
})

test('-- ends options', () => {
  expect(scan('--', '--weird-name.pkl')).toMatchObject({ paths: ['--weird-name.pkl'] })
})

test('help and version', () => {
  expect(parseArgs(['--help'])).toEqual({ command: 'help' })
  expect(parseArgs(['scan', '-h'])).toEqual({ command: 'help' })
  expect(parseArgs(['--version'])).toEqual({ command: 'version' })
})

test.each([
  [[], 'missing command (try: modelgate scan <path...>, or --help)'],
  [['check', 'x'], 'unknown command "check" (the command is: scan)'],
  [['scan'], 'no path to scan (usage: modelgate scan [options] <path...>)'],
  [['scan', '--bogus', 'x'], 'unknown option "--bogus" (see --help)'],
  [['scan', '--format', 'xml', 'x'], 'invalid value for --format: "xml" (expected text, json, sarif, markdown)'],
  [['scan', '--fail-on', 'info', 'x'], 'invalid value for --fail-on: "info" (expected critical, high, medium, low, never)'],
  [['scan', '--pickle-policy', 'allow', 'x'], 'invalid value for --pickle-policy: "allow" (expected block, allow-safe)'],
  [['scan', '--allow-global', 'os.*;rm', 'x'], 'invalid allow-global pattern "os.*;rm": expected module.qualname or module.* (e.g. sklearn.*)'],
  [['scan', 'x', '--output'], '--output needs a value'],
  [['scan', '--quiet=yes', 'x'], '--quiet takes no value']
])('usage error %j', (argv, message) => {
  expect(() => parseArgs(argv)).toThrow(new UsageError(message))
})
