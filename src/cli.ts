#!/usr/bin/env node
// CLI entry (bundled to dist/cli.js).
import { main } from './cli/main.js'

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true
})
process.exitCode = code
