// Builds the two committed bundles with ncc (ESM mode): dist/index.js (action) and dist/cli.js (CLI).
// ncc writes one entry per output folder, so each entry is built into build/<name>/ and moved.
// Minified: Node compiles the whole bundle at every start, and half the text is ~16 ms less
// start-up on each run (the bench and `.ci/run` rebuild and compare the same way).
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'

const ENTRIES = { index: 'src/index.ts', cli: 'src/cli.ts' }
const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js'

rmSync('dist', { recursive: true, force: true })
mkdirSync('dist')
for (const [name, entry] of Object.entries(ENTRIES)) {
  const out = `build/${name}`
  rmSync(out, { recursive: true, force: true })
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' })
  const files = readdirSync(out).filter((f) => f !== 'package.json')
  const unexpected = files.filter((f) => f !== 'index.js' && f !== 'licenses.txt')
  if (unexpected.length > 0) throw new Error(`ncc emitted extra files for ${entry}: ${unexpected.join(', ')}`)
  copyFileSync(`${out}/index.js`, `dist/${name}.js`)
  // ncc writes licenses.txt only when the bundle contains third-party code.
  if (existsSync(`${out}/licenses.txt`)) copyFileSync(`${out}/licenses.txt`, `dist/${name}.licenses.txt`)
}
chmodSync('dist/cli.js', 0o755)
// The bundles are ES modules whatever the root package.json says.
writeFileSync('dist/package.json', '{\n  "type": "module"\n}\n')
rmSync('build', { recursive: true, force: true })
