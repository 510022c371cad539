// The torch.save / torch.jit.save / torch.package zip layout (formats.md §2.2, §2.5, §2.7), read
// the way PyTorch's miniz reader reads it: the prefix is central directory entry 0's top folder,
// records are looked up ASCII-case-insensitively, and getAllRecords() refuses any entry outside
// the prefix. Member contents are scanned by zip.ts; this module says what kind of archive it is,
// which members are raw storages, and what is wrong with the layout itself.
import { RULES, type Finding, type Format } from '../findings.js'
import { minizArchivePrefix, minizLookup, type ZipArchive, type ZipMember } from '../zip/index.js'
import { entryPath, quote, quoteList } from '../zip/report.js'

export interface TorchLayout {
  format: Extract<Format, 'pytorch-zip' | 'torchscript' | 'torch-package'>
  prefix: string
  /** Raw storage records (`<prefix>/data/<key>`): never unpickled, so only a real pickle in them is reported. */
  storages: Set<ZipMember>
  /** TorchScript code (or torch.package sources) and user files, for the `torchscript/code` finding. */
  code: string[]
  extra: string[]
  findings: Finding[]
}

/** Rule of the layout findings: torch.load and other readers disagree about the archive. */
export const TORCH_ANOMALY = RULES.torchAnomaly

const MAX_LISTED = 10

/** The torch layout of a zip, or null when torch.load would not read it as one of its archives. */
export function torchLayout(archive: ZipArchive, entry: string | undefined): TorchLayout | null {
  const prefix = minizArchivePrefix(archive)
  if (prefix === undefined || prefix === null) return null
  const has = (name: string) => minizLookup(archive, `${prefix}/${name}`).length > 0
  const names = archive.views.miniz.entries.map((e) => e.name)
  const lower = (name: string) => name.toLowerCase()
  const under = (folder: string) => names.filter((n) => lower(n).startsWith(lower(`${prefix}/${folder}`)))
  const dataPkl = minizLookup(archive, `${prefix}/data.pkl`)
  const isPackage = has('.data/extern_modules')
  const scriptCode = under('code/')
  const isScript = has('constants.pkl') || scriptCode.length > 0
  const code = isPackage ? names.filter((n) => lower(n).endsWith('.py')) : scriptCode
  if (dataPkl.length === 0 && !isPackage && !isScript) return null

  const findings: Finding[] = []
  const anomaly = (message: string, entries: string[], offset?: number): void => {
    findings.push({
      rule: TORCH_ANOMALY,
      severity: 'high',
      message,
      location: { entry: entryPath(entry, entries[0]), ...(offset !== undefined ? { offset } : {}) },
      entries: entries.slice(0, MAX_LISTED)
    })
  }

  const outside = archive.views.miniz.entries.filter((e) => !e.name.startsWith(`${prefix}/`))
  if (outside.length > 0) {
    anomaly(
      `${outside.length} entr${outside.length === 1 ? 'y lies' : 'ies lie'} outside the archive folder ${quote(prefix)} (${quoteList(outside.map((e) => e.name))}): ` +
        'torch.load refuses the archive (getAllRecords), while other zip readers read those entries. All were scanned.',
      outside.map((e) => e.name),
      outside[0].recordOffset
    )
  }
  const exact = `${prefix}/data.pkl`
  if (dataPkl.length > 0 && !names.includes(exact)) {
    const found = dataPkl.map((m) => m.label)
    anomaly(
      `torch.load finds the pickle as ${quoteList(found)} through its case-insensitive lookup of ${quote(exact)}, which Python zipfile and most scanners do not find under that name. It was scanned.`,
      found,
      dataPkl[0].localOffset
    )
  }

  const storagePrefix = lower(`${prefix}/data/`)
  const storages = new Set<ZipMember>()
  for (const e of archive.views.miniz.entries) {
    if (e.member !== undefined && lower(e.name).startsWith(storagePrefix) && e.name.length > storagePrefix.length) storages.add(e.member)
  }
  return {
    format: isPackage ? 'torch-package' : isScript ? 'torchscript' : 'pytorch-zip',
    prefix,
    storages,
    code,
    extra: under('extra/'),
    findings
  }
}

/** TorchScript's C++ unpickler resolves these itself (`torch/csrc/jit/serialization/unpickler.cpp`); they import nothing. */
const TORCHSCRIPT_BUILTINS = /^(torch\.jit\._pickle|__main__)\.\w+( \(.*\))?$/
const TORCHSCRIPT_CLASS = /^(__torch__\.[\w.]+)( \(.*\))?$/

/**
 * Pickles of a TorchScript archive are read by the C++ unpickler, which resolves `__torch__.*`
 * classes from the archive's own `code/` and a fixed set of builtins, never Python imports. Those
 * globals are taken out of the findings (the classes are named in `torchscript/code` instead).
 */
export function torchScriptGlobals(findings: Finding[], classes: Set<string>): Finding[] {
  return findings.filter((f) => {
    const name = typeof f.global === 'string' ? f.global : undefined
    if (name === undefined) return true
    const cls = TORCHSCRIPT_CLASS.exec(name)
    if (cls !== null) {
      classes.add(cls[1])
      return false
    }
    return !TORCHSCRIPT_BUILTINS.test(name)
  })
}

/** The `torchscript/code` finding of a TorchScript or torch.package archive. */
export function torchCodeFinding(layout: TorchLayout, classes: Set<string>, entry: string | undefined): Finding {
  const list = (what: string, items: string[]) => (items.length > 0 ? ` ${what}: ${quoteList(items)}.` : '')
  const message =
    layout.format === 'torch-package'
      ? `torch.package archive: torch.package.PackageImporter imports and runs the Python modules packaged in it.${list('Packaged sources', layout.code)}`
      : `TorchScript archive: torch.load (torch.jit.load) compiles and runs the TorchScript code it carries when the model is loaded, with access to every registered TorchScript op. ` +
        `Its classes are resolved by TorchScript from code/, not imported from Python.${list('Code', layout.code)}${list('Classes', [...classes].sort())}${list('Extra files', layout.extra)}`
  return {
    rule: RULES.torchscriptCode,
    severity: 'high',
    message: `${message} Only load it from a trusted source; prefer safetensors weights with model code kept in the repository.`,
    ...(entry !== undefined ? { location: { entry } } : {}),
    ...(classes.size > 0 ? { classes: [...classes].sort().slice(0, 50) } : {}),
    ...(layout.code.length > 0 ? { code: layout.code.slice(0, 50) } : {})
  }
}
