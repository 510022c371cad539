// The Git LFS endpoint of a local repository, derived as git-lfs derives it (lfsapi/
// endpoint_finder.go, lfshttp/endpoint.go, config.Remote()): `lfs.url`, then
// `remote.<remote>.lfsurl`, then the remote's URL + `.git/info/lfs`. Git configuration wins
// over `.lfsconfig` (only `lfs.url` and `remote.*.lfsurl` are read from that file, which comes
// with the repository and is therefore untrusted). ssh and scp-like URLs map to https on the
// same host, as git-lfs does when it falls back from `git-lfs-authenticate`.
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { addSecret, displayUrl, redact } from './http.js'
import { RemoteError } from './errors.js'

/** Where the endpoint came from, for messages. Print `url` through displayUrl (it may carry user info). */
export interface LfsEndpoint {
  url: string
  from: string
  /**
   * Named by the repository's `.lfsconfig` (its content, possibly hostile) on another origin
   * than the remote's: the token is not sent there (user info in the URL still is).
   */
  untrusted?: boolean
}

const GIT_TIMEOUT_MS = 10_000
const GIT_MAX_OUTPUT = 1024 * 1024
const DEFAULT_REMOTE = 'origin'

interface GitResult {
  ok: boolean
  stdout: string
  /** Why it failed: git's first error line, or the time-out. */
  reason: string
}

/** Runs git without a shell, bounded in time and output. Only a missing git binary throws. */
async function git(dir: string, args: readonly string[]): Promise<GitResult> {
  // Loaded on first use: child_process (and the stream and net modules it pulls in) costs every run start-up time.
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', dir, ...args],
      { timeout: GIT_TIMEOUT_MS, maxBuffer: GIT_MAX_OUTPUT, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (err, stdout, stderr) => {
        if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') reject(new RemoteError('cannot derive the LFS endpoint: git is not installed (give --lfs-url)'))
        else resolve({ ok: err === null, stdout, reason: err?.killed === true ? 'git timed out' : (stderr.trim().split('\n')[0] ?? '') || 'git failed' })
      }
    )
  })
}

/** `git config -z --list` output as key → values (git lowercases section and key names, not subsections). */
function parseConfigList(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>()
  for (const entry of text.split('\0')) {
    if (entry === '') continue
    const nl = entry.indexOf('\n')
    const key = nl < 0 ? entry : entry.slice(0, nl)
    const value = nl < 0 ? '' : entry.slice(nl + 1)
    values.set(key, [...(values.get(key) ?? []), value])
  }
  return values
}

/** Configuration lookup: git config first, then `.lfsconfig`; the last value of a key wins, as in git. */
class LfsConfig {
  constructor(
    private readonly gitConfig: Map<string, string[]>,
    private readonly lfsConfig: Map<string, string[]>
  ) {}

  get(key: string): { value: string; from: string } | undefined {
    const fromGit = this.gitConfig.get(key)?.at(-1)
    if (fromGit !== undefined) return { value: fromGit, from: `git config ${key}` }
    const fromFile = this.lfsConfig.get(key)?.at(-1)
    return fromFile === undefined ? undefined : { value: fromFile, from: `.lfsconfig ${key}` }
  }

  /** Remote names that have a URL in git config. */
  remotes(): string[] {
    const names: string[] = []
    for (const key of this.gitConfig.keys()) {
      const m = /^remote\.(.+)\.url$/.exec(key)
      if (m !== null) names.push(m[1])
    }
    return names
  }

  /** `url.<base>.insteadOf` rewrites: the longest matching prefix wins. */
  rewrite(url: string): string {
    let best: [string, string] | undefined
    for (const [key, prefixes] of this.gitConfig) {
      const m = /^url\.(.+)\.insteadof$/.exec(key)
      if (m === null) continue
      for (const prefix of prefixes) {
        if (prefix !== '' && url.startsWith(prefix) && (best === undefined || prefix.length > best[0].length)) best = [prefix, m[1]]
      }
    }
    return best === undefined ? url : best[1] + url.slice(best[0].length)
  }
}

