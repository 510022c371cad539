// End-to-end: dist/cli.js reads a URL by ranges from a loopback server (Node's own fetch in
// the bundle), and exits 2 with a one-line message when a hub refuses the listing.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { serveBytes, startServer, type Loopback } from '../helpers/loopback.js'

const CLI = resolve('dist/cli.js')
/** Protocol 2: posix.system('echo pwned'), assembled by hand. Never loaded, only scanned. */
const EVIL = Buffer.from('\x80\x02cposix\nsystem\nq\x00X\x0a\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03.', 'latin1')
const TOKEN = 'hf_e2e_secret_token'

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, NO_PROXY: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

let server: Loopback
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/models/evil.pkl') serveBytes(req, res, EVIL, { etag: '"e1"' })
    else {
      res.writeHead(401, { 'x-error-code': 'GatedRepo', 'content-type': 'application/json' })
      res.end('{"error":"gated"}')
    }
  })
})
afterAll(() => server.close())

test('a URL: the same finding as the local file, with what reading it cost', async () => {
  const r = await cli(['scan', '--format', 'json', `${server.origin}/models/evil.pkl`])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(1)
  const report = JSON.parse(r.stdout)
  expect(report.files).toEqual([
    {
      path: `${server.origin}/models/evil.pkl`,
      format: 'pickle',
      size: EVIL.length,
      findings: [expect.objectContaining({ rule: 'pickle/dangerous-global', severity: 'critical', global: 'posix.system', location: { offset: 2 } })],
      source: { url: `${server.origin}/models/evil.pkl`, requests: 1, bytes: EVIL.length },
      details: { pickles: 1, opcodes: 10 }
    }
  ])
  expect(report.summary.remote).toEqual({ files: 1, requests: 1, bytes: EVIL.length, size: EVIL.length })
})

test('a gated hub repo: exit 2, one line, no token in it', async () => {
  const r = await cli(['scan', 'hf://acme/gated'], { HF_ENDPOINT: server.origin, HF_TOKEN: TOKEN })
  expect(r.code).toBe(2)
  expect(r.stdout).toBe('')
  expect(r.stderr).toMatch(/^modelgate: hf:\/\/acme\/gated: .*gated or private.*\n$/)
  expect(r.stderr).not.toContain(TOKEN)
})
