// The sticky pull request comment against a loopback GitHub API, with the real octokit:
// exact requests on the wire, and which comment is (never) edited.
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import * as core from '../__fixtures__/core.js'
import { startServer, type Loopback } from './helpers/loopback.js'
import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport } from '../src/scan/findings.js'

jest.unstable_mockModule('@actions/core', () => core)
const { getOctokit } = await import('@actions/github')
const { COMMENT_MARKER, commentBody, publishComment } = await import('../src/action/comment.js')
const { InputError, readInputs } = await import('../src/action/inputs.js')

interface Comment {
  id: number
  body: string
  user: { login: string; type: string }
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' }
const MALLORY = { login: 'mallory', type: 'User' }
const NEW_ID = 9001

let api: Loopback | undefined
let comments: Comment[]
/** `GET /user`: a login (personal token) or refused (installation token). */
let user: string | null
let listStatus: number
let writeStatus: number

async function start(): Promise<Loopback> {
  api = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(data))
    }
    const refused = (status: number) => send(status, { message: status === 403 ? 'Resource not accessible by integration' : 'Not Found' })
    if (req.method === 'GET' && url.pathname === '/user') return user === null ? refused(403) : send(200, { login: user, type: 'User' })
    if (req.method === 'GET' && url.pathname === '/repos/acme/models/issues/7/comments') {
      if (listStatus !== 200) return refused(listStatus)
      const perPage = Number(url.searchParams.get('per_page'))
      const page = Number(url.searchParams.get('page') ?? 1)
      const more = page * perPage < comments.length
      const link: Record<string, string> = more ? { link: `<${api!.origin}/repos/acme/models/issues/7/comments?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {}
      return send(200, comments.slice((page - 1) * perPage, page * perPage), link)
    }
    if (writeStatus !== 200) return refused(writeStatus)
    if (req.method === 'POST' && url.pathname === '/repos/acme/models/issues/7/comments') return send(201, { id: NEW_ID, ...JSON.parse(body) })
    const edit = /^\/repos\/acme\/models\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (req.method === 'PATCH' && edit !== null) return send(200, { id: Number(edit[1]), ...JSON.parse(body) })
    send(404, { message: 'Not Found' })
  })
  return api
}

beforeEach(() => {
  for (const key of Object.keys(core.inputs)) delete core.inputs[key]
  comments = []
  user = null
  listStatus = 200
  writeStatus = 200
})
afterEach(async () => {
  await api?.close()
  api = undefined
})

const PR = { eventName: 'pull_request', sha: 'm'.repeat(40), repo: { owner: 'acme', repo: 'models' }, payload: { pull_request: { number: 7 } } }
const DANGEROUS: FileReport = {
  path: 'evil.pkl',
  format: 'pickle',
  size: 10,
  findings: [{ rule: 'pickle/dangerous-global', severity: 'critical', message: 'posix.system' }]
}
const CLEAN: FileReport = { path: 'ok.safetensors', format: 'safetensors', size: 10, findings: [] }
const INFO_ONLY: FileReport = { path: 'link.pkl', format: 'other', size: 0, findings: [{ rule: 'fs/symlink', severity: 'info', message: 'link' }] }
const blocked = buildReport([DANGEROUS], defaultScanOptions())
const clean = buildReport([CLEAN, INFO_ONLY], defaultScanOptions())
const BODY = `${COMMENT_MARKER}\nnew text`

/** Method, path and body of each request after the two reads (`/user`, the comment list). */
const writes = () => api!.requests.slice(2).map((r) => [r.method, r.path, r.body === '' ? undefined : JSON.parse(r.body)])
const octokit = () => getOctokit('ghs_t', { baseUrl: api!.origin })

test('no comment of ours: creates one, after looking (GET /user refused: the Actions bot)', async () => {
  await start()
  comments = [{ id: 1, body: 'LGTM', user: MALLORY }]
  expect(await publishComment(octokit(), PR, blocked, 'always', BODY)).toBeNull()
  expect(api!.requests.map((r) => [r.method, r.path])).toEqual([
    ['GET', '/user'],
    ['GET', '/repos/acme/models/issues/7/comments?per_page=100'],
    ['POST', '/repos/acme/models/issues/7/comments']
  ])
  expect(JSON.parse(api!.requests[2].body)).toEqual({ body: BODY })
  expect(api!.requests[2].headers.authorization).toBe('token ghs_t')
  expect(core.info).toHaveBeenCalledWith(`Pull request comment ${NEW_ID} created.`)
})

test("re-run: edits the bot's marker comment in place (found on page 2), never the marker pasted by someone else", async () => {
  await start()
  comments = [
    { id: 2, body: `${COMMENT_MARKER}\n## ✅ modelgate: passed (pasted by the author)`, user: MALLORY },
    ...Array.from({ length: 120 }, (_, i) => ({ id: 100 + i, body: `comment ${i}`, user: MALLORY })),
    { id: 77, body: 'a bot comment quoting the marker: ' + COMMENT_MARKER, user: BOT },
    { id: 55, body: `${COMMENT_MARKER}\nold text`, user: BOT }
  ]
  expect(await publishComment(octokit(), PR, blocked, 'always', BODY)).toBeNull()
  expect(api!.requests.map((r) => r.path).slice(1, 3)).toEqual([
    '/repos/acme/models/issues/7/comments?per_page=100',
    '/repos/acme/models/issues/7/comments?per_page=100&page=2'
  ])
  expect(api!.requests.slice(3).map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
    ['PATCH', '/repos/acme/models/issues/comments/55', { body: BODY }]
  ])
  expect(core.info).toHaveBeenCalledWith('Pull request comment 55 updated.')
})

