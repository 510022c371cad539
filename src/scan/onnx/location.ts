// Syntactic checks of an external-data `location`, for every loader at once: onnx.checker
// (1.16+) refuses absolute paths and `..` after lexical normalisation, but older onnx
// releases (CVE-2022-25882, CVE-2024-27318) and other runtimes just join the location to the
// model's folder (`os.path.join(base_dir, location)`), which an absolute path replaces.
// Windows separators and drive/UNC forms count on every host: the model may be loaded there.

/** Why the location leaves the model's folder, or undefined when it stays inside lexically. */
export function escapeReason(location: string): string | undefined {
  for (const [view, text] of views(location)) {
    const reason = lexicalEscape(text)
    if (reason !== undefined) return view === '' ? reason : `${reason} (${view})`
  }
  return undefined
}

/**
 * The readings loaders may make: as written; cut at a NUL (C and C++ `open` stop there,
 * Python refuses it); percent-decoded (no onnx loader decodes, but URL-minded tools do, and
 * no honest exporter writes `%2e%2e`).
 */
function views(location: string): [string, string][] {
  const out: [string, string][] = [['', location]]
  const nul = location.indexOf('\0')
  if (nul >= 0) out.push(['read up to its NUL byte by C and C++ loaders', location.slice(0, nul)])
  const decoded = percentDecoded(location)
  if (decoded !== location) out.push(['once percent-decoded', decoded])
  return out
}

function percentDecoded(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

function lexicalEscape(text: string): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(text)) return 'is a URL'
  if (/^[\\/]{2}/.test(text)) return 'is a UNC or network path'
  if (/^[A-Za-z]:/.test(text)) return 'starts with a Windows drive letter'
  if (/^[\\/]/.test(text)) return 'is an absolute path'
  let depth = 0
  for (const segment of text.split(/[\\/]/)) {
    if (segment === '..') depth--
    else if (segment !== '' && segment !== '.') depth++
    if (depth < 0) return 'climbs out of the model folder with `..`'
  }
  return undefined
}

/** The path a loader opens: C and C++ stop at a NUL. */
export function openedPath(location: string): string {
  const nul = location.indexOf('\0')
  return nul >= 0 ? location.slice(0, nul) : location
}
