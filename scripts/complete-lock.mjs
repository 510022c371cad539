// Re-adds lock entries for platform-specific optional packages that `npm install` left
// out because the registry mirror it used does not serve them (404). Without them
// `npm ci` refuses the lock ("Missing: … from lock file"). Such packages are never
// installed on this platform, so an entry needs only the version and the os/cpu/libc
// constraints that make npm skip it. Run after `npm install` changes package-lock.json.
import { readFileSync, writeFileSync } from 'node:fs'

// Package-name suffixes of prebuilt native bindings: <os>-<cpu>[-<abi>].
const BINDING = /-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+?)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi))?$/
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' }

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
let added = 0
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`
    const match = BINDING.exec(name)
    if (lock.packages[at] !== undefined || match === null) continue
    const [, os, cpu, abi] = match
    lock.packages[at] = {
      version: pkg.optionalDependencies[name],
      cpu: [cpu],
      ...(pkg.dev ? { dev: true } : {}),
      ...(abi in LIBC ? { libc: [LIBC[abi]] } : {}),
      optional: true,
      os: [os]
    }
    added++
    console.log(`${path} -> ${name}`)
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(`${added} entr${added === 1 ? 'y' : 'ies'} added`)
