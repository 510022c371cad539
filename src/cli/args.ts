// `modelgate scan [options] <path...>` argument parsing: strict, one-line errors.
import { DEFAULT_LIMITS, FAIL_ON_VALUES, PICKLE_POLICIES, validateAllowPattern, type FailOn, type Limits, type PicklePolicy } from '../scan/policy.js'
import { parseArgs as parseNodeArgs } from 'node:util'
import { LIMIT_SETTINGS, MAX_DEPTH_CEILING } from '../scan/limits.js'

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** Settings left out are taken from the policy file, else from the defaults. */
export interface ScanCommand {
  command: 'scan'
  paths: string[]
  format: OutputFormat
  output?: string
  failOn?: FailOn
  picklePolicy?: PicklePolicy
  /** Present when --allow-global was given: then it replaces the policy file's list. */
  allowGlobals?: string[]
  quiet: boolean
  /** Text format: every finding in full, with its advice. */
  verbose: boolean
  /** Limits set on the command line; the others come from the policy file or the defaults. */
  limits: Partial<Limits>
  /** Resolve Git LFS pointers through the LFS batch API and scan the objects. */
  lfs?: boolean
  /** LFS endpoint given with --lfs-url (implies --lfs). */
  lfsUrl?: string
  /** The policy file named with --config (instead of ./.modelgate.yml). */
  config?: string
  /** Write a baseline of the current findings here. */
  writeBaseline?: string
  /** Exit 0 instead of 3 when nothing is scanned (pre-commit hooks given only excluded files). */
  allowEmpty: boolean
}

export type Command = ScanCommand | { command: 'help' } | { command: 'version' }

export class UsageError extends Error {}

function showLimit(key: keyof Limits): string {
  return LIMIT_SETTINGS.find((s) => s.key === key)!.show(DEFAULT_LIMITS[key])
}

export const HELP = `Usage: modelgate scan [options] <target...>

Statically scans model files (pickle, PyTorch, NumPy, joblib, safetensors, ...) without loading them.
A target is a path (directories are scanned recursively; symbolic links are followed only
inside the current directory), an http(s):// URL, or a Hugging Face repo:
hf://[datasets/|spaces/]org/name[@revision][/path]. Remote files are read by HTTP range
requests (headers and pickle streams only), never downloaded whole.

Options:
  --format text|json|sarif|markdown   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --fail-on critical|high|medium|low|never
                                      exit 1 when a finding is at or above this severity (default: medium)
  --pickle-policy block|allow-safe    pickle data with only allowlisted globals: medium (block, default) or info
  --allow-global PATTERN              also allow this pickle global (repeatable): module.Name or module.*
  --quiet                             text format: print only findings that block, and the summary
  --verbose                           text format: every finding in full, with what to do
  --config FILE                       the policy file to use (default: .modelgate.yml or .modelgate.yaml
                                      in the current directory, when present)
  --write-baseline FILE               record the current findings in FILE (JSON); with \`baseline: FILE\`
                                      in the policy file, later runs report them as suppressed
  --allow-empty                       exit 0, not 3, when nothing is scanned
  --lfs                               scan the objects of Git LFS pointers, fetched by ranges through the
                                      repository's LFS batch API (endpoint from .lfsconfig or the origin remote)
  --lfs-url URL                       the LFS endpoint to use (implies --lfs)
  -h, --help                          show this help
  --version                           show the version

Limits per file (reaching one is a scan/incomplete finding, never a pass):
  --max-depth N                       archives in archives and nested deserializers (default: ${DEFAULT_LIMITS.maxDepth}, at most ${MAX_DEPTH_CEILING})
  --max-opcodes N                     pickle opcodes per stream (default: ${DEFAULT_LIMITS.maxOpcodes})
  --max-decompressed-bytes SIZE       bytes inflated per archive member or compressed stream,
                                      plain or with KiB, MiB, GiB, TiB (default: ${showLimit('maxDecompressedBytes')})
  --time-budget SECONDS               time per file (default: ${showLimit('timeBudgetMs')})

Environment:
  HF_TOKEN (or HUGGING_FACE_HUB_TOKEN)  token for gated or private hf:// repos, sent to HF_ENDPOINT only
  HF_ENDPOINT                          the hub (default https://huggingface.co)
  HF_HUB_OFFLINE=1                     refuse hf:// targets (no network)
  MODELGATE_LFS_TOKEN                  token for the LFS batch API (HTTP Basic x-access-token)

Command-line options win over the policy file, the policy file over the defaults.

Exit status: 0 nothing at or above --fail-on, 1 blocked, 2 usage, policy file, network or
internal error (a remote listing or authentication that failed, before any verdict),
3 nothing was scanned (no files under the targets, or all excluded).
`

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(value)} (expected ${allowed.join(', ')})`)
  return value as T
}

function fileName(flag: string, value: string): string {
  if (value === '') throw new UsageError(`${flag} needs a file name`)
  return value
}

type Apply = (cmd: ScanCommand, value: string, flag: string) => void

/** Options that take a value, and what each does with it. */
const VALUED: Record<string, Apply> = {
  format: (cmd, v, f) => (cmd.format = oneOf(f, v, OUTPUT_FORMATS)),
  output: (cmd, v, f) => (cmd.output = fileName(f, v)),
  'fail-on': (cmd, v, f) => (cmd.failOn = oneOf(f, v, FAIL_ON_VALUES)),
  'pickle-policy': (cmd, v, f) => (cmd.picklePolicy = oneOf(f, v, PICKLE_POLICIES)),
  'allow-global': (cmd, v) => {
    try {
      ;(cmd.allowGlobals ??= []).push(validateAllowPattern(v))
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
  },
  'lfs-url': (cmd, v, f) => {
    if (!/^https?:\/\//i.test(v)) throw new UsageError(`invalid value for ${f}: ${JSON.stringify(v)} (expected an http:// or https:// URL)`)
    cmd.lfsUrl = v
    cmd.lfs = true
  },
  config: (cmd, v, f) => (cmd.config = fileName(f, v)),
  'write-baseline': (cmd, v, f) => (cmd.writeBaseline = fileName(f, v)),
  ...Object.fromEntries(
    LIMIT_SETTINGS.map((setting): [string, Apply] => [
      setting.name,
      (cmd, v, f) => {
        const parsed = setting.parse(v)
        if (parsed === undefined) throw new UsageError(`invalid value for ${f}: ${JSON.stringify(v)} (expected ${setting.expected})`)
        cmd.limits[setting.key] = parsed
      }
    ])
  )
}

