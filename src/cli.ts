#!/usr/bin/env node
// CLI entry (bundled to dist/cli.js). No top-level await: it makes the bundler wrap every
// module as an async module, which costs ~20 ms of start-up on each run.
import { main } from './cli/main.js'

void main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true
}).then((code) => {
  process.exitCode = code
})