test('a marker comment written only by another user: a new comment of our own, that one left alone', async () => {
  await start()
  comments = [{ id: 2, body: `${COMMENT_MARKER}\nfake`, user: MALLORY }]
  expect(await publishComment(octokit(), PR, blocked, 'on-findings', BODY)).toBeNull()
  expect(writes()).toEqual([['POST', '/repos/acme/models/issues/7/comments', { body: BODY }]])
})

test('a personal token: its own login is the author looked for, not the Actions bot', async () => {
  await start()
  user = 'release-bot-user'
  comments = [
    { id: 3, body: `${COMMENT_MARKER}\nfrom GITHUB_TOKEN`, user: BOT },
    { id: 4, body: `${COMMENT_MARKER}\nfrom the PAT`, user: { login: 'release-bot-user', type: 'User' } }
  ]
  expect(await publishComment(octokit(), PR, blocked, 'always', BODY)).toBeNull()
  expect(writes()).toEqual([['PATCH', '/repos/acme/models/issues/comments/4', { body: BODY }]])
})

test('on-findings, clean (info only), no comment yet: nothing written', async () => {
  await start()
  expect(await publishComment(octokit(), PR, clean, 'on-findings', BODY)).toBeNull()
  expect(writes()).toEqual([])
  expect(core.info).toHaveBeenCalledWith('No pull request comment: no findings.')
})

test('on-findings, clean, a comment from an earlier blocked run: updated, so it does not stay stale', async () => {
  await start()
  comments = [{ id: 55, body: `${COMMENT_MARKER}\n## ❌ modelgate: blocked`, user: BOT }]
  expect(await publishComment(octokit(), { ...PR, eventName: 'pull_request_target' }, clean, 'on-findings', BODY)).toBeNull()
  expect(writes()).toEqual([['PATCH', '/repos/acme/models/issues/comments/55', { body: BODY }]])
})

test('403 on the write (fork pull request) and 404 on the list: a warning naming the permission, not a failure', async () => {
  await start()
  writeStatus = 403
  const tail = ": the token needs 'pull-requests: write' (pull requests from forks only ever get a read-only token). The job status, annotations and summary still report the result."
  expect(await publishComment(octokit(), PR, blocked, 'always', BODY)).toBe(
    `modelgate could not comment on the pull request (HTTP 403: Resource not accessible by integration)${tail}`
  )
  listStatus = 404
  expect(await publishComment(octokit(), PR, blocked, 'always', BODY)).toBe(`modelgate could not comment on the pull request (HTTP 404: Not Found)${tail}`)
  expect(api!.requests.filter((r) => r.method !== 'GET')).toHaveLength(1)
})

test('other events, mode off, no token: no request', async () => {
  await start()
  const push = { ...PR, eventName: 'push', payload: {} }
  expect(await publishComment(octokit(), push, blocked, 'always', BODY)).toBeNull()
  expect(core.info).toHaveBeenCalledWith('No pull request comment: the push event is not a pull request.')
  expect(await publishComment(octokit(), PR, blocked, 'off', BODY)).toBeNull()
  expect(await publishComment(null, PR, blocked, 'always', BODY)).toBe("modelgate could not comment on the pull request: input 'token' is empty.")
  expect(api!.requests).toEqual([])
})

test('commentBody: the marker, then the job summary', () => {
  const body = commentBody(blocked, { failOn: 'medium', scope: 'Files changed by pull request #7', notes: [] })
  expect(body.startsWith(`${COMMENT_MARKER}\n## ❌ modelgate: blocked\n`)).toBe(true)
  expect(body).toContain('evil.pkl')
  expect(body).toContain('pickle/dangerous-global')
})

test('input comment: off by default, the three modes, anything else named in the error', () => {
  for (const key of Object.keys(core.inputs)) delete core.inputs[key]
  expect(readInputs().comment).toBe('off')
  for (const mode of ['off', 'on-findings', 'always']) {
    core.inputs.comment = ` ${mode} `
    expect(readInputs().comment).toBe(mode)
  }
  core.inputs.comment = 'true'
  expect(() => readInputs()).toThrow(new InputError(`input 'comment' is "true"; expected one of: off, on-findings, always`))
})

test("action.yml declares the input, default 'off'", () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default: string; description: string }> }
  expect(action.inputs.comment.default).toBe('off')
  expect(action.inputs.comment.description).toContain("'on-findings'")
})