/** Switches, and what each sets. */
const SWITCHES: Record<string, (cmd: ScanCommand) => void> = {
  quiet: (cmd) => (cmd.quiet = true),
  verbose: (cmd) => (cmd.verbose = true),
  lfs: (cmd) => (cmd.lfs = true),
  'allow-empty': (cmd) => (cmd.allowEmpty = true),
  help: () => undefined
}

const OPTIONS = {
  ...Object.fromEntries(Object.keys(VALUED).map((name) => [name, { type: 'string' as const }])),
  ...Object.fromEntries(Object.keys(SWITCHES).map((name) => [name, { type: 'boolean' as const }])),
  quiet: { type: 'boolean' as const, short: 'q' },
  help: { type: 'boolean' as const, short: 'h' }
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('missing command (try: modelgate scan <path...>, or --help)')
  const [first, ...rest] = argv
  if (first === '-h' || first === '--help' || first === 'help') return { command: 'help' }
  if (first === '--version') return { command: 'version' }
  if (first !== 'scan') throw new UsageError(`unknown command ${JSON.stringify(first)} (the command is: scan)`)

  const cmd: ScanCommand = { command: 'scan', paths: [], format: 'text', quiet: false, verbose: false, limits: {}, allowEmpty: false }
  // Non-strict: unknown options and misplaced values come back as tokens, reported in our words.
  const { tokens } = parseNodeArgs({ args: [...rest], options: OPTIONS, strict: false, allowPositionals: true, tokens: true })
  for (const token of tokens) {
    if (token.kind === 'positional') cmd.paths.push(token.value)
    if (token.kind !== 'option') continue
    const flag = token.rawName
    const apply = VALUED[token.name]
    if (apply !== undefined) {
      if (token.value === undefined) throw new UsageError(`${flag} needs a value`)
      apply(cmd, token.value, flag)
    } else if (token.name in SWITCHES) {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value`)
      if (token.name === 'help') return { command: 'help' }
      SWITCHES[token.name](cmd)
    } else throw new UsageError(`unknown option ${JSON.stringify(flag)} (see --help)`)
  }
  if (cmd.paths.length === 0) throw new UsageError('no target to scan (usage: modelgate scan [options] <path|URL|hf://org/name...>)')
  return cmd
}
