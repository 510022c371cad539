// Which files an event selects: the real octokit against a loopback API, real git on a scratch repository.
import { getOctokit } from '@actions/github'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, renameSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { startFakeApi, type FakeApi, type PullFile } from '../__fixtures__/github-api.js'
import { commitAll, git, initRepo } from '../__fixtures__/git-repo.js'
import { selectForEvent, type EventContext } from '../src/action/changed-files.js'
import { gitChangedFiles, runGit } from '../src/action/git.js'

const WEIRD = 'weird name,with:colon\n.pkl'
let dir: string
let base: string
let head: string
let mainMoved: string
let api: FakeApi | undefined

beforeAll(() => {
  dir = mkdtempSync(`${tmpdir()}/modelgate-changed-`)
  initRepo(dir)
  writeFileSync(`${dir}/keep.pkl`, 'v1')
  writeFileSync(`${dir}/old.pkl`, 'gone soon')
  writeFileSync(`${dir}/from.bin`, 'renamed later')
  writeFileSync(`${dir}/main-only.pkl`, 'v1')
  base = commitAll(dir, 'base')
  git(dir, 'checkout', '-q', '-b', 'feature')
  writeFileSync(`${dir}/keep.pkl`, 'v2')
  unlinkSync(`${dir}/old.pkl`)
  renameSync(`${dir}/from.bin`, `${dir}/to.bin`)
  mkdirSync(`${dir}/$(whoami)`)
  writeFileSync(`${dir}/$(whoami)/${WEIRD}`, 'hostile name')
  head = commitAll(dir, 'head')
  // main moves on after the fork point: a pull request's diff (base...head) must not show it.
  git(dir, 'checkout', '-q', 'main')
  writeFileSync(`${dir}/main-only.pkl`, 'v2')
  mainMoved = commitAll(dir, 'main moves')
  git(dir, 'checkout', '-q', 'feature')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => {
  await api?.close()
  api = undefined
})

const repo = { owner: 'acme', repo: 'models' }
const prContext = (pr: Record<string, unknown> = {}): EventContext => ({
  eventName: 'pull_request',
  sha: 'f'.repeat(40),
  repo,
  payload: { pull_request: { number: 7, base: { sha: mainMoved }, head: { sha: head }, changed_files: 4, ...pr } }
})
const deps = (octokit: ReturnType<typeof getOctokit> | null) => ({ octokit, git: runGit, workspace: dir })
const octokit = () => getOctokit('ghs_t', { baseUrl: api!.url })

describe('gitChangedFiles', () => {
  test('merge-base diff: added, modified and renamed-to paths, no deletions, hostile names intact', async () => {
    expect((await gitChangedFiles(runGit, dir, mainMoved, head, true)).sort()).toEqual([`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'])
  })
  test('tree diff (push): what changed between the two commits', async () => {
    expect((await gitChangedFiles(runGit, dir, base, head, false)).sort()).toEqual([`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'])
    expect(await gitChangedFiles(runGit, dir, head, mainMoved, false)).toEqual(['from.bin', 'keep.pkl', 'main-only.pkl', 'old.pkl'])
  })
  test('only hex commit ids reach the command line', async () => {
    const calls: string[][] = []
    const spy = async (args: string[]) => {
      calls.push(args)
      return ''
    }
    await expect(gitChangedFiles(spy, dir, '--output=/tmp/x', head, true)).rejects.toThrow('not a commit id: "--output=/tmp/x"')
    await gitChangedFiles(spy, dir, base, head, true)
    expect(calls).toEqual([['-c', 'core.quotePath=off', 'diff', '--no-ext-diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', `${base}...${head}`, '--']])
  })
})

describe('pull_request', () => {
  test('lists the files 100 per page; removed files skipped, renamed files at their new path', async () => {
    const files: PullFile[] = Array.from({ length: 257 }, (_, i) => ({ filename: `m/${String(i).padStart(3, '0')}.pkl`, status: 'added' }))
    files[3] = { filename: 'm/003.pkl', status: 'removed' }
    files[4] = { filename: 'm/new-name.pkl', status: 'renamed', previous_filename: 'm/old-name.pkl' }
    api = await startFakeApi({ pullFiles: files })
    const result = await selectForEvent(prContext({ changed_files: 257 }), 'changed', deps(octokit()))
    expect(api.requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/repos/acme/models/pulls/7/files?per_page=100'],
      ['GET', '/repos/acme/models/pulls/7/files?per_page=100&page=2'],
      ['GET', '/repos/acme/models/pulls/7/files?per_page=100&page=3']
    ])
    expect(result.scope).toBe('Files changed by pull request #7')
    expect(result.notes).toEqual([])
    expect(result.selection.kind).toBe('changed')
    const paths = (result.selection as { paths: string[] }).paths
    expect(paths).toHaveLength(256)
    expect(paths).not.toContain('m/003.pkl')
    expect(paths).not.toContain('m/old-name.pkl')
    expect(paths).toContain('m/new-name.pkl')
  })

  test('over the 3000-file cap (from the payload): git diff base...head, no API call, and says so', async () => {
    api = await startFakeApi()
    const result = await selectForEvent(prContext({ changed_files: 3001 }), 'changed', deps(octokit()))
    expect(api.requests).toEqual([])
    expect(result.selection).toEqual({ kind: 'changed', paths: [`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'] })
    expect(result.notes).toEqual(['The pull request changes 3001 files or more; the GitHub API lists only the first 3000, so the changed files come from git diff.'])
  })

  test('the API returning 3000 files means the list is cut: git diff', async () => {
    api = await startFakeApi({ pullFiles: Array.from({ length: 3000 }, (_, i) => ({ filename: `f${i}`, status: 'added' })) })
    const result = await selectForEvent(prContext({ changed_files: undefined }), 'changed', deps(octokit()))
    expect(api.requests).toHaveLength(30)
    expect(result.selection).toEqual({ kind: 'changed', paths: [`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'] })
    expect(result.notes[0]).toMatch(/^The pull request changes 3000 files or more/)
  })

  test('API refused (403): git diff, naming the permission', async () => {
    api = await startFakeApi({ listStatus: 403 })
    const result = await selectForEvent(prContext(), 'changed', deps(octokit()))
    expect(result.selection).toEqual({ kind: 'changed', paths: [`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'] })
    expect(result.notes).toEqual([
      "Listing the pull request's files through the API failed (HTTP 403: Resource not accessible by integration - https://docs.github.com/rest), so they come from git diff. The token needs pull-requests: read."
    ])
  })

  test('no token: git diff', async () => {
    const result = await selectForEvent(prContext(), 'changed', deps(null))
    expect(result.selection).toEqual({ kind: 'changed', paths: [`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'] })
    expect(result.notes).toEqual(["Input 'token' is empty, so the pull request's files come from git diff."])
  })

  test('git cannot diff either (shallow checkout): the whole workspace, and why', async () => {
    const result = await selectForEvent(prContext({ changed_files: 5000, base: { sha: 'a'.repeat(40) } }), 'changed', deps(null))
    expect(result.selection).toEqual({ kind: 'all' })
    expect(result.scope).toBe('Whole workspace (fallback)')
    expect(result.notes[1]).toMatch(/^Listing the changed files with git failed \(git .* failed: fatal: .*\), so the whole workspace was scanned instead\. Check out with fetch-depth: 0 to scan only the changed files\.$/)
  })
})

describe('push', () => {
  const pushContext = (payload: Record<string, unknown>): EventContext => ({ eventName: 'push', sha: head, repo, payload })

  test('git diff before..after', async () => {
    const result = await selectForEvent(pushContext({ before: base, after: head }), 'changed', deps(null))
    expect(result).toEqual({
      selection: { kind: 'changed', paths: [`$(whoami)/${WEIRD}`, 'keep.pkl', 'to.bin'] },
      scope: `Files changed by the push ${base.slice(0, 7)}..${head.slice(0, 7)}`,
      notes: []
    })
  })

  test('before missing locally: the compare API', async () => {
    api = await startFakeApi({ compareFiles: [{ filename: 'a.pkl', status: 'modified' }, { filename: 'b.pkl', status: 'removed' }] })
    const before = 'c'.repeat(40)
    const result = await selectForEvent(pushContext({ before, after: head }), 'changed', deps(octokit()))
    expect(api.requests.map((r) => [r.method, r.url])).toEqual([['GET', `/repos/acme/models/compare/${before}...${head}`]])
    expect(result.selection).toEqual({ kind: 'changed', paths: ['a.pkl'] })
  })

  test('compare API at its 300-file cap: the whole workspace', async () => {
    api = await startFakeApi({ compareFiles: Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}`, status: 'added' })) })
    const result = await selectForEvent(pushContext({ before: 'c'.repeat(40), after: head }), 'changed', deps(octokit()))
    expect(result.selection).toEqual({ kind: 'all' })
    expect(result.notes[0]).toBe('The push changes 300 files or more, more than the compare API lists.')
    expect(result.notes[1]).toMatch(/^git diff could not list the pushed changes/)
  })

  test('a new branch: the whole workspace; a deleted branch: nothing', async () => {
    expect((await selectForEvent(pushContext({ before: '0'.repeat(40), after: head, created: true }), 'changed', deps(null))).selection).toEqual({ kind: 'all' })
    expect(await selectForEvent(pushContext({ before: head, after: '0'.repeat(40), deleted: true }), 'changed', deps(null))).toEqual({
      selection: { kind: 'changed', paths: [] },
      scope: 'The push deleted the branch',
      notes: []
    })
  })
})

test('scope: all and other events scan the workspace', async () => {
  expect(await selectForEvent(prContext(), 'all', deps(null))).toEqual({ selection: { kind: 'all' }, scope: 'Whole workspace (scope: all)', notes: [] })
  expect(await selectForEvent({ eventName: 'schedule', sha: head, repo, payload: {} }, 'changed', deps(null))).toEqual({
    selection: { kind: 'all' },
    scope: 'Whole workspace (schedule event)',
    notes: []
  })
})
