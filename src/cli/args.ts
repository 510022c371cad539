// `modelgate scan [options] <path...>` argument parsing: strict, one-line errors.
import { DEFAULT_LIMITS, FAIL_ON_VALUES, PICKLE_POLICIES, validateAllowPattern, type FailOn, type Limits, type PicklePolicy } from '../scan/policy.js'
import { limitSetting, LIMIT_SETTINGS, MAX_DEPTH_CEILING } from '../scan/limits.js'

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface ScanCommand {
  command: 'scan'
  paths: string[]
  format: OutputFormat
  output?: string
  failOn: FailOn
  picklePolicy: PicklePolicy
  allowGlobals: string[]
  quiet: boolean
  /** Limits set on the command line; the others keep their defaults. */
  limits: Partial<Limits>
  /** Resolve Git LFS pointers through the LFS batch API and scan the objects. */
  lfs: boolean
  /** LFS endpoint given with --lfs-url (implies --lfs). */
  lfsUrl?: string
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

Exit status: 0 nothing at or above --fail-on, 1 blocked, 2 usage, network or internal error
(a remote listing or authentication that failed, before any verdict).
`

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(value)} (expected ${allowed.join(', ')})`)
  return value as T
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('missing command (try: modelgate scan <path...>, or --help)')
  const [first, ...rest] = argv
  if (first === '-h' || first === '--help' || first === 'help') return { command: 'help' }
  if (first === '--version') return { command: 'version' }
  if (first !== 'scan') throw new UsageError(`unknown command ${JSON.stringify(first)} (the command is: scan)`)

  const cmd: ScanCommand = { command: 'scan', paths: [], format: 'text', failOn: 'medium', picklePolicy: 'block', allowGlobals: [], quiet: false, limits: {}, lfs: false }
  let onlyPaths = false
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      cmd.paths.push(arg)
      continue
    }
    if (arg === '--') {
      onlyPaths = true
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1)
      if (i + 1 >= rest.length) throw new UsageError(`${flag} needs a value`)
      return rest[++i]
    }
    switch (flag) {
      case '--format':
        cmd.format = oneOf(flag, value(), OUTPUT_FORMATS)
        break
      case '--output': {
        const file = value()
        if (file === '') throw new UsageError('--output needs a file name')
        cmd.output = file
        break
      }
      case '--fail-on':
        cmd.failOn = oneOf(flag, value(), FAIL_ON_VALUES)
        break
      case '--pickle-policy':
        cmd.picklePolicy = oneOf(flag, value(), PICKLE_POLICIES)
        break
      case '--allow-global':
        try {
          cmd.allowGlobals.push(validateAllowPattern(value()))
        } catch (err) {
          throw new UsageError((err as Error).message)
        }
        break
      case '--quiet':
      case '-q':
        if (eq > 0) throw new UsageError(`${flag} takes no value`)
        cmd.quiet = true
        break
      case '--lfs':
        if (eq > 0) throw new UsageError(`${flag} takes no value`)
        cmd.lfs = true
        break
      case '--lfs-url': {
        const url = value()
        if (!/^https?:\/\//i.test(url)) throw new UsageError(`invalid value for --lfs-url: ${JSON.stringify(url)} (expected an http:// or https:// URL)`)
        cmd.lfsUrl = url
        cmd.lfs = true
        break
      }
      case '-h':
      case '--help':
        return { command: 'help' }
      case '--max-depth':
      case '--max-opcodes':
      case '--max-decompressed-bytes':
      case '--time-budget': {
        const setting = limitSetting(flag.slice(2))!
        const text = value()
        const parsed = setting.parse(text)
        if (parsed === undefined) throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(text)} (expected ${setting.expected})`)
        cmd.limits[setting.key] = parsed
        break
      }
      default:
        throw new UsageError(`unknown option ${JSON.stringify(flag)} (see --help)`)
    }
  }
  if (cmd.paths.length === 0) throw new UsageError('no target to scan (usage: modelgate scan [options] <path|URL|hf://org/name...>)')
  return cmd
}