/** Only the keys git-lfs accepts from `.lfsconfig` that matter here. */
const lfsConfigKey = (key: string): boolean => key === 'lfs.url' || /^remote\..+\.lfsurl$/.test(key)

async function readLfsConfig(root: string): Promise<Map<string, string[]>> {
  // As git-lfs: the working tree's file, else the index's, else HEAD's.
  const file = join(root, '.lfsconfig')
  const sources = existsSync(file) ? [['--file', file]] : [['--blob', ':.lfsconfig'], ['--blob', 'HEAD:.lfsconfig']]
  for (const source of sources) {
    const result = await git(root, ['config', '-z', ...source, '--list'])
    if (result.ok) return new Map([...parseConfigList(result.stdout)].filter(([key]) => lfsConfigKey(key)))
  }
  return new Map()
}

async function loadConfig(dir: string): Promise<{ config: LfsConfig; branch: string | undefined }> {
  const top = await git(dir, ['rev-parse', '--show-toplevel'])
  if (!top.ok) {
    throw new RemoteError(`cannot derive the LFS endpoint: ${dir} is not in a git work tree (${top.reason}); give --lfs-url`)
  }
  const root = top.stdout.replace(/\n$/, '')
  const [list, branch, lfsConfig] = await Promise.all([git(root, ['config', '-z', '--list']), git(root, ['symbolic-ref', '-q', '--short', 'HEAD']), readLfsConfig(root)])
  if (!list.ok) throw new RemoteError(`cannot derive the LFS endpoint: git config failed in ${root}: ${list.reason}`)
  return { config: new LfsConfig(parseConfigList(list.stdout), lfsConfig), branch: branch.ok ? branch.stdout.trim() : undefined }
}

/** The remote git-lfs uses: the branch's tracking remote, remote.lfsdefault, the only remote, else origin. */
function currentRemote(config: LfsConfig, branch: string | undefined): string {
  const tracking = branch === undefined || branch === '' ? undefined : config.get(`branch.${branch}.remote`)
  if (tracking !== undefined) return tracking.value
  const lfsDefault = config.get('remote.lfsdefault')
  if (lfsDefault !== undefined) return lfsDefault.value
  const remotes = config.remotes()
  return remotes.length === 1 ? remotes[0] : DEFAULT_REMOTE
}

/**
 * A configured URL as git-lfs reads it (NewEndpoint): http(s) as is; ssh://, git+ssh://,
 * ssh+git:// and scp-like `[user@]host:path` as https://host/path (the ssh port dropped);
 * git:// as https://. Anything else (file://, local paths, remote helpers) is refused.
 */
export function lfsHttpUrl(raw: string): string | undefined {
  const url = raw.trim()
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1].toLowerCase()
  if (scheme === 'http' || scheme === 'https') return url
  if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git' || scheme === 'git') {
    let u: URL
    try {
      u = new URL(`https://${url.slice(scheme.length + 3)}`)
    } catch {
      return undefined
    }
    if (scheme !== 'git') u.port = ''
    u.username = ''
    u.password = ''
    return u.href
  }
  if (scheme !== undefined || url.startsWith('/') || url.startsWith('.')) return undefined
  // scp-like: [user@]host:path or [user@host:port]:path (git-lfs EndpointFromBareSshUrl).
  const m = /^\[?(?:[^@/[\]]*@)?([^:/[\]]+)(?::\d+)?\]?:(.*)$/.exec(url)
  if (m === null || m[2] === '') return undefined
  try {
    return new URL(`https://${m[1]}/${m[2].replace(/^\/+/, '')}`).href
  } catch {
    return undefined
  }
}

/** git-lfs NewEndpointFromCloneURL: no trailing slash, then `/info/lfs` after a `.git` suffix. */
function cloneUrlEndpoint(url: string): string {
  const trimmed = url.endsWith('/') ? url.slice(0, -1) : url
  return trimmed.endsWith('.git') ? `${trimmed}/info/lfs` : `${trimmed}.git/info/lfs`
}

