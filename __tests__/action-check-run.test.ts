// The check run against a loopback API, with the real octokit: exact requests on the wire.
import { getOctokit } from '@actions/github'
import { startFakeApi, CHECK_RUN_ID, type FakeApi } from '../__fixtures__/github-api.js'
import { buildReport } from '../src/scan/summary.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import type { FileReport } from '../src/scan/findings.js'
import { checkAnnotations, checkRunProblem, publishCheckRun, type CheckAnnotation } from '../src/action/check-run.js'

let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

const annotation = (i: number): CheckAnnotation => ({
  path: `m${i}.pkl`,
  start_line: 1,
  end_line: 1,
  annotation_level: 'failure',
  title: 'critical: pickle/dangerous-global',
  message: `finding ${i}`
})

const request = (annotations: CheckAnnotation[]) => ({
  owner: 'acme',
  repo: 'models',
  name: 'modelgate',
  headSha: 'b'.repeat(40),
  conclusion: 'failure' as const,
  title: 'Blocked: 1 critical',
  summary: '## blocked',
  annotations
})

test('creates the run completed on the head SHA with 50 annotations, then appends the rest 50 at a time', async () => {
  api = await startFakeApi()
  const annotations = Array.from({ length: 120 }, (_, i) => annotation(i))
  const id = await publishCheckRun(getOctokit('ghs_secret', { baseUrl: api!.url }), request(annotations))
  expect(id).toBe(CHECK_RUN_ID)
  const output = (batch: CheckAnnotation[]) => ({ title: 'Blocked: 1 critical', summary: '## blocked', annotations: batch })
  expect(api!.requests).toEqual([
    {
      method: 'POST',
      url: '/repos/acme/models/check-runs',
      authorization: 'token ghs_secret',
      body: { name: 'modelgate', head_sha: 'b'.repeat(40), status: 'completed', conclusion: 'failure', output: output(annotations.slice(0, 50)) }
    },
    { method: 'PATCH', url: `/repos/acme/models/check-runs/${CHECK_RUN_ID}`, authorization: 'token ghs_secret', body: { output: output(annotations.slice(50, 100)) } },
    { method: 'PATCH', url: `/repos/acme/models/check-runs/${CHECK_RUN_ID}`, authorization: 'token ghs_secret', body: { output: output(annotations.slice(100)) } }
  ])
})

test('no annotations: one request', async () => {
  api = await startFakeApi()
  await publishCheckRun(getOctokit('t', { baseUrl: api!.url }), request([]))
  expect(api!.requests).toHaveLength(1)
  expect((api!.requests[0].body as { output: unknown }).output).toEqual({ title: 'Blocked: 1 critical', summary: '## blocked', annotations: [] })
})

test('403 rejects with the status; the problem names the permission', async () => {
  api = await startFakeApi({ checkRunStatus: 403 })
  const err = await publishCheckRun(getOctokit('t', { baseUrl: api!.url }), request([annotation(0)])).catch((e: unknown) => e)
  expect((err as { status: number }).status).toBe(403)
  expect(checkRunProblem(err)).toBe(
    "modelgate could not create the check run (HTTP 403: Resource not accessible by integration - https://docs.github.com/rest): the token needs 'checks: write' " +
      '(pull requests from forks only ever get a read-only token). The job status, annotations and summary still report the result.'
  )
  expect(checkRunProblem(Object.assign(new Error('boom'), { status: 500 }))).toBe(
    'modelgate could not create the check run (HTTP 500: boom). The job status, annotations and summary still report the result.'
  )
})

test('checkAnnotations: worst first, info left out, levels mapped, control characters visible', () => {
  const files: FileReport[] = [
    { path: 'a\n.pkl', format: 'pickle', size: 1, findings: [{ rule: 'pickle/format', severity: 'medium', message: 'pickle\ndata', location: { offset: 0 } }] },
    { path: 'b.pkl', format: 'pickle', size: 1, findings: [{ rule: 'pickle/dangerous-global', severity: 'critical', message: 'posix.system' }] },
    { path: 'c.pkl', format: 'other', size: 0, findings: [{ rule: 'fs/symlink', severity: 'info', message: 'link' }] },
    { path: 'd.pkl', format: 'pickle', size: 1, findings: [{ rule: 'safetensors/non-canonical', severity: 'low', message: 'odd' }] }
  ]
  expect(checkAnnotations(buildReport(files, defaultScanOptions()))).toEqual({
    annotations: [
      { path: 'b.pkl', start_line: 1, end_line: 1, annotation_level: 'failure', title: 'critical: pickle/dangerous-global', message: 'posix.system' },
      { path: 'a\n.pkl', start_line: 1, end_line: 1, annotation_level: 'warning', title: 'medium: pickle/format', message: 'pickle\\x0adata (offset 0)' },
      { path: 'd.pkl', start_line: 1, end_line: 1, annotation_level: 'notice', title: 'low: safetensors/non-canonical', message: 'odd' }
    ],
    omitted: 0
  })
})

test('checkAnnotations caps the total at 1000', () => {
  const files: FileReport[] = [
    { path: 'a.pkl', format: 'pickle', size: 1, findings: Array.from({ length: 1005 }, () => ({ rule: 'pickle/unknown-global', severity: 'high' as const, message: 'x' })) }
  ]
  const { annotations, omitted } = checkAnnotations(buildReport(files, defaultScanOptions()))
  expect(annotations).toHaveLength(1000)
  expect(omitted).toBe(5)
})
