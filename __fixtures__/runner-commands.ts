// The workflow commands a GitHub runner would act on in a step's stdout, read the way the
// runner's ActionCommandManager reads them: `::name props::message` at the start of a line
// (after leading whitespace), the legacy `##[name props]message` anywhere in a line, and
// `::stop-commands::TOKEN` ignoring everything up to a line `::TOKEN::`.

export interface RunnerCommand {
  form: 'v2' | 'legacy'
  name: string
  properties: Record<string, string>
  message: string
}

const unescapeData = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/gi, ':').replace(/%2C/gi, ','))

function properties(text: string | undefined, separator: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of (text ?? '').split(separator)) {
    const eq = pair.indexOf('=')
    if (eq > 0) out[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
  }
  return out
}

export function runnerCommands(stdout: string): RunnerCommand[] {
  const commands: RunnerCommand[] = []
  let stopToken: string | undefined
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (stopToken !== undefined) {
      if (line.trim() === `::${stopToken}::`) stopToken = undefined
      continue
    }
    const v2 = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.trimStart())
    if (v2 !== null) {
      const command: RunnerCommand = { form: 'v2', name: v2[1], properties: properties(v2[2], ','), message: unescapeData(v2[3]) }
      commands.push(command)
      if (command.name === 'stop-commands') stopToken = command.message
      continue
    }
    const legacy = /##\[([A-Za-z-]+)(?: ([^\]]*))?\](.*)$/.exec(line)
    if (legacy !== null) commands.push({ form: 'legacy', name: legacy[1], properties: properties(legacy[2], ';'), message: legacy[3] })
  }
  return commands
}
