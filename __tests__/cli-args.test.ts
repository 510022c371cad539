import { HELP, parseArgs, UsageError, type ScanCommand } from '../src/cli/args.js'

const scan = (...args: string[]) => parseArgs(['scan', ...args]) as ScanCommand

test('defaults: settings not given stay unset, for the policy file or the defaults to decide', () => {
  expect(scan('models/')).toEqual({
    command: 'scan',
    paths: ['models/'],
    format: 'text',
    quiet: false,
    verbose: false,
    limits: {},
    allowEmpty: false
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
    quiet: true,
    verbose: false,
    limits: {},
    allowEmpty: false
  })
})

test('policy, baseline and output switches; -q and -h short forms', () => {
  expect(scan('--config', 'ci/policy.yml', '--write-baseline=base.json', '--verbose', '--allow-empty', '-q', '.')).toEqual({
    command: 'scan',
    paths: ['.'],
    format: 'text',
    quiet: true,
    verbose: true,
    limits: {},
    allowEmpty: true,
    config: 'ci/policy.yml',
    writeBaseline: 'base.json'
  })
  expect(scan('-', 'x')).toMatchObject({ paths: ['-', 'x'] })
  expect(scan('--output', '-x', 'm')).toMatchObject({ output: '-x', paths: ['m'] })
})

test('--lfs, and --lfs-url which implies it; remote targets are kept as given', () => {
  expect(scan('--lfs', 'models/')).toMatchObject({ lfs: true, paths: ['models/'] })
  expect(scan('--lfs-url', 'https://lfs.example/acme/m.git/info/lfs', 'https://h/m.pt', 'hf://acme/bert@v1')).toMatchObject({
    lfs: true,
    lfsUrl: 'https://lfs.example/acme/m.git/info/lfs',
    paths: ['https://h/m.pt', 'hf://acme/bert@v1']
  })
  expect(() => scan('--lfs-url=ssh://git@host/acme/m', 'x')).toThrow('invalid value for --lfs-url: "ssh://git@host/acme/m" (expected an http:// or https:// URL)')
  expect(() => scan('--lfs=yes', 'x')).toThrow('--lfs takes no value')
})

test('limits: each flag in its unit, both spellings', () => {
  expect(scan('--max-depth', '10', '--max-opcodes=100', '--max-decompressed-bytes', '512MiB', '--time-budget=0.001', 'm.pkl').limits).toEqual({
    maxDepth: 10,
    maxOpcodes: 100,
    maxDecompressedBytes: 512 * 1024 ** 2,
    timeBudgetMs: 1
  })
  expect(scan('--max-decompressed-bytes=65536', '--max-depth=0', 'm.pkl').limits).toEqual({ maxDecompressedBytes: 65536, maxDepth: 0 })
  expect(scan('--max-decompressed-bytes=2TiB', 'm.pkl').limits).toEqual({ maxDecompressedBytes: 2 * 1024 ** 4 })
})

test('--help names every limit with its default', () => {
  const help = HELP
  expect(help).toContain('--max-depth N                       archives in archives and nested deserializers (default: 3, at most 16)')
  expect(help).toContain('--max-opcodes N                     pickle opcodes per stream (default: 50000000)')
  expect(help).toContain('plain or with KiB, MiB, GiB, TiB (default: 4GiB)')
  expect(help).toContain('--time-budget SECONDS               time per file (default: 60)')
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
  [['scan'], 'no target to scan (usage: modelgate scan [options] <path|URL|hf://org/name...>)'],
  [['scan', '--bogus', 'x'], 'unknown option "--bogus" (see --help)'],
  [['scan', '--format', 'xml', 'x'], 'invalid value for --format: "xml" (expected text, json, sarif, markdown)'],
  [['scan', '--fail-on', 'info', 'x'], 'invalid value for --fail-on: "info" (expected critical, high, medium, low, never)'],
  [['scan', '--pickle-policy', 'allow', 'x'], 'invalid value for --pickle-policy: "allow" (expected block, allow-safe)'],
  [['scan', '--allow-global', 'os.*;rm', 'x'], 'invalid allow-global pattern "os.*;rm": expected module.qualname or module.* (e.g. sklearn.*)'],
  [['scan', 'x', '--output'], '--output needs a value'],
  [['scan', '--quiet=yes', 'x'], '--quiet takes no value'],
  [['scan', '--verbose=1', 'x'], '--verbose takes no value'],
  [['scan', '-x', 'x'], 'unknown option "-x" (see --help)'],
  [['scan', 'x', '--config'], '--config needs a value'],
  [['scan', '--config=', 'x'], '--config needs a file name'],
  [['scan', '--write-baseline=', 'x'], '--write-baseline needs a file name'],
  [['scan', 'x', '--max-depth'], '--max-depth needs a value'],
  [['scan', '--max-depth=17', 'x'], 'invalid value for --max-depth: "17" (expected an integer from 0 to 16)'],
  [['scan', '--max-depth=2.5', 'x'], 'invalid value for --max-depth: "2.5" (expected an integer from 0 to 16)'],
  [['scan', '--max-opcodes=0', 'x'], 'invalid value for --max-opcodes: "0" (expected a positive integer)'],
  [['scan', '--max-opcodes=-5', 'x'], 'invalid value for --max-opcodes: "-5" (expected a positive integer)'],
  [['scan', '--max-opcodes=99999999999999999', 'x'], 'invalid value for --max-opcodes: "99999999999999999" (expected a positive integer)'],
  [['scan', '--max-decompressed-bytes=512M', 'x'], 'invalid value for --max-decompressed-bytes: "512M" (expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB))'],
  [['scan', '--max-decompressed-bytes= 1', 'x'], 'invalid value for --max-decompressed-bytes: " 1" (expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB))'],
  [['scan', '--max-decompressed-bytes=99999999TiB', 'x'], 'invalid value for --max-decompressed-bytes: "99999999TiB" (expected a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB))'],
  [['scan', '--time-budget=0', 'x'], 'invalid value for --time-budget: "0" (expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5))'],
  [['scan', '--time-budget=1m', 'x'], 'invalid value for --time-budget: "1m" (expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5))'],
  [['scan', '--time-budget=86401', 'x'], 'invalid value for --time-budget: "86401" (expected seconds, more than 0 and at most 86400 (e.g. 60 or 0.5))']
])('usage error %j', (argv, message) => {
  expect(() => parseArgs(argv)).toThrow(new UsageError(message))
})