/** A configured value for a message: without user info or query when it parses as a URL. */
function shown(raw: string): string {
  const display = displayUrl(raw)
  return display !== '(invalid URL)' ? display : redact(raw.replace(/[^\x20-\x7e]/g, '?').slice(0, 200))
}

/** The endpoint as an http(s) URL, or a RemoteError naming where the bad value came from. */
function checked(raw: string, from: string, derive: (url: string) => string = (u) => u): LfsEndpoint {
  const http = lfsHttpUrl(raw)
  let url: URL | undefined
  try {
    url = http === undefined ? undefined : new URL(derive(http))
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new RemoteError(`the LFS endpoint from ${from} is not an http(s), ssh or scp-like URL: ${JSON.stringify(shown(raw))}`)
  }
  if (url.password !== '') addSecret(decodeURIComponent(url.password))
  return { url: url.href, from }
}

/** The configured endpoint setting git-lfs would use, in its order; `clone` for a remote's URL. */
function endpointSetting(config: LfsConfig, remotes: readonly string[]): { value: string; from: string; clone: boolean } | undefined {
  const lfsUrl = config.get('lfs.url')
  if (lfsUrl !== undefined) return { ...lfsUrl, clone: false }
  for (const name of remotes) {
    const lfsurl = config.get(`remote.${name}.lfsurl`)
    if (lfsurl !== undefined) return { ...lfsurl, clone: false }
    const url = config.get(`remote.${name}.url`)
    if (url !== undefined) return { ...url, clone: true }
  }
  return undefined
}

/** The origin of the endpoint the remote's own URL gives, if any. */
function remoteOrigin(config: LfsConfig, remotes: readonly string[]): string | undefined {
  const url = remotes.map((name) => config.get(`remote.${name}.url`)).find((u) => u !== undefined)
  if (url === undefined) return undefined
  try {
    return new URL(checked(config.rewrite(url.value), url.from, cloneUrlEndpoint).url).origin
  } catch {
    return undefined
  }
}

/**
 * The LFS endpoint for the repository containing `dir`, as git-lfs derives it: `override`
 * (--lfs-url) first; then `lfs.url` (git config, then `.lfsconfig`); `remote.<remote>.lfsurl`;
 * else the remote's URL + `.git/info/lfs`. Throws RemoteError when there is none.
 * An endpoint named by `.lfsconfig` on another origin than the remote's is marked `untrusted`.
 */
export async function findLfsEndpoint(dir: string, override?: string): Promise<LfsEndpoint> {
  if (override !== undefined && override !== '') return checked(override, '--lfs-url')
  const cwd = existsSync(dir) && !statSync(dir).isDirectory() ? dirname(dir) : dir
  const { config, branch } = await loadConfig(cwd)
  const remote = currentRemote(config, branch)
  // As git-lfs: a remote other than origin without any URL falls back to origin.
  const remotes = remote === DEFAULT_REMOTE ? [remote] : [remote, DEFAULT_REMOTE]
  const setting = endpointSetting(config, remotes)
  if (setting === undefined) throw new RemoteError(`cannot derive the LFS endpoint: the repository at ${cwd} has no remote "${remote}" and no lfs.url; give --lfs-url`)
  const endpoint = checked(config.rewrite(setting.value), setting.from, setting.clone ? cloneUrlEndpoint : undefined)
  // .lfsconfig comes with the repository's content: it must not steer our token to another host.
  if (setting.from.startsWith('.lfsconfig') && new URL(endpoint.url).origin !== remoteOrigin(config, remotes)) endpoint.untrusted = true
  return endpoint
}

/** The endpoint of a GitHub repository: {serverUrl}/{owner}/{repo}.git/info/lfs */
export function githubLfsEndpoint(serverUrl: string, owner: string, repo: string): LfsEndpoint {
  const base = serverUrl.replace(/\/+$/, '')
  return { url: `${base}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}.git/info/lfs`, from: `the GitHub repository ${owner}/${repo}` }
}
