// One wording for system errors in findings: Node's messages already start with the code
// ("EACCES: permission denied, open 'x'"), so the code is added only when it is missing.

export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  const message = err instanceof Error ? err.message : String(err)
  return e.code !== undefined && !message.startsWith(`${e.code}:`) ? `${e.code}: ${message}` : message
}
