#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(861);
// CLI entry (bundled to dist/cli.js).

const code = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true
});
process.exitCode = code;

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 861:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/scan/findings.ts
// The report model: the stable JSON contract of DESIGN.md.
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** Higher number = worse. */
function severityRank(severity) {
    return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
function worstSeverity(severities) {
    let worst = null;
    for (const s of severities)
        if (worst === null || severityRank(s) > severityRank(worst))
            worst = s;
    return worst;
}
const FORMATS = (/* unused pure expression or super */ null && ([
    'pickle',
    'pytorch-zip',
    'pytorch-legacy',
    'torchscript',
    'torch-package',
    'numpy',
    'npz',
    'joblib',
    'zip',
    'safetensors',
    'lfs-pointer',
    'gguf',
    'hdf5',
    'keras',
    'onnx',
    'compressed',
    'other'
]));
/** Rule ids (`family/name`). Format scanners may add more of the same shape. */
const RULES = {
    dangerousGlobal: 'pickle/dangerous-global',
    dynamicGlobal: 'pickle/dynamic-global',
    unknownGlobal: 'pickle/unknown-global',
    pickleMalformed: 'pickle/malformed',
    frameDesync: 'pickle/frame-desync',
    pickleFormat: 'pickle/format',
    torchscriptCode: 'torchscript/code',
    zipAnomaly: 'zip/anomaly',
    incomplete: 'scan/incomplete',
    skippedSymlink: 'scan/skipped-symlink',
    skippedSpecial: 'scan/skipped-special',
    unrecognized: 'scan/unrecognized',
    unreadable: 'scan/unreadable',
    lfsPointer: 'lfs/pointer',
    safetensorsNonCanonical: 'safetensors/non-canonical'
};
function emptyCounts() {
    return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

;// CONCATENATED MODULE: ./src/scan/policy.ts
// Policy: what blocks, how pickle data is judged, which user globals are allowed.

const FAIL_ON_VALUES = [...SEVERITIES.filter((s) => s !== 'info'), 'never'];
const PICKLE_POLICIES = ['block', 'allow-safe'];
const DEFAULT_LIMITS = {
    maxDepth: 3,
    maxOpcodes: 50_000_000,
    maxDecompressedBytes: 4 * 1024 ** 3
};
function defaultScanOptions(overrides = {}) {
    return {
        failOn: 'medium',
        picklePolicy: 'block',
        allowGlobals: [],
        concurrency: 8,
        ...overrides,
        limits: { ...DEFAULT_LIMITS, ...overrides.limits }
    };
}
/** True when a finding of `severity` reaches the fail-on threshold. */
function blocks(severity, failOn) {
    if (severity === null || failOn === 'never')
        return false;
    return severityRank(severity) >= severityRank(failOn);
}
const PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\.\*)?$/;
/** Throws a one-line reason when a user allow pattern is not `a.b.C` or `a.b.*`. */
function validateAllowPattern(pattern) {
    if (!PATTERN.test(pattern)) {
        throw new Error(`invalid allow-global pattern ${JSON.stringify(pattern)}: expected module.qualname or module.* (e.g. sklearn.*)`);
    }
    return pattern;
}
/** Does `global` (resolved `module.qualname`) match one of the user's allow patterns? */
function matchesAllowPattern(global, patterns) {
    return patterns.some((p) => (p.endsWith('.*') ? global.startsWith(p.slice(0, -1)) : global === p));
}

;// CONCATENATED MODULE: ./src/cli/args.ts
// `modelgate scan [options] <path...>` argument parsing: strict, one-line errors.

const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown'];
class UsageError extends Error {
}
const HELP = `Usage: modelgate scan [options] <path...>

Statically scans model files (pickle, PyTorch, NumPy, joblib, safetensors, ...) without loading them.
Directories are scanned recursively; symbolic links are listed, never followed.

Options:
  --format text|json|sarif|markdown   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --fail-on critical|high|medium|low|never
                                      exit 1 when a finding is at or above this severity (default: medium)
  --pickle-policy block|allow-safe    pickle data with only allowlisted globals: medium (block, default) or info
  --allow-global PATTERN              also allow this pickle global (repeatable): module.Name or module.*
  --quiet                             text format: print only findings that block, and the summary
  -h, --help                          show this help
  --version                           show the version

Exit status: 0 nothing at or above --fail-on, 1 blocked, 2 usage or internal error.
`;
function oneOf(flag, value, allowed) {
    if (!allowed.includes(value))
        throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(value)} (expected ${allowed.join(', ')})`);
    return value;
}
function parseArgs(argv) {
    if (argv.length === 0)
        throw new UsageError('missing command (try: modelgate scan <path...>, or --help)');
    const [first, ...rest] = argv;
    if (first === '-h' || first === '--help' || first === 'help')
        return { command: 'help' };
    if (first === '--version')
        return { command: 'version' };
    if (first !== 'scan')
        throw new UsageError(`unknown command ${JSON.stringify(first)} (the command is: scan)`);
    const cmd = { command: 'scan', paths: [], format: 'text', failOn: 'medium', picklePolicy: 'block', allowGlobals: [], quiet: false };
    let onlyPaths = false;
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (onlyPaths || !arg.startsWith('-') || arg === '-') {
            cmd.paths.push(arg);
            continue;
        }
        if (arg === '--') {
            onlyPaths = true;
            continue;
        }
        const eq = arg.indexOf('=');
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const value = () => {
            if (eq > 0)
                return arg.slice(eq + 1);
            if (i + 1 >= rest.length)
                throw new UsageError(`${flag} needs a value`);
            return rest[++i];
        };
        switch (flag) {
            case '--format':
                cmd.format = oneOf(flag, value(), OUTPUT_FORMATS);
                break;
            case '--output': {
                const file = value();
                if (file === '')
                    throw new UsageError('--output needs a file name');
                cmd.output = file;
                break;
            }
            case '--fail-on':
                cmd.failOn = oneOf(flag, value(), FAIL_ON_VALUES);
                break;
            case '--pickle-policy':
                cmd.picklePolicy = oneOf(flag, value(), PICKLE_POLICIES);
                break;
            case '--allow-global':
                try {
                    cmd.allowGlobals.push(validateAllowPattern(value()));
                }
                catch (err) {
                    throw new UsageError(err.message);
                }
                break;
            case '--quiet':
            case '-q':
                if (eq > 0)
                    throw new UsageError(`${flag} takes no value`);
                cmd.quiet = true;
                break;
            case '-h':
            case '--help':
                return { command: 'help' };
            default:
                throw new UsageError(`unknown option ${JSON.stringify(flag)} (see --help)`);
        }
    }
    if (cmd.paths.length === 0)
        throw new UsageError('no path to scan (usage: modelgate scan [options] <path...>)');
    return cmd;
}

;// CONCATENATED MODULE: ./src/version.ts
/** The tool version reported in every report; kept equal to package.json by a test. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/scan/summary.ts
// Builds the Report (counts, worst severity, verdict) from per-file results.



function buildReport(files, options) {
    const counts = emptyCounts();
    for (const file of files)
        for (const finding of file.findings)
            counts[finding.severity]++;
    const maxSeverity = worstSeverity(files.flatMap((f) => f.findings.map((x) => x.severity)));
    return {
        tool: { name: 'modelgate', version: VERSION },
        files,
        summary: { files: files.length, findings: counts, maxSeverity, blocked: blocks(maxSeverity, options.failOn) }
    };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/scan/source.ts
// Random-access byte sources. Everything above this module sees only `Source`
// (never a path or a descriptor), so the same scanners can later run over HTTP Range reads.


/** Raised when the path is no longer a regular file at open time (swapped after listing). */
class NotRegularFileError extends Error {
}
// O_NOFOLLOW: a path swapped for a symlink after listing is refused, not followed.
// O_NONBLOCK: a path swapped for a FIFO does not hang the open; fstat then rejects it.
const OPEN_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NOFOLLOW ?? 0) | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0);
/** Opens a regular file for positioned reads. */
async function openFileSource(path) {
    const handle = await (0,promises_namespaceObject.open)(path, OPEN_FLAGS);
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            throw new NotRegularFileError(`not a regular file: ${path}`);
        return new FileSource(handle, stats.size);
    }
    catch (err) {
        await handle.close();
        throw err;
    }
}
class FileSource {
    handle;
    size;
    constructor(handle, size) {
        this.handle = handle;
        this.size = size;
    }
    async read(offset, length) {
        const n = Math.max(0, Math.min(length, this.size - offset));
        if (n === 0)
            return new Uint8Array(0);
        const buf = new Uint8Array(n);
        let done = 0;
        while (done < n) {
            const { bytesRead } = await this.handle.read(buf, done, n - done, offset + done);
            if (bytesRead === 0)
                break; // file shrank while we read it
            done += bytesRead;
        }
        return done === n ? buf : buf.subarray(0, done);
    }
    close() {
        return this.handle.close();
    }
}
/** An in-memory source (inflated archive members, tests). */
function bufferSource(bytes) {
    return {
        size: bytes.length,
        read: async (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length))
    };
}
/** A window [start, start + size) of another source, addressed from 0. */
function sliceSource(source, start, size) {
    const length = Math.max(0, Math.min(size, source.size - start));
    return {
        size: length,
        read: (offset, n) => source.read(start + offset, Math.max(0, Math.min(n, length - offset)))
    };
}
const DEFAULT_CHUNK = 1 << 20;
/** Chunks of `source` from `start` to its end, read with positioned reads. */
function sourceChunks(source, start = 0, chunkSize = DEFAULT_CHUNK) {
    let pos = start;
    return {
        async next() {
            if (pos >= source.size)
                return null;
            const chunk = await source.read(pos, chunkSize);
            if (chunk.length === 0)
                return null;
            pos += chunk.length;
            return chunk;
        },
        async skip(n) {
            const skipped = Math.max(0, Math.min(n, source.size - pos));
            pos += skipped;
            return skipped;
        }
    };
}

;// CONCATENATED MODULE: ./src/scan/select.ts
// Which files a scan covers: the given files, and every entry under the given directories.
// Symlinks are never followed (they are listed, not read); `.git/` is skipped;
// FIFOs, sockets and devices are listed, never opened.

/** A path given by the user that does not exist: a usage error, not a finding. */
class MissingPathError extends Error {
    path;
    constructor(path) {
        super(`no such file or directory: ${path}`);
        this.path = path;
    }
}
const SKIPPED_DIRECTORIES = new Set(['.git']);
function describeError(err) {
    const e = err;
    return e.code !== undefined ? `${e.code}: ${e.message}` : String(err);
}
function joinPath(dir, name) {
    return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
function kindOf(stats) {
    if (stats.isSymbolicLink())
        return 'symlink';
    if (stats.isDirectory())
        return 'directory';
    if (stats.isFile())
        return 'file';
    return 'special';
}
async function walk(path, out) {
    let names;
    try {
        names = (await (0,promises_namespaceObject.readdir)(path)).sort();
    }
    catch (err) {
        out.push({ path, kind: 'unreadable', error: describeError(err) });
        return;
    }
    for (const name of names) {
        const child = joinPath(path, name);
        let stats;
        try {
            stats = await (0,promises_namespaceObject.lstat)(child);
        }
        catch (err) {
            out.push({ path: child, kind: 'unreadable', error: describeError(err) });
            continue;
        }
        const kind = kindOf(stats);
        if (kind === 'directory') {
            if (!SKIPPED_DIRECTORIES.has(name))
                await walk(child, out);
        }
        else {
            out.push({ path: child, kind });
        }
    }
}
/** Expands `paths` into candidates, in the order given (directories sorted by name), each path once. */
async function selectFiles(paths) {
    const out = [];
    for (const path of paths) {
        let stats;
        try {
            stats = await (0,promises_namespaceObject.lstat)(path);
        }
        catch (err) {
            if (err.code === 'ENOENT')
                throw new MissingPathError(path);
            out.push({ path, kind: 'unreadable', error: describeError(err) });
            continue;
        }
        const kind = kindOf(stats);
        if (kind === 'directory')
            await walk(path, out);
        else
            out.push({ path, kind });
    }
    const seen = new Set();
    return out.filter((c) => !seen.has(c.path) && seen.add(c.path));
}

;// CONCATENATED MODULE: ./src/scan/formats/lfs.ts
// Git LFS pointer files: the model bytes are not in the checkout.
// Parsing follows git-lfs `DecodeFrom`/`decodeKV` (lfs/pointer.go), including its leniency:
// surrounding whitespace trimmed, CRLF and blank lines accepted, ext lines before oid/size.

/** git-lfs `blobSizeCutoff`: larger blobs are never pointers. */
const LFS_MAX_POINTER_SIZE = 1024;
const VERSIONS = ['https://git-lfs.github.com/spec/v1', 'https://hawser.github.com/spec/v1', 'http://git-media.io/v/2'];
const KEYS = ['version', 'oid', 'size'];
const MATCHER = /git-media|hawser|git-lfs/;
const EXT_KEY = /^ext-\d-\w+/;
const OID = /^[0-9a-f]{64}$/;
const INT64_MAX = 2n ** 63n - 1n;
// Go's bytes.TrimSpace: ASCII whitespace plus U+0085 and U+00A0 (as decoded text).
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g;
/** Parses `bytes` (the whole file) as a Git LFS pointer, or returns null. */
function parseLfsPointer(bytes) {
    if (bytes.length === 0 || bytes.length > LFS_MAX_POINTER_SIZE)
        return null;
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        return null;
    }
    const data = text.replace(GO_SPACE, '');
    if (!MATCHER.test(data))
        return null;
    const values = new Map();
    const extensions = [];
    let keyIndex = 0;
    for (const rawLine of data.split('\n')) {
        const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine; // bufio.ScanLines drops one CR
        if (line.length === 0)
            continue;
        const space = line.indexOf(' ');
        if (space < 0)
            return null;
        const key = line.slice(0, space);
        const value = line.slice(space + 1);
        if (keyIndex >= KEYS.length)
            return null; // "extra line"
        if (EXT_KEY.test(key)) {
            extensions.push(`${key} ${value}`);
            continue;
        }
        if (key !== KEYS[keyIndex])
            return null;
        keyIndex++;
        values.set(key, value);
    }
    const version = values.get('version');
    if (version === undefined || !VERSIONS.includes(version))
        return null;
    const oidValue = values.get('oid');
    if (oidValue === undefined)
        return null;
    const colon = oidValue.indexOf(':');
    if (colon < 0 || oidValue.slice(0, colon) !== 'sha256' || !OID.test(oidValue.slice(colon + 1)))
        return null;
    const size = parseGoInt64(values.get('size'));
    if (size === null || size < 0n)
        return null;
    const oid = oidValue.slice(colon + 1);
    const canonicalText = `version ${VERSIONS[0]}\n${extensions.map((e) => `${e}\n`).join('')}oid sha256:${oid}\nsize ${size}\n`;
    return { version, oid, size: size.toString(), extensions, canonical: text === canonicalText };
}
/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, in int64 range. */
function parseGoInt64(s) {
    if (s === undefined || !/^[+-]?\d+$/.test(s))
        return null;
    const n = BigInt(s);
    return n > INT64_MAX || n < -INT64_MAX - 1n ? null : n;
}
function lfsPointerFinding(pointer, entry) {
    return {
        rule: RULES.lfsPointer,
        severity: 'medium',
        message: `Git LFS pointer (oid sha256:${pointer.oid}, ${pointer.size} bytes): the model itself is not in the checkout and was not scanned. ` +
            'Fetch LFS objects before scanning (actions/checkout with `lfs: true`, or `git lfs pull`).',
        ...(entry !== undefined ? { location: { entry } } : {}),
        oid: `sha256:${pointer.oid}`,
        size: pointer.size,
        canonical: pointer.canonical
    };
}
const scanLfsPointer = async (source, ctx) => {
    const pointer = parseLfsPointer(await source.read(0, LFS_MAX_POINTER_SIZE + 1));
    if (pointer === null)
        return { format: 'other', findings: [] };
    return { format: 'lfs-pointer', findings: [lfsPointerFinding(pointer, ctx.entry)] };
};

;// CONCATENATED MODULE: ./src/scan/safetensors/dtypes.ts
// The `Dtype` enum of safetensors/src/tensor.rs: exact, case-sensitive variant names
// ("f32" is an unknown variant) and `Dtype::bitsize()`. `since` is the first
// safetensors release whose reader knows a variant added after the first releases:
// information for messages, never a reason to reject (the reference accepts the whole list).
const DTYPES = {
    BOOL: { bits: 8 },
    F4: { bits: 4, since: '0.6.0' },
    F6_E2M3: { bits: 6, since: '0.6.0' },
    F6_E3M2: { bits: 6, since: '0.6.0' },
    U8: { bits: 8 },
    I8: { bits: 8 },
    F8_E5M2: { bits: 8, since: '0.4.1' },
    F8_E4M3: { bits: 8, since: '0.4.1' },
    F8_E8M0: { bits: 8, since: '0.6.0' },
    F8_E4M3FNUZ: { bits: 8, since: '0.8.0' },
    F8_E5M2FNUZ: { bits: 8, since: '0.8.0' },
    I16: { bits: 16 },
    U16: { bits: 16 },
    F16: { bits: 16 },
    BF16: { bits: 16 },
    I32: { bits: 32 },
    U32: { bits: 32 },
    F32: { bits: 32 },
    C64: { bits: 64, since: '0.7.0' },
    F64: { bits: 64 },
    I64: { bits: 64 },
    U64: { bits: 64 }
};
/** `Object.hasOwn`, so that `"constructor"` or `"__proto__"` are unknown variants too. */
function dtypeInfo(name) {
    return Object.hasOwn(DTYPES, name) ? DTYPES[name] : undefined;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/errors.ts
// Rule ids of the safetensors scanner, and the reference error each one stands for.
//
// | SafeTensorError variant (tensor.rs)            | rule                              | when                                   |
// |------------------------------------------------|-----------------------------------|----------------------------------------|
// | HeaderTooSmall                                 | safetensors/header-too-small      | file shorter than the 8-byte length    |
// | HeaderTooLarge                                 | safetensors/header-too-large      | N > 100,000,000                        |
// | InvalidHeaderLength                            | safetensors/invalid-header-length | 8 + N > file size                      |
// | InvalidHeader(Utf8Error)                       | safetensors/invalid-utf8          | header bytes not strict UTF-8          |
// | InvalidHeaderDeserialization, unknown variant  | safetensors/unknown-dtype         | dtype not in the Dtype enum            |
// | InvalidHeaderDeserialization, anything else    | safetensors/invalid-json          | JSON syntax or schema (serde) error    |
// | InvalidOffset(name)                            | safetensors/invalid-offset        | hole, overlap, end < begin, not from 0 |
// | ValidationOverflow                             | safetensors/overflow              | shape product or × bits overflows u64  |
// | MisalignedSlice                                | safetensors/misaligned            | sub-byte dtype, bits % 8 ≠ 0           |
// | TensorInvalidInfo                              | safetensors/size-mismatch         | end − begin ≠ elements × bits / 8      |
// | MetadataIncompleteBuffer                       | safetensors/incomplete-buffer     | last end + 8 + N ≠ file size           |
//
// The other variants (TensorNotFound, InvalidTensorView, IoError, JsonError) come
// from tensor access and serialization, never from reading a header.
//
// Findings that are not reference errors (the header is accepted):
//
// | rule                             | severity | meaning                                                  |
// |----------------------------------|----------|----------------------------------------------------------|
// | safetensors/non-canonical        | low      | accepted, but other parsers may read it differently      |
// | safetensors/suspicious-metadata  | low      | `__metadata__` value that looks like code, a URL, or huge |
// | safetensors/large-header         | info     | header over the Hugging Face JS parser's 25 MB limit     |
// | safetensors/new-dtype            | info     | dtype unknown to older safetensors releases              |

const SAFETENSORS_RULES = {
    headerTooSmall: 'safetensors/header-too-small',
    headerTooLarge: 'safetensors/header-too-large',
    invalidHeaderLength: 'safetensors/invalid-header-length',
    invalidUtf8: 'safetensors/invalid-utf8',
    unknownDtype: 'safetensors/unknown-dtype',
    invalidJson: 'safetensors/invalid-json',
    invalidOffset: 'safetensors/invalid-offset',
    overflow: 'safetensors/overflow',
    misaligned: 'safetensors/misaligned',
    sizeMismatch: 'safetensors/size-mismatch',
    incompleteBuffer: 'safetensors/incomplete-buffer',
    nonCanonical: RULES.safetensorsNonCanonical,
    suspiciousMetadata: 'safetensors/suspicious-metadata',
    largeHeader: 'safetensors/large-header',
    newDtype: 'safetensors/new-dtype'
};
/** A reference-parser rejection: becomes one high finding. */
class HeaderRejected extends Error {
    rule;
    offset;
    tensor;
    constructor(rule, message, 
    /** Byte offset in the file. */
    offset, 
    /** Tensor the error is about, when there is one. */
    tensor) {
        super(message);
        this.rule = rule;
        this.offset = offset;
        this.tensor = tensor;
        this.name = 'HeaderRejected';
    }
}

;// CONCATENATED MODULE: ./src/scan/safetensors/json-tokenizer.ts
// A pull tokenizer for the safetensors header with serde_json's acceptance (the
// reference parser is `serde_json::from_str`), over bytes already checked to be UTF-8.
// Not `JSON.parse`: that one hides duplicate keys, turns big integers into lossy
// doubles and accepts numbers serde_json calls out of range.
//
// What it reproduces, byte for byte:
// - whitespace is exactly 20 09 0A 0D (a BOM or NBSP is an error);
// - strings: raw bytes < 0x20 rejected, escapes " \ / b f n r t uXXXX only, a
//   `\uD800`-`\uDBFF` escape must be followed by a `\uDC00`-`\uDFFF` escape and a lone
//   trailing surrogate is rejected; the decoder keeps a leading U+FEFF (ignoreBOM);
// - numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as source text,
//   and "number out of range" exactly where serde_json's default (not
//   `float_roundtrip`) f64 conversion overflows;
// - nesting: serde_json starts `remaining_depth` at 128 and fails when an opening
//   bracket brings it to 0, so 127 nested arrays/objects pass and 128 fail
//   (checked against safetensors 0.8.0);
// - nothing but whitespace may follow the top-level value ("trailing characters").
//
// Keys come back one by one so callers see every duplicate.
/** Deepest nesting of `[`/`{` that serde_json accepts. */
const MAX_NESTING = 127;
class JsonError extends Error {
    offset;
    constructor(message, 
    /** Byte offset in the tokenized buffer. */
    offset) {
        super(message);
        this.offset = offset;
        this.name = 'JsonError';
    }
}
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPES = {
    0x22: '"',
    0x5c: '\\',
    0x2f: '/',
    0x62: '\b',
    0x66: '\f',
    0x6e: '\n',
    0x72: '\r',
    0x74: '\t'
};
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * ASCII runs (nearly all names, dtypes and numbers) are copied as latin1, which is
 * far cheaper per call than TextDecoder; anything else goes through the strict decoder.
 */
function decodeSlice(bytes, start, end, ascii) {
    return ascii ? bytes.toString('latin1', start, end) : decoder.decode(bytes.subarray(start, end));
}
function isWhitespace(b) {
    return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
function isDigit(b) {
    return b >= 0x30 && b <= 0x39;
}
function describeByte(b) {
    return b >= 0x20 && b < 0x7f ? `\`${String.fromCharCode(b)}\`` : `byte 0x${b.toString(16).padStart(2, '0')}`;
}
class JsonReader {
    bytes;
    outerDepth;
    pos;
    /** One entry per open container: has it produced an element yet? */
    open = [];
    /** The same bytes as a Buffer, for its fast latin1 slicing. */
    text;
    /** `start` and `outerDepth` as for `moveTo`. */
    constructor(bytes, start = 0, outerDepth = 0) {
        this.bytes = bytes;
        this.outerDepth = outerDepth;
        this.pos = start;
        this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    /**
     * Re-reads from `offset`, a value found by an earlier pass; `outerDepth` containers
     * are open around it and count toward MAX_NESTING. Only between top-level reads.
     */
    moveTo(offset, outerDepth) {
        if (this.open.length > 0)
            throw new Error('JsonReader.moveTo inside an open container');
        this.pos = offset;
        this.outerDepth = outerDepth;
    }
    get offset() {
        return this.pos;
    }
    /** Skips JSON whitespace; returns how many bytes were skipped. */
    skipWhitespace() {
        const from = this.pos;
        while (this.pos < this.bytes.length && isWhitespace(this.bytes[this.pos]))
            this.pos++;
        return this.pos - from;
    }
    /** Kind of the value at the cursor (after whitespace); fails where no value can start. */
    peek() {
        this.skipWhitespace();
        if (this.pos >= this.bytes.length)
            throw this.error('EOF while parsing a value');
        const b = this.bytes[this.pos];
        if (b === 0x7b)
            return 'object';
        if (b === 0x5b)
            return 'array';
        if (b === QUOTE)
            return 'string';
        if (b === 0x2d || isDigit(b))
            return 'number';
        if (b === 0x74)
            return 'true';
        if (b === 0x66)
            return 'false';
        if (b === 0x6e)
            return 'null';
        throw this.error(`expected value, found ${describeByte(b)}`);
    }
    enterObject() {
        this.enter('object', 0x7b);
    }
    /** Next key of the innermost object, with its `:` consumed; null once `}` is consumed. */
    nextKey() {
        return this.scanKey(true);
    }
    /** `nextKey`, optionally without building the key's string (name is then ''). */
    scanKey(decode) {
        if (!this.nextElement(0x7d, 'EOF while parsing an object'))
            return null;
        if (this.bytes[this.pos] !== QUOTE)
            throw this.error('key must be a string');
        const offset = this.pos;
        const { value, escaped } = this.scanString(decode);
        this.skipWhitespace();
        if (this.pos >= this.bytes.length)
            throw this.error('EOF while parsing an object');
        if (this.bytes[this.pos] !== 0x3a)
            throw this.error('expected `:`');
        this.pos++;
        return { name: value, offset, escaped };
    }
    enterArray() {
        this.enter('array', 0x5b);
    }
    /** True when the innermost array has another element at the cursor; false once `]` is consumed. */
    nextItem() {
        return this.nextElement(0x5d, 'EOF while parsing a list');
    }
    readString() {
        this.expectKind('string');
        return this.scanString(true);
    }
    /** The number's source text, after checking serde_json's grammar and f64 range. */
    readNumber() {
        this.expectKind('number');
        const start = this.pos;
        this.scanNumber();
        return decodeSlice(this.text, start, this.pos, true);
    }
    readLiteral() {
        const kind = this.peek();
        if (kind === 'true')
            return this.scanIdent('true', true);
        if (kind === 'false')
            return this.scanIdent('false', false);
        if (kind === 'null')
            return this.scanIdent('null', null);
        throw this.error(`expected true, false or null, found ${kind}`);
    }
    /** Checks and steps over one value; `onDuplicate` hears about repeated keys at any depth inside it. */
    skipValue(onDuplicate, path = []) {
        const kind = this.peek();
        switch (kind) {
            case 'object': {
                this.enterObject();
                const seen = new Set();
                const decode = onDuplicate !== undefined;
                for (let key = this.scanKey(decode); key !== null; key = this.scanKey(decode)) {
                    if (onDuplicate) {
                        if (seen.has(key.name))
                            onDuplicate(key, path);
                        else
                            seen.add(key.name);
                    }
                    this.skipValue(onDuplicate, onDuplicate ? [...path, key.name] : path);
                }
                return;
            }
            case 'array':
                this.enterArray();
                for (let i = 0; this.nextItem(); i++)
                    this.skipValue(onDuplicate, onDuplicate ? [...path, String(i)] : path);
                return;
            case 'string':
                this.scanString(false);
                return;
            case 'number':
                this.scanNumber();
                return;
            default:
                this.readLiteral();
        }
    }
    /** Only whitespace may follow the top-level value. */
    finish() {
        this.skipWhitespace();
        if (this.pos < this.bytes.length)
            throw this.error('trailing characters');
    }
    error(message, offset = this.pos) {
        return new JsonError(message, offset);
    }
    expectKind(kind) {
        const found = this.peek();
        if (found !== kind)
            throw this.error(`expected ${kind}, found ${found}`);
    }
    enter(kind, open) {
        this.skipWhitespace();
        if (this.bytes[this.pos] !== open)
            throw this.error(`expected ${kind}`);
        if (this.outerDepth + this.open.length + 1 > MAX_NESTING)
            throw this.error('recursion limit exceeded');
        this.pos++;
        this.open.push(false);
    }
    /** Handles the separator before an element: true at an element, false after consuming `close`. */
    nextElement(close, eofMessage) {
        const innermost = this.open.length - 1;
        this.skipWhitespace();
        if (this.pos >= this.bytes.length)
            throw this.error(eofMessage);
        const b = this.bytes[this.pos];
        if (b === close) {
            this.pos++;
            this.open.pop();
            return false;
        }
        if (this.open[innermost]) {
            if (b !== 0x2c)
                throw this.error(`expected \`,\` or \`${String.fromCharCode(close)}\``);
            this.pos++;
            this.skipWhitespace();
            if (this.pos >= this.bytes.length)
                throw this.error(eofMessage);
            if (this.bytes[this.pos] === close)
                throw this.error('trailing comma');
        }
        this.open[innermost] = true;
        return true;
    }
    scanIdent(word, value) {
        for (let i = 0; i < word.length; i++) {
            if (this.pos >= this.bytes.length)
                throw this.error('EOF while parsing a value');
            if (this.bytes[this.pos] !== word.charCodeAt(i))
                throw this.error('expected ident');
            this.pos++;
        }
        return value;
    }
    /** At the opening quote. Decodes only when asked (`skipValue` just validates). */
    scanString(decode) {
        const bytes = this.bytes;
        this.pos++;
        let start = this.pos;
        let escaped = false;
        let ascii = true;
        let out = '';
        for (;;) {
            if (this.pos >= bytes.length)
                throw this.error('EOF while parsing a string');
            const b = bytes[this.pos];
            if (b === QUOTE) {
                if (decode)
                    out += decodeSlice(this.text, start, this.pos, ascii);
                this.pos++;
                return { value: out, escaped };
            }
            if (b === BACKSLASH) {
                if (decode)
                    out += decodeSlice(this.text, start, this.pos, ascii);
                this.pos++;
                const text = this.scanEscape();
                if (decode)
                    out += text;
                escaped = true;
                ascii = true;
                start = this.pos;
                continue;
            }
            if (b < 0x20)
                throw this.error('control character (\\u0000-\\u001F) found while parsing a string');
            if (b >= 0x80)
                ascii = false;
            this.pos++;
        }
    }
    /** After the backslash. Returns the decoded text (the caller drops it when not decoding). */
    scanEscape() {
        if (this.pos >= this.bytes.length)
            throw this.error('EOF while parsing a string');
        const c = this.bytes[this.pos++];
        if (c !== 0x75) {
            const simple = ESCAPES[c];
            if (simple === undefined)
                throw this.error('invalid escape', this.pos - 1);
            return simple;
        }
        const unit = this.scanHex4();
        if (unit >= 0xdc00 && unit <= 0xdfff)
            throw this.error('lone trailing surrogate in hex escape');
        if (unit < 0xd800 || unit > 0xdbff)
            return String.fromCharCode(unit);
        if (this.bytes[this.pos] !== BACKSLASH || this.bytes[this.pos + 1] !== 0x75) {
            throw this.error('unexpected end of hex escape (a leading surrogate must be followed by a trailing one)');
        }
        this.pos += 2;
        const trail = this.scanHex4();
        if (trail < 0xdc00 || trail > 0xdfff)
            throw this.error('lone leading surrogate in hex escape');
        return String.fromCharCode(unit, trail);
    }
    scanHex4() {
        if (this.pos + 4 > this.bytes.length)
            throw this.error('EOF while parsing a string');
        let value = 0;
        for (let i = 0; i < 4; i++) {
            const b = this.bytes[this.pos + i];
            const digit = isDigit(b) ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1;
            if (digit < 0)
                throw this.error('invalid escape', this.pos + i);
            value = value * 16 + digit;
        }
        this.pos += 4;
        return value;
    }
    scanNumber() {
        const bytes = this.bytes;
        const start = this.pos;
        if (bytes[this.pos] === 0x2d)
            this.pos++;
        const intStart = this.pos;
        if (this.pos >= bytes.length)
            throw this.error('EOF while parsing a value');
        if (bytes[this.pos] === 0x30) {
            this.pos++;
            if (isDigit(bytes[this.pos]))
                throw this.error('invalid number');
        }
        else if (isDigit(bytes[this.pos])) {
            while (isDigit(bytes[this.pos]))
                this.pos++;
        }
        else {
            throw this.error('invalid number');
        }
        const number = { intStart, intEnd: this.pos, fracStart: -1, fracEnd: -1, expNegative: false, expStart: -1, expEnd: -1 };
        if (bytes[this.pos] === 0x2e) {
            this.pos++;
            number.fracStart = this.pos;
            while (isDigit(bytes[this.pos]))
                this.pos++;
            if (this.pos === number.fracStart)
                throw this.error(this.pos >= bytes.length ? 'EOF while parsing a value' : 'invalid number');
            number.fracEnd = this.pos;
        }
        if (bytes[this.pos] === 0x65 || bytes[this.pos] === 0x45) {
            this.pos++;
            if (bytes[this.pos] === 0x2b || bytes[this.pos] === 0x2d)
                number.expNegative = bytes[this.pos++] === 0x2d;
            number.expStart = this.pos;
            while (isDigit(bytes[this.pos]))
                this.pos++;
            if (this.pos === number.expStart)
                throw this.error(this.pos >= bytes.length ? 'EOF while parsing a value' : 'invalid number');
            number.expEnd = this.pos;
        }
        if (!serdeNumberInRange(bytes, number))
            throw this.error('number out of range', start);
    }
}
const U64_MAX = (1n << 64n) - 1n;
const I32_MAX = 2 ** 31 - 1;
const I32_MIN = -(2 ** 31);
/** Would `value * 10 + digit` exceed `max`? (serde_json's `overflow!` test.) */
function overflowsU64(value, digit) {
    return value >= U64_MAX / 10n && (value > U64_MAX / 10n || digit > U64_MAX % 10n);
}
function overflowsI32(value, digit) {
    const tenth = Math.floor(I32_MAX / 10);
    return value >= tenth && (value > tenth || digit > I32_MAX % 10);
}
/**
 * Does serde_json (default features) turn this number into a finite value?
 * It accumulates at most a u64 significand: further integer digits only raise the
 * decimal exponent, further fraction digits are dropped. The exponent is an i32
 * (overflowing it is "out of range" unless the significand is 0 or the exponent
 * negative). The f64 is then `significand as f64` times `1e{exp}` (table 1e0..1e308),
 * overflowing exactly when that product is infinite or the exponent passes 308 with
 * a non-zero significand; negative exponents only divide and never overflow.
 */
function serdeNumberInRange(bytes, n) {
    const intDigits = n.intEnd - n.intStart;
    if (n.fracStart < 0 && n.expStart < 0 && intDigits <= 19)
        return true; // fits u64 (or i64 when negative)
    let significand = 0n;
    let exponent = 0;
    let integerOverflowed = false;
    for (let i = n.intStart; i < n.intEnd; i++) {
        if (!integerOverflowed) {
            const digit = BigInt(bytes[i] - 0x30);
            if (overflowsU64(significand, digit))
                integerOverflowed = true;
            else
                significand = significand * 10n + digit;
        }
        if (integerOverflowed)
            exponent++;
    }
    if (n.fracStart < 0 && n.expStart < 0 && !integerOverflowed)
        return true;
    for (let i = n.fracStart; i >= 0 && i < n.fracEnd; i++) {
        const digit = BigInt(bytes[i] - 0x30);
        if (overflowsU64(significand, digit))
            break;
        significand = significand * 10n + digit;
        exponent--;
    }
    if (n.expStart >= 0) {
        let exp = bytes[n.expStart] - 0x30;
        for (let i = n.expStart + 1; i < n.expEnd; i++) {
            const digit = bytes[i] - 0x30;
            if (overflowsI32(exp, digit))
                return significand === 0n || n.expNegative;
            exp = exp * 10 + digit;
        }
        exponent = Math.min(I32_MAX, Math.max(I32_MIN, n.expNegative ? exponent - exp : exponent + exp));
    }
    if (exponent < 0)
        return true;
    if (exponent > 308)
        return significand === 0n;
    return Number.isFinite(Number(significand) * Number(`1e${exponent}`));
}
/** A JSON number's text as an unsigned 64-bit integer (Rust `usize` on 64-bit), or null. */
function parseU64(text) {
    if (!/^(0|[1-9][0-9]*)$/.test(text))
        return null;
    // Up to 15 digits the double is exact, and BigInt(number) is much cheaper than parsing text.
    const value = text.length <= 15 ? BigInt(Number(text)) : BigInt(text);
    return value <= U64_MAX ? value : null;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/oddities.ts
// Accepted-but-unusual header constructs: the reference parser takes them, but
// other readers (Python `json`, `JSON.parse`, the Hugging Face JS parser, C++
// parsers) may read a different set of tensors or reject the file. Each kind
// becomes one `safetensors/non-canonical` finding with a count and examples.
const ODDITY_KINDS = {
    'leading-whitespace': 'the header starts with JSON whitespace; the format says it begins with `{` and strict readers reject it',
    'escaped-metadata-key': '`__metadata__` is spelled with escape sequences; readers that match raw bytes treat it as a tensor',
    'null-metadata': '`__metadata__` is null; writers omit it or write an object, and readers that iterate it may fail',
    'duplicate-tensor': 'a tensor name appears more than once; safetensors keeps the last definition, other JSON parsers may keep the first',
    'duplicate-key': 'a key appears more than once in the same object; parsers disagree on which value wins',
    'array-entry': 'a tensor entry is a list [dtype, shape, data_offsets] instead of an object; only serde accepts that form',
    'map-dtype': 'a dtype is written as {"NAME": null} instead of "NAME"; only serde accepts that form',
    'unknown-field': 'a tensor entry has fields besides dtype, shape and data_offsets; safetensors ignores them, other tools may not'
};
const EXAMPLES_KEPT = 5;
class Oddities {
    groups = new Map();
    /** `describe` runs only for the first few occurrences of a kind. */
    note(kind, describe, offset) {
        const group = this.groups.get(kind);
        if (group === undefined) {
            this.groups.set(kind, { kind, count: 1, examples: [describe()], offset });
            return;
        }
        group.count++;
        if (group.examples.length < EXAMPLES_KEPT)
            group.examples.push(describe());
    }
    /** Groups in the order of ODDITY_KINDS. */
    list() {
        return Object.keys(ODDITY_KINDS).flatMap((kind) => this.groups.get(kind) ?? []);
    }
}

;// CONCATENATED MODULE: ./src/scan/safetensors/text.ts
// How header-controlled text appears in finding messages: quoted, escaped and cut,
// because tensor names and keys may be megabytes long or hold control characters
// and messages end up in annotations and terminals.
const MAX_SHOWN = 120;
/** `"name"` as a JSON string literal, cut to MAX_SHOWN characters. */
function quote(text) {
    return text.length <= MAX_SHOWN ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, MAX_SHOWN))}…`;
}
/** `[2, 3]`, or the first dims then `… (N dims)` for long shapes. */
function formatShape(dims, rank) {
    const shown = dims.join(', ');
    return dims.length === rank ? `[${shown}]` : `[${shown}, … (${rank} dims)]`;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/header.ts
// The header schema as serde derives it for safetensors' `HashMetadata`:
//
//   HashMetadata { #[serde(rename = "__metadata__")] metadata: Option<HashMap<String, String>>,
//                  #[serde(flatten)] tensors: HashMap<String, TensorInfo> }
//   TensorInfo   { dtype: Dtype, shape: Vec<usize>, data_offsets: (usize, usize) }
//
// Error order follows serde. Because of `flatten`, every top-level entry except
// `__metadata__` is first buffered whole (serde's `Content`) and only typed as a
// TensorInfo after the closing `}`. So: syntax errors anywhere in the object and
// `__metadata__` errors come first, in document order (pass 1); then TensorInfo
// errors, in document order (pass 2); then "trailing characters". The order matters
// for the rule id: an unknown dtype is only reported when the JSON is otherwise sound.
//
// Accepted-but-unusual constructs are collected as oddities (non-canonical findings).





const header_U64_MAX = (1n << 64n) - 1n;
/** Dims kept per shape for messages; the element count covers all of them. */
const DIMS_KEPT = 8;
/** TensorInfo's fields in declaration order (also the order of the array form). */
const FIELDS = ['dtype', 'shape', 'data_offsets'];
function isField(name) {
    return FIELDS.includes(name);
}
/**
 * Parses header bytes (valid UTF-8) as the reference does.
 * `base` is the file offset of the first header byte (8), for finding locations.
 * Throws HeaderRejected (invalid-json or unknown-dtype).
 */
function parseHeader(bytes, base) {
    return new HeaderParser(bytes, base).parse();
}
class HeaderParser {
    bytes;
    base;
    oddities = new Oddities();
    constructor(bytes, base) {
        this.bytes = bytes;
        this.base = base;
    }
    parse() {
        const reader = new JsonReader(this.bytes);
        try {
            if (reader.skipWhitespace() > 0) {
                this.oddities.note('leading-whitespace', () => 'the header starts with whitespace, not `{`', this.base);
            }
            const kind = reader.peek();
            if (kind !== 'object')
                throw this.reject(`the header is ${article(kind)}, not a JSON object`, reader.offset);
            reader.enterObject();
            const pending = [];
            let metadata = null;
            let metadataSeen = false;
            for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
                if (key.name === '__metadata__') {
                    if (metadataSeen)
                        throw this.reject('duplicate field `__metadata__`', key.offset);
                    metadataSeen = true;
                    if (key.escaped)
                        this.oddities.note('escaped-metadata-key', () => 'the `__metadata__` key is written with escapes', this.at(key.offset));
                    metadata = this.readMetadata(reader);
                }
                else {
                    reader.skipWhitespace();
                    pending.push({ key, valueOffset: reader.offset });
                    reader.skipValue();
                }
            }
            const tensors = this.readTensors(pending);
            reader.finish();
            return { tensors, metadata, oddities: this.oddities };
        }
        catch (err) {
            if (err instanceof JsonError)
                throw this.reject(err.message, err.offset);
            throw err;
        }
    }
    readMetadata(reader) {
        const kind = reader.peek();
        if (kind === 'null') {
            reader.readLiteral();
            this.oddities.note('null-metadata', () => '`__metadata__` is null', this.at(reader.offset));
            return null;
        }
        if (kind !== 'object')
            throw this.reject(`\`__metadata__\` is ${article(kind)}; it must be an object of strings`, reader.offset);
        reader.enterObject();
        const metadata = new Map();
        for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
            const valueKind = reader.peek();
            if (valueKind !== 'string') {
                // serde_json parses a number before calling it the wrong type, so range errors win.
                if (valueKind === 'number')
                    reader.readNumber();
                throw this.reject(`\`__metadata__\` value of ${quote(key.name)} is ${article(valueKind)}; it must be a string`, key.offset);
            }
            if (metadata.has(key.name))
                this.oddities.note('duplicate-key', () => `\`__metadata__\` key ${quote(key.name)}`, this.at(key.offset));
            metadata.set(key.name, reader.readString().value);
        }
        return metadata;
    }
    readTensors(pending) {
        const tensors = [];
        const indexByName = new Map();
        const reader = new JsonReader(this.bytes);
        for (const { key, valueOffset } of pending) {
            // One container (the header object) is already open around the value.
            reader.moveTo(valueOffset, 1);
            const tensor = this.readTensorInfo(reader, key);
            const index = indexByName.get(key.name);
            if (index === undefined) {
                indexByName.set(key.name, tensors.length);
                tensors.push(tensor);
            }
            else {
                this.oddities.note('duplicate-tensor', () => label(key.name), tensor.offset);
                tensors[index] = tensor;
            }
        }
        return tensors;
    }
    readTensorInfo(reader, key) {
        const name = key.name;
        const kind = reader.peek();
        const fields = {};
        if (kind === 'object') {
            reader.enterObject();
            const seen = new Set();
            for (let field = reader.nextKey(); field !== null; field = reader.nextKey()) {
                if (isField(field.name)) {
                    if (seen.has(field.name))
                        throw this.reject(`duplicate field \`${field.name}\` in ${label(name)}`, field.offset, name);
                    this.readField(reader, field.name, name, fields);
                }
                else {
                    const where = () => `${label(name)} field ${quote(field.name)}`;
                    this.oddities.note('unknown-field', where, this.at(field.offset));
                    if (seen.has(field.name))
                        this.oddities.note('duplicate-key', where, this.at(field.offset));
                    reader.skipValue((dup, path) => this.oddities.note('duplicate-key', () => [where(), ...path.map(quote), quote(dup.name)].join(' › '), this.at(dup.offset)));
                }
                seen.add(field.name);
            }
            // serde reports the first missing field in declaration order.
            const missing = FIELDS.find((field) => !seen.has(field));
            if (missing !== undefined)
                throw this.reject(`missing field \`${missing}\` in ${label(name)}`, reader.offset - 1, name);
        }
        else if (kind === 'array') {
            this.oddities.note('array-entry', () => label(name), this.at(key.offset));
            reader.enterArray();
            for (const [index, field] of FIELDS.entries()) {
                if (!reader.nextItem()) {
                    throw this.reject(`${label(name)} is a list of ${index} elements; expected 3 [dtype, shape, data_offsets]`, key.offset, name);
                }
                this.readField(reader, field, name, fields);
            }
            if (reader.nextItem()) {
                throw this.reject(`${label(name)} is a list of ${countRest(reader, FIELDS.length)} elements; expected 3 [dtype, shape, data_offsets]`, key.offset, name);
            }
        }
        else {
            throw this.reject(`${label(name)} is ${article(kind)}; expected an object with dtype, shape and data_offsets`, reader.offset, name);
        }
        const { dtype, bits, shape, begin, end } = fields;
        return { name, offset: this.at(key.offset), dtype, bits, shape, begin, end };
    }
    readField(reader, field, name, fields) {
        if (field === 'dtype') {
            const { dtype, bits } = this.readDtype(reader, name);
            fields.dtype = dtype;
            fields.bits = bits;
        }
        else if (field === 'shape') {
            fields.shape = this.readShape(reader, name);
        }
        else {
            const [begin, end] = this.readOffsets(reader, name);
            fields.begin = begin;
            fields.end = end;
        }
    }
    /** A variant name, or serde's externally tagged unit form `{"F32": null}`. */
    readDtype(reader, name) {
        const kind = reader.peek();
        const at = reader.offset;
        if (kind === 'string')
            return this.lookupDtype(reader.readString().value, name, at);
        if (kind !== 'object')
            throw this.reject(`dtype of ${label(name)} is ${article(kind)}; expected a string`, at, name);
        reader.enterObject();
        const variant = reader.nextKey();
        const valueKind = variant === null ? null : reader.peek();
        if (variant !== null)
            reader.skipValue();
        // serde checks "a map with a single key" before it looks at the variant or its value.
        if (variant === null || reader.nextKey() !== null) {
            throw this.reject(`dtype of ${label(name)} is a map without exactly one key; expected a dtype name`, at, name);
        }
        const found = this.lookupDtype(variant.name, name, variant.offset);
        if (valueKind !== 'null') {
            throw this.reject(`dtype of ${label(name)} maps ${quote(variant.name)} to ${article(valueKind ?? 'null')}; a unit variant takes null`, at, name);
        }
        this.oddities.note('map-dtype', () => label(name), this.at(at));
        return found;
    }
    lookupDtype(dtype, name, at) {
        const info = dtypeInfo(dtype);
        if (info === undefined) {
            throw this.reject(`unknown dtype ${quote(dtype)} for ${label(name)}`, at, name, SAFETENSORS_RULES.unknownDtype);
        }
        return { dtype, bits: info.bits };
    }
    readShape(reader, name) {
        const kind = reader.peek();
        if (kind !== 'array')
            throw this.reject(`shape of ${label(name)} is ${article(kind)}; expected a list of integers`, reader.offset, name);
        reader.enterArray();
        const shape = { rank: 0, dims: [], elements: 1n };
        while (reader.nextItem()) {
            const dim = this.readUsize(reader, 'shape', shape.rank, name);
            if (shape.dims.length < DIMS_KEPT)
                shape.dims.push(dim);
            if (shape.elements !== null) {
                const product = shape.elements * dim;
                shape.elements = product > header_U64_MAX ? null : product;
            }
            shape.rank++;
        }
        return shape;
    }
    readOffsets(reader, name) {
        const kind = reader.peek();
        const at = reader.offset;
        if (kind !== 'array')
            throw this.reject(`data_offsets of ${label(name)} is ${article(kind)}; expected [begin, end]`, at, name);
        reader.enterArray();
        const offsets = [];
        while (offsets.length < 2) {
            if (!reader.nextItem()) {
                throw this.reject(`data_offsets of ${label(name)} has ${offsets.length} elements; expected [begin, end]`, at, name);
            }
            offsets.push(this.readUsize(reader, 'data_offsets', offsets.length, name));
        }
        if (reader.nextItem()) {
            throw this.reject(`data_offsets of ${label(name)} has ${countRest(reader, 2)} elements; expected [begin, end]`, at, name);
        }
        return [offsets[0], offsets[1]];
    }
    /** Rust `usize` on 64-bit: only `0|[1-9][0-9]*` up to 2^64 − 1 (serde_json makes anything else i64 or f64). */
    readUsize(reader, field, index, name) {
        const kind = reader.peek();
        const at = reader.offset;
        if (kind !== 'number')
            throw this.reject(`${field}[${index}] of ${label(name)} is ${article(kind)}; expected a non-negative integer`, at, name);
        const text = reader.readNumber();
        const value = parseU64(text);
        if (value === null) {
            throw this.reject(`${field}[${index}] of ${label(name)} is ${text}; expected an integer from 0 to 2^64 − 1 written without sign, fraction or exponent`, at, name);
        }
        return value;
    }
    at(headerOffset) {
        return this.base + headerOffset;
    }
    reject(message, headerOffset, tensor, rule = SAFETENSORS_RULES.invalidJson) {
        const offset = this.at(headerOffset);
        return new HeaderRejected(rule, `${message} (header byte ${headerOffset}, file offset ${offset})`, offset, tensor);
    }
}
/** Counts the elements of the innermost list, `seen` of which were read and the next is at the cursor. */
function countRest(reader, seen) {
    let count = seen;
    do {
        reader.skipValue();
        count++;
    } while (reader.nextItem());
    return count;
}
/** `tensor "name"`, built only when a message needs it (headers can hold 100,000s of tensors). */
function label(name) {
    return `tensor ${quote(name)}`;
}
function article(kind) {
    return kind === 'true' || kind === 'false' || kind === 'null' ? kind : kind === 'array' ? 'a list' : kind === 'object' ? 'an object' : `a ${kind}`;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/layout.ts
// The file layout of safetensors/src/tensor.rs:
//   0      u64 LE  N   header length
//   8      N bytes     UTF-8 JSON header
//   8 + N  data buffer (data_offsets are relative to it)
/** `N_LEN`: bytes of the little-endian header length. */
const LENGTH_BYTES = 8;
/** `MAX_HEADER_SIZE`; the check is `N > MAX`, so exactly 100,000,000 is allowed. */
const MAX_HEADER_SIZE = 100_000_000;
/** The Hugging Face JS parser (`parseSafetensorsMetadata`) refuses headers above this. */
const HF_JS_HEADER_LIMIT = 25_000_000;
/** The header length N from the first 8 bytes. */
function headerLength(prefix) {
    return new DataView(prefix.buffer, prefix.byteOffset, LENGTH_BYTES).getBigUint64(0, true);
}

;// CONCATENATED MODULE: ./src/scan/safetensors/metadata.ts
// `__metadata__` is free text that no loader checks and that reaches user code and
// tooling (`safe_open(...).metadata()`). Values that look like code, point somewhere
// else, or are very large deserve a human look (formats.md §1.6); they do not make
// the file unreadable, so the finding is low.
/** Characters above which a metadata value is "huge" (thumbnails and training logs stay well below). */
const HUGE_METADATA_VALUE = 1 << 20;
const CODE_PATTERNS = [
    /\b__import__\s*\(/,
    /\b(?:eval|exec|compile|getattr)\s*\(/,
    /\bimport\s+(?:os|sys|subprocess|socket|builtins|importlib|pickle|marshal|ctypes)\b/,
    /\bos\.(?:system|popen|exec\w*|spawn\w*)\b/,
    /\bsubprocess\.\w+/,
    /<script\b/i,
    /\b(?:curl|wget)\s+\S/,
    /\b(?:bash|sh)\s+-c\b/
];
const URL_PATTERN = /\b(?:https?|ftp|file|s3|gs):\/\/\S/i;
/** One note per (value, concern) in key order. */
function inspectMetadata(metadata) {
    const notes = [];
    for (const [key, value] of metadata) {
        if (CODE_PATTERNS.some((pattern) => pattern.test(value)))
            notes.push({ concern: 'code', key });
        if (URL_PATTERN.test(value))
            notes.push({ concern: 'url', key });
        if (value.length > HUGE_METADATA_VALUE)
            notes.push({ concern: 'huge', key });
    }
    return notes;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/utf8.ts
// Strict UTF-8 validation with the acceptance of Rust's `core::str::from_utf8`
// (the safetensors header check): the well-formed sequences of Unicode table 3-7,
// so overlong forms, encoded surrogates (ED A0..BF) and code points above U+10FFFF
// are all rejected. A BOM is valid UTF-8 here; the JSON layer rejects it.
//
// Hand-written rather than `TextDecoder({fatal: true})` because the finding names
// the byte offset (Rust's `valid_up_to`) and a 100 MB header must not be turned into
// a 200 MB UTF-16 string just to be checked.
function leadOf(b) {
    if (b >= 0xc2 && b <= 0xdf)
        return { length: 2, low: 0x80, high: 0xbf };
    if (b === 0xe0)
        return { length: 3, low: 0xa0, high: 0xbf }; // no overlongs
    if (b === 0xed)
        return { length: 3, low: 0x80, high: 0x9f }; // no surrogates
    if (b >= 0xe1 && b <= 0xef)
        return { length: 3, low: 0x80, high: 0xbf };
    if (b === 0xf0)
        return { length: 4, low: 0x90, high: 0xbf }; // no overlongs
    if (b >= 0xf1 && b <= 0xf3)
        return { length: 4, low: 0x80, high: 0xbf };
    if (b === 0xf4)
        return { length: 4, low: 0x80, high: 0x8f }; // nothing above U+10FFFF
    return null; // 80..C1 (continuation or overlong lead) and F5..FF
}
/** Index of the first byte of the first ill-formed sequence, or -1 when `bytes` is valid UTF-8. */
function firstInvalidUtf8(bytes) {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
        if (bytes[i] < 0x80) {
            i++;
            continue;
        }
        const lead = leadOf(bytes[i]);
        if (lead === null || i + lead.length > n)
            return i;
        if (bytes[i + 1] < lead.low || bytes[i + 1] > lead.high)
            return i;
        for (let k = 2; k < lead.length; k++) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf)
                return i;
        }
        i += lead.length;
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/validate.ts
// `Metadata::validate()` of safetensors/src/tensor.rs, in its order: tensors sorted
// by (begin, end), then for each: offsets contiguous from 0, element count, bit
// count, byte alignment, byte size. All arithmetic is u64 with overflow checks, done
// with BigInt.
//
// The reference sorts a HashMap's entries (random order per process), so among
// tensors with equal offsets it checks them in an order that changes from run to run,
// and with it which error and name it reports. Accept-or-reject never depends on it:
// every tensor must pass every check. We break ties by document order.


const validate_U64_MAX = (1n << 64n) - 1n;
function validateLayout(tensors) {
    const sorted = [...tensors].sort((a, b) => compare(a.begin, b.begin) || compare(a.end, b.end));
    let start = 0n;
    let previous = null;
    let parameters = 0n;
    for (const t of sorted) {
        const name = `tensor ${quote(t.name)}`;
        const offsets = `data_offsets [${t.begin}, ${t.end}]`;
        if (t.end < t.begin) {
            throw reject(SAFETENSORS_RULES.invalidOffset, `${name} has ${offsets}: the end is before the begin`, t);
        }
        if (t.begin !== start) {
            const where = previous === null
                ? 'the first tensor in the data buffer must start at 0'
                : t.begin > start
                    ? `the previous tensor (${quote(previous.name)}) ends at ${start}, leaving ${t.begin - start} bytes no tensor covers`
                    : `that overlaps the previous tensor (${quote(previous.name)}, which ends at ${start})`;
            throw reject(SAFETENSORS_RULES.invalidOffset, `${name} has ${offsets}; ${where}`, t);
        }
        start = t.end;
        previous = t;
        const described = `${name} (${t.dtype}, shape ${formatShape(t.shape.dims, t.shape.rank)})`;
        const elements = t.shape.elements;
        if (elements === null) {
            throw reject(SAFETENSORS_RULES.overflow, `${described}: the element count overflows 2^64 − 1`, t);
        }
        const bits = elements * BigInt(t.bits);
        if (bits > validate_U64_MAX) {
            throw reject(SAFETENSORS_RULES.overflow, `${described}: ${elements} elements × ${t.bits} bits overflows 2^64 − 1`, t);
        }
        if (bits % 8n !== 0n) {
            throw reject(SAFETENSORS_RULES.misaligned, `${described}: ${elements} elements × ${t.bits} bits = ${bits} bits, not a whole number of bytes`, t);
        }
        if (t.end - t.begin !== bits / 8n) {
            throw reject(SAFETENSORS_RULES.sizeMismatch, `${described} needs ${bits / 8n} bytes but ${offsets} span ${t.end - t.begin}`, t);
        }
        parameters += elements;
    }
    return { dataEnd: start, parameters };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function reject(rule, message, t) {
    return new HeaderRejected(rule, message, t.offset, t.name);
}

;// CONCATENATED MODULE: ./src/scan/safetensors/sniff.ts
// Content sniffing for safetensors, run before the pickle and zip checks: N is
// attacker-chosen, so a real safetensors file can start with `\x80\x02` (pickle
// protocol 2), `\x93` (STACK_GLOBAL) or `PK\x03\x04` (formats.md §0, §1.5 appendix F).

function isJsonWhitespace(b) {
    return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
/**
 * True when the reference parser would get as far as parsing JSON (N ≤ 100,000,000)
 * and the header's first non-whitespace byte is `{`. Files whose header runs past
 * the end still qualify (the scanner reports `invalid-header-length`), so truncated
 * uploads are reported as safetensors rather than "other".
 *
 * `head` is the start of the file (at most a few KiB are needed), `size` the file size.
 */
function looksLikeSafetensors(head, size) {
    if (head.length < LENGTH_BYTES)
        return false;
    const n = headerLength(head);
    if (n > BigInt(MAX_HEADER_SIZE))
        return false;
    const headerEnd = LENGTH_BYTES + Number(n);
    const visibleEnd = Math.min(head.length, headerEnd);
    let i = LENGTH_BYTES;
    while (i < visibleEnd && isJsonWhitespace(head[i]))
        i++;
    if (i < visibleEnd)
        return head[i] === 0x7b;
    // Only whitespace so far: still a safetensors header if it goes on past `head`
    // into bytes the file really has (N = 0 or an all-blank header is not).
    return visibleEnd < headerEnd && head.length < size;
}

;// CONCATENATED MODULE: ./src/scan/formats/safetensors.ts










/** The summary is for people (job summary); a header with thousands of keys lists the first ones. */
const METADATA_KEYS_SHOWN = 100;
const REJECTED_ADVICE = 'safetensors refuses to load this file: re-export it with the safetensors library, or upload an intact copy';
const ODD_ADVICE = 'safetensors loads it, but other parsers may read different tensors; re-save it with the safetensors library';
const CONCERNS = {
    code: 'look like code',
    url: 'contain URLs',
    huge: 'are over 1 MiB'
};
const scanSafetensors = async (source, ctx) => {
    const notes = [];
    const at = (offset) => (ctx.entry === undefined ? { offset } : { entry: ctx.entry, offset });
    try {
        const details = await check(source, at, notes);
        return { format: 'safetensors', findings: notes, details };
    }
    catch (err) {
        if (!(err instanceof HeaderRejected))
            throw err;
        const finding = { rule: err.rule, severity: 'high', message: `${err.message}. ${REJECTED_ADVICE}.`, location: at(err.offset) };
        if (err.tensor !== undefined)
            finding.tensor = err.tensor;
        return { format: 'safetensors', findings: [finding, ...notes] };
    }
};
/** The reference's checks in its order; throws HeaderRejected, collects accepted-but-odd notes. */
async function check(source, at, notes) {
    const prefix = await source.read(0, LENGTH_BYTES);
    if (prefix.length < LENGTH_BYTES) {
        throw new HeaderRejected(SAFETENSORS_RULES.headerTooSmall, `the file is ${prefix.length} bytes; a safetensors file starts with an 8-byte header length`, 0);
    }
    const n = headerLength(prefix);
    if (n > BigInt(MAX_HEADER_SIZE)) {
        const hex = Array.from(prefix, (b) => b.toString(16).padStart(2, '0')).join(' ');
        throw new HeaderRejected(SAFETENSORS_RULES.headerTooLarge, `the header length is ${n} bytes (first 8 bytes: ${hex}); the reference parser refuses more than ${MAX_HEADER_SIZE}`, 0);
    }
    const size = BigInt(source.size);
    const dataStart = BigInt(LENGTH_BYTES) + n;
    if (dataStart > size) {
        throw new HeaderRejected(SAFETENSORS_RULES.invalidHeaderLength, `the header length is ${n} bytes but only ${size - BigInt(LENGTH_BYTES)} bytes follow it: the file is truncated or not safetensors`, 0);
    }
    if (n > BigInt(HF_JS_HEADER_LIMIT)) {
        notes.push({
            rule: SAFETENSORS_RULES.largeHeader,
            severity: 'info',
            message: `the header is ${n} bytes; the Hugging Face JS parser refuses headers over ${HF_JS_HEADER_LIMIT} bytes`,
            location: at(LENGTH_BYTES)
        });
    }
    const bytes = await source.read(LENGTH_BYTES, Number(n));
    if (bytes.length < Number(n)) {
        throw new HeaderRejected(SAFETENSORS_RULES.invalidHeaderLength, `the file shrank to ${LENGTH_BYTES + bytes.length} bytes while its ${n}-byte header was read`, 0);
    }
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
        throw new HeaderRejected(SAFETENSORS_RULES.invalidUtf8, `header byte ${bad} (file offset ${LENGTH_BYTES + bad}, 0x${bytes[bad].toString(16).padStart(2, '0')}) starts an invalid UTF-8 sequence`, LENGTH_BYTES + bad);
    }
    const header = parseHeader(bytes, LENGTH_BYTES);
    notes.push(...oddityFindings(header, at));
    const layout = validateLayout(header.tensors);
    const expected = dataStart + layout.dataEnd;
    if (expected !== size) {
        const gap = expected < size ? `${size - expected} bytes after the last tensor belong to no tensor` : `the file is ${expected - size} bytes short (truncated)`;
        throw new HeaderRejected(SAFETENSORS_RULES.incompleteBuffer, `the tensors end at data offset ${layout.dataEnd}, so the file should be 8 + ${n} + ${layout.dataEnd} = ${expected} bytes, but it is ${size}: ${gap}`, Number(dataStart));
    }
    notes.push(...metadataFindings(header, at), ...dtypeFindings(header, at));
    return summarize(header, layout.parameters);
}
function oddityFindings(header, at) {
    return header.oddities.list().map(({ kind, count, examples, offset }) => ({
        rule: SAFETENSORS_RULES.nonCanonical,
        severity: 'low',
        message: `${ODDITY_KINDS[kind]} (${count}×, e.g. ${examples.join('; ')}). ${ODD_ADVICE}.`,
        location: at(offset),
        kind,
        count,
        examples
    }));
}
function metadataFindings(header, at) {
    if (header.metadata === null)
        return [];
    const byConcern = new Map();
    for (const { concern, key } of inspectMetadata(header.metadata))
        byConcern.set(concern, [...(byConcern.get(concern) ?? []), key]);
    return [...byConcern].map(([concern, keys]) => ({
        rule: SAFETENSORS_RULES.suspiciousMetadata,
        severity: 'low',
        message: `\`__metadata__\` values ${CONCERNS[concern]}: ${keys.slice(0, 5).map(quote).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}; review them before anything reads them`,
        location: at(LENGTH_BYTES),
        concern,
        keys: keys.slice(0, METADATA_KEYS_SHOWN)
    }));
}
/** Dtypes that older safetensors releases do not know: those loaders refuse the whole file. */
function dtypeFindings(header, at) {
    const recent = [...new Set(header.tensors.map((t) => t.dtype))].filter((dtype) => DTYPES[dtype].since !== undefined);
    if (recent.length === 0)
        return [];
    return [
        {
            rule: SAFETENSORS_RULES.newDtype,
            severity: 'info',
            message: `uses ${recent.map((dtype) => `${dtype} (safetensors ≥ ${DTYPES[dtype].since})`).join(', ')}; older safetensors releases refuse to load it`,
            location: at(LENGTH_BYTES),
            dtypes: recent
        }
    ];
}
function summarize(header, parameters) {
    const dtypes = {};
    for (const t of header.tensors)
        dtypes[t.dtype] = (dtypes[t.dtype] ?? 0) + 1;
    return {
        tensors: header.tensors.length,
        dtypes,
        parameters: parameters.toString(),
        metadataKeys: header.metadata === null ? [] : [...header.metadata.keys()].slice(0, METADATA_KEYS_SHOWN)
    };
}

;// CONCATENATED MODULE: ./src/scan/pickle/opcodes.ts
// The 68 opcodes of pickle protocols 0–5 as CPython's C unpickler reads them
// (reference/pickle.md §2). One table serves the decoder, the probe and messages.
/** How an opcode's argument is laid out after the opcode byte. */
const Arg = {
    None: 0,
    /** u8 / u16 / i32 / u32 little-endian. */
    U1: 1,
    U2: 2,
    I4: 3,
    U4: 4,
    /** u64 little-endian (FRAME). */
    U8: 5,
    /** 8-byte big-endian double (BINFLOAT). */
    F8: 6,
    /** One newline-terminated line. */
    Line: 7,
    /** Two newline-terminated lines (GLOBAL, INST). */
    Line2: 8,
    /** u8 length, then that many bytes. */
    Len1: 9,
    /** u32 length, then that many bytes. */
    Len4: 10,
    /** i32 length (negative is an error), then that many bytes. */
    Len4S: 11,
    /** u64 length (≥ 2^63 is an error), then that many bytes. */
    Len8: 12
};
const ch = (c) => c.charCodeAt(0);
// prettier-ignore
const ROWS = [
    [ch('('), 'MARK', 0, Arg.None, 0, 0, 1],
    [ch('.'), 'STOP', 0, Arg.None, 1, 0],
    [ch('0'), 'POP', 0, Arg.None, 0, 0], // pops an item, or the top mark when it sits at the top
    [ch('1'), 'POP_MARK', 0, Arg.None, 0, 0, 2],
    [ch('2'), 'DUP', 0, Arg.None, 1, 2],
    [ch('F'), 'FLOAT', 0, Arg.Line, 0, 1],
    [ch('I'), 'INT', 0, Arg.Line, 0, 1],
    [ch('J'), 'BININT', 1, Arg.I4, 0, 1],
    [ch('K'), 'BININT1', 1, Arg.U1, 0, 1],
    [ch('L'), 'LONG', 0, Arg.Line, 0, 1],
    [ch('M'), 'BININT2', 1, Arg.U2, 0, 1],
    [ch('N'), 'NONE', 0, Arg.None, 0, 1],
    [ch('P'), 'PERSID', 0, Arg.Line, 0, 1],
    [ch('Q'), 'BINPERSID', 1, Arg.None, 1, 1],
    [ch('R'), 'REDUCE', 0, Arg.None, 2, 1, 0, true],
    [ch('S'), 'STRING', 0, Arg.Line, 0, 1],
    [ch('T'), 'BINSTRING', 1, Arg.Len4S, 0, 1],
    [ch('U'), 'SHORT_BINSTRING', 1, Arg.Len1, 0, 1],
    [ch('V'), 'UNICODE', 0, Arg.Line, 0, 1],
    [ch('X'), 'BINUNICODE', 1, Arg.Len4, 0, 1],
    [ch('a'), 'APPEND', 0, Arg.None, 2, 1],
    [ch('b'), 'BUILD', 0, Arg.None, 2, 1, 0, true],
    [ch('c'), 'GLOBAL', 0, Arg.Line2, 0, 1, 0, true],
    [ch('d'), 'DICT', 0, Arg.None, 0, 1, 2],
    [ch('}'), 'EMPTY_DICT', 1, Arg.None, 0, 1],
    [ch('e'), 'APPENDS', 1, Arg.None, 0, 0, 3],
    [ch('g'), 'GET', 0, Arg.Line, 0, 1],
    [ch('h'), 'BINGET', 1, Arg.U1, 0, 1],
    [ch('i'), 'INST', 0, Arg.Line2, 0, 1, 2, true],
    [ch('j'), 'LONG_BINGET', 1, Arg.U4, 0, 1],
    [ch('l'), 'LIST', 0, Arg.None, 0, 1, 2],
    [ch(']'), 'EMPTY_LIST', 1, Arg.None, 0, 1],
    [ch('o'), 'OBJ', 1, Arg.None, 0, 1, 2, true],
    [ch('p'), 'PUT', 0, Arg.Line, 1, 1],
    [ch('q'), 'BINPUT', 1, Arg.U1, 1, 1],
    [ch('r'), 'LONG_BINPUT', 1, Arg.U4, 1, 1],
    [ch('s'), 'SETITEM', 0, Arg.None, 3, 1],
    [ch('t'), 'TUPLE', 0, Arg.None, 0, 1, 2],
    [ch(')'), 'EMPTY_TUPLE', 1, Arg.None, 0, 1],
    [ch('u'), 'SETITEMS', 1, Arg.None, 0, 0, 3],
    [ch('G'), 'BINFLOAT', 1, Arg.F8, 0, 1],
    [0x80, 'PROTO', 2, Arg.U1, 0, 0],
    [0x81, 'NEWOBJ', 2, Arg.None, 2, 1, 0, true],
    [0x82, 'EXT1', 2, Arg.U1, 0, 1, 0, true],
    [0x83, 'EXT2', 2, Arg.U2, 0, 1, 0, true],
    [0x84, 'EXT4', 2, Arg.I4, 0, 1, 0, true],
    [0x85, 'TUPLE1', 2, Arg.None, 1, 1],
    [0x86, 'TUPLE2', 2, Arg.None, 2, 1],
    [0x87, 'TUPLE3', 2, Arg.None, 3, 1],
    [0x88, 'NEWTRUE', 2, Arg.None, 0, 1],
    [0x89, 'NEWFALSE', 2, Arg.None, 0, 1],
    [0x8a, 'LONG1', 2, Arg.Len1, 0, 1],
    [0x8b, 'LONG4', 2, Arg.Len4S, 0, 1],
    [ch('B'), 'BINBYTES', 3, Arg.Len4, 0, 1],
    [ch('C'), 'SHORT_BINBYTES', 3, Arg.Len1, 0, 1],
    [0x8c, 'SHORT_BINUNICODE', 4, Arg.Len1, 0, 1],
    [0x8d, 'BINUNICODE8', 4, Arg.Len8, 0, 1],
    [0x8e, 'BINBYTES8', 4, Arg.Len8, 0, 1],
    [0x8f, 'EMPTY_SET', 4, Arg.None, 0, 1],
    [0x90, 'ADDITEMS', 4, Arg.None, 0, 0, 3],
    [0x91, 'FROZENSET', 4, Arg.None, 0, 1, 2],
    [0x92, 'NEWOBJ_EX', 4, Arg.None, 3, 1, 0, true],
    [0x93, 'STACK_GLOBAL', 4, Arg.None, 2, 1, 0, true],
    [0x94, 'MEMOIZE', 4, Arg.None, 1, 1],
    [0x95, 'FRAME', 4, Arg.U8, 0, 0],
    [0x96, 'BYTEARRAY8', 5, Arg.Len8, 0, 1],
    [0x97, 'NEXT_BUFFER', 5, Arg.None, 0, 1],
    [0x98, 'READONLY_BUFFER', 5, Arg.None, 1, 1]
];
/** Opcode byte values, named as in pickletools. */
const Op = {
    MARK: 0x28, STOP: 0x2e, POP: 0x30, POP_MARK: 0x31, DUP: 0x32, FLOAT: 0x46, INT: 0x49, BININT: 0x4a,
    BININT1: 0x4b, LONG: 0x4c, BININT2: 0x4d, NONE: 0x4e, PERSID: 0x50, BINPERSID: 0x51, REDUCE: 0x52,
    STRING: 0x53, BINSTRING: 0x54, SHORT_BINSTRING: 0x55, UNICODE: 0x56, BINUNICODE: 0x58, APPEND: 0x61,
    BUILD: 0x62, GLOBAL: 0x63, DICT: 0x64, EMPTY_DICT: 0x7d, APPENDS: 0x65, GET: 0x67, BINGET: 0x68,
    INST: 0x69, LONG_BINGET: 0x6a, LIST: 0x6c, EMPTY_LIST: 0x5d, OBJ: 0x6f, PUT: 0x70, BINPUT: 0x71,
    LONG_BINPUT: 0x72, SETITEM: 0x73, TUPLE: 0x74, EMPTY_TUPLE: 0x29, SETITEMS: 0x75, BINFLOAT: 0x47,
    PROTO: 0x80, NEWOBJ: 0x81, EXT1: 0x82, EXT2: 0x83, EXT4: 0x84, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87,
    NEWTRUE: 0x88, NEWFALSE: 0x89, LONG1: 0x8a, LONG4: 0x8b, BINBYTES: 0x42, SHORT_BINBYTES: 0x43,
    SHORT_BINUNICODE: 0x8c, BINUNICODE8: 0x8d, BINBYTES8: 0x8e, EMPTY_SET: 0x8f, ADDITEMS: 0x90,
    FROZENSET: 0x91, NEWOBJ_EX: 0x92, STACK_GLOBAL: 0x93, MEMOIZE: 0x94, FRAME: 0x95, BYTEARRAY8: 0x96,
    NEXT_BUFFER: 0x97, READONLY_BUFFER: 0x98
};
/** Indexed by byte; `undefined` for bytes that are no opcode ("invalid load key"). */
const OPCODES = (() => {
    const table = new Array(256).fill(undefined);
    for (const [code, name, proto, arg, pop, push, mark = 0, acts = false] of ROWS) {
        table[code] = { code, name, proto, arg, pop, push, mark, acts };
    }
    return table;
})();
/** Argument layout by byte, 255 for invalid bytes: the decoder's hot-path lookup. */
const ARG_LAYOUT = (() => {
    const layout = new Uint8Array(256).fill(255);
    for (const info of OPCODES)
        if (info)
            layout[info.code] = info.arg;
    return layout;
})();
function opName(code) {
    return OPCODES[code]?.name ?? `0x${code.toString(16).padStart(2, '0')}`;
}
/** Highest protocol the C unpickler accepts in PROTO. */
const HIGHEST_PROTOCOL = 5;

;// CONCATENATED MODULE: ./src/scan/pickle/text.ts
// Argument text codecs exactly as the C unpickler applies them (reference/pickle.md §3).
// Each returns null where CPython raises, so the caller can report the loader error.
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
function isAscii(buf, start, end) {
    for (let i = start; i < end; i++)
        if (buf[i] >= 0x80)
            return false;
    return true;
}
/** Node's undocumented direct Latin-1 slice: `toString('latin1', ...)` without its argument checks (half the cost per string). */
const latin1Slice = Buffer.prototype.latin1Slice;
/** Code points 0–255 one to one (also the Python `latin-1` codec). */
function latin1(buf, start, end) {
    return latin1Slice.call(buf, start, end);
}
/** Strict ASCII (INST lines, PERSID, the default codec of STRING/BINSTRING). */
function ascii(buf, start, end) {
    return isAscii(buf, start, end) ? latin1(buf, start, end) : null;
}
/**
 * Strict UTF-8 (GLOBAL lines), or with `surrogatepass` (BINUNICODE*, where
 * `ED A0 80`–`ED BF BF` decode to lone surrogates). Overlongs and > U+10FFFF are rejected.
 */
function utf8(buf, start, end, surrogatepass) {
    if (isAscii(buf, start, end))
        return latin1(buf, start, end);
    try {
        return fatalUtf8.decode(buf.subarray(start, end));
    }
    catch {
        return surrogatepass ? utf8WithSurrogates(buf, start, end) : null;
    }
}
/** Decodes a prefix cut at an arbitrary byte (for payloads too large to keep). */
function utf8Prefix(bytes) {
    return lenientUtf8.decode(bytes);
}
function utf8WithSurrogates(buf, start, end) {
    const units = [];
    let i = start;
    while (i < end) {
        const b = buf[i];
        let n;
        let cp;
        if (b < 0x80) {
            units.push(b);
            i++;
            continue;
        }
        else if (b >= 0xc2 && b <= 0xdf)
            [n, cp] = [1, b & 0x1f];
        else if (b >= 0xe0 && b <= 0xef)
            [n, cp] = [2, b & 0x0f];
        else if (b >= 0xf0 && b <= 0xf4)
            [n, cp] = [3, b & 0x07];
        else
            return null;
        if (i + n >= end)
            return null;
        for (let k = 1; k <= n; k++) {
            const c = buf[i + k];
            if ((c & 0xc0) !== 0x80)
                return null;
            cp = (cp << 6) | (c & 0x3f);
        }
        if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)))
            return null;
        if (cp >= 0x10000)
            units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else
            units.push(cp);
        i += n + 1;
    }
    return fromUnits(units);
}
function fromUnits(units) {
    let out = '';
    for (let i = 0; i < units.length; i += 8192)
        out += String.fromCharCode(...units.slice(i, i + 8192));
    return out;
}
const hexValue = (c) => c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
/**
 * `raw-unicode-escape` (UNICODE): bytes are Latin-1 code points; only `\uXXXX` and
 * `\UXXXXXXXX` are escapes; `\` before anything else keeps both bytes; a trailing `\`
 * is kept. A bad or truncated escape is an error.
 */
function rawUnicodeEscape(buf, start, end) {
    if (buf.indexOf(0x5c, start) === -1 || buf.indexOf(0x5c, start) >= end)
        return latin1(buf, start, end);
    const units = [];
    let i = start;
    while (i < end) {
        const c = buf[i++];
        if (c !== 0x5c || i >= end) {
            units.push(c);
            continue;
        }
        const kind = buf[i];
        const count = kind === 0x75 ? 4 : kind === 0x55 ? 8 : 0;
        if (count === 0) {
            units.push(0x5c, kind);
            i++;
            continue;
        }
        if (i + 1 + count > end)
            return null;
        let cp = 0;
        for (let k = 1; k <= count; k++) {
            const h = hexValue(buf[i + k]);
            if (h < 0)
                return null;
            cp = cp * 16 + h;
        }
        if (cp > 0x10ffff)
            return null;
        if (cp >= 0x10000)
            units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else
            units.push(cp);
        i += 1 + count;
    }
    return fromUnits(units);
}
const SIMPLE_ESCAPES = {
    0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 0x07, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x76: 0x0b
};
/**
 * STRING: the line must be quoted with the same `'` or `"` at both ends, then
 * `PyBytes_DecodeEscape` runs on the inside (`\xHH` needs exactly two hex digits;
 * unknown escapes keep both bytes). Returns the bytes, or an error message.
 */
function quotedEscape(buf, start, end) {
    const q = buf[start];
    if (end - start < 2 || (q !== 0x27 && q !== 0x22) || buf[end - 1] !== q)
        return 'the STRING opcode argument must be quoted';
    const out = [];
    const stop = end - 1;
    let i = start + 1;
    while (i < stop) {
        const c = buf[i++];
        if (c !== 0x5c) {
            out.push(c);
            continue;
        }
        if (i >= stop)
            return 'Trailing \\ in string';
        const e = buf[i++];
        const simple = SIMPLE_ESCAPES[e];
        if (simple !== undefined)
            out.push(simple);
        else if (e >= 0x30 && e <= 0x37) {
            let v = e - 0x30;
            for (let k = 0; k < 2 && i < stop && buf[i] >= 0x30 && buf[i] <= 0x37; k++)
                v = v * 8 + (buf[i++] - 0x30);
            out.push(v & 0xff);
        }
        else if (e === 0x78) {
            const h1 = i < stop ? hexValue(buf[i]) : -1;
            const h2 = i + 1 < stop ? hexValue(buf[i + 1]) : -1;
            if (h1 < 0 || h2 < 0)
                return `invalid \\x escape at position ${i - 2 - start - 1}`;
            out.push(h1 * 16 + h2);
            i += 2;
        }
        else
            out.push(0x5c, e);
    }
    return Uint8Array.from(out);
}
const INT_LITERAL = /^[ \t\n\v\f\r]*[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|0(_?0)*|[1-9](_?[0-9])*)[ \t\n\v\f\r]*$/;
/** `PyLong_FromString(s, NULL, 0)`: Python int literal syntax with optional sign and surrounding whitespace. */
function pythonInt(text) {
    const m = INT_LITERAL.exec(text);
    if (m === null)
        return null;
    const negative = text.trimStart().startsWith('-');
    const body = m[1].replace(/_/g, '');
    const big = /^0[oO]/.test(body) ? BigInt('0o' + body.slice(2)) : BigInt(body);
    return fitInt(negative ? -big : big);
}
function fitInt(value) {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
const C_LONG = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/;
const LONG_MAX = 2n ** 63n - 1n;
/**
 * INT: `strtol(s, 0)` (base 0: `0x10` = 16, `010` = 8), retried with
 * `PyLong_FromString` on overflow or junk; a 3-byte line (newline included) worth 0 or 1 is a bool.
 */
function cInt(line) {
    const nul = line.indexOf('\0');
    const m = C_LONG.exec(line);
    if (m !== null && (m[0].length === line.length || m[0].length === nul)) {
        const digits = m[2];
        const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
        const value = m[1] === '-' ? -magnitude : magnitude;
        if (value <= LONG_MAX && value >= -LONG_MAX - 1n) {
            if (line.length + 1 === 3 && (value === 0n || value === 1n))
                return value === 1n;
            return fitInt(value);
        }
    }
    return pythonInt(nul >= 0 ? line.slice(0, nul) : line);
}
/** LONG: one trailing `L` dropped, then `PyLong_FromString(s, 0)`. */
function cLong(line) {
    return pythonInt(line.endsWith('L') ? line.slice(0, -1) : line);
}
const FLOAT_LITERAL = /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf(inity)?|nan)$/i;
/** FLOAT: `PyOS_string_to_double`, which must stop at the newline or a NUL. */
function cFloat(line) {
    const nul = line.indexOf('\0');
    const text = nul >= 0 ? line.slice(0, nul) : line;
    if (!FLOAT_LITERAL.test(text))
        return null;
    const lower = text.toLowerCase();
    if (lower.endsWith('inf') || lower.endsWith('infinity'))
        return lower.startsWith('-') ? -Infinity : Infinity;
    if (lower.endsWith('nan'))
        return NaN;
    return Number(text);
}
/** GET / PUT: `PyLong_FromString(s, NULL, 10)`. */
function decimalIndex(line) {
    const m = /^[ \t\n\v\f\r]*([+-]?)[ \t\n\v\f\r]*([0-9](_?[0-9])*)[ \t\n\v\f\r]*$/.exec(line);
    if (m === null)
        return null;
    const value = Number(m[2].replace(/_/g, ''));
    return m[1] === '-' ? -value : value;
}

;// CONCATENATED MODULE: ./src/scan/pickle/values.ts
// Symbolic values of the pickle machine. Python constants map to JS primitives where
// the type is unambiguous (None → null, bool, int → number | bigint, str → string) so
// the hot path allocates nothing for them; everything else is a small class. Objects
// are tracked by identity, so memo aliases and in-place mutation behave as in CPython.
/** Items kept per container: enough for argument tuples and state dicts, bounded on huge lists. */
const CONTAINER_ITEMS = 256;
/** A Python float. Its value never matters to the analysis, so one shared instance stands for all (no allocation per float). */
class PyFloat {
    get kind() {
        return 'float';
    }
}
const FLOAT = new PyFloat();
/** bytes / bytearray. `data` may be a prefix of a payload too large to keep (`length` is the real size). */
class PyBytes {
    data;
    length;
    offset;
    mutable;
    get kind() {
        return 'bytes';
    }
    constructor(data, length, 
    /** Stream offset of the opcode that produced it. */
    offset, mutable = false) {
        this.data = data;
        this.length = length;
        this.offset = offset;
        this.mutable = mutable;
    }
    get truncated() {
        return this.data.length < this.length;
    }
}
/** A str too large to keep whole: its prefix and its length in UTF-8 bytes. */
class PyLongStr {
    prefix;
    byteLength;
    get kind() {
        return 'longstr';
    }
    constructor(prefix, byteLength) {
        this.prefix = prefix;
        this.byteLength = byteLength;
    }
}
/**
 * A literal container built by opcodes (exact builtin type). Dicts store keys and values
 * alternately. It keeps at most `CONTAINER_ITEMS` values, and fewer once the stream's
 * item budget is spent (the machine decides); `size` still counts every element.
 */
class PyContainer {
    type;
    items;
    size;
    get kind() {
        return 'container';
    }
    constructor(type, items = [], 
    /** Elements (pairs for dicts) ever added, including those not kept. */
    size = items.length) {
        this.type = type;
        this.items = items;
        this.size = size;
    }
    /** Adds the elements `from[start..]`, keeping at most `budget` values; returns how many it kept. */
    addRange(from, start, budget) {
        const n = from.length - start;
        this.size += this.type === 'dict' ? n >> 1 : n;
        let room = Math.min(CONTAINER_ITEMS - this.items.length, n, budget);
        if (this.type === 'dict')
            room &= ~1;
        if (room <= 0)
            return 0;
        // A fresh container takes an exact-size copy (pushing would over-allocate its backing store).
        if (this.items.length === 0)
            this.items = from.slice(start, start + room);
        else
            for (let i = 0; i < room; i++)
                this.items.push(from[start + i]);
        return room;
    }
    /** Some elements were not kept. */
    get partial() {
        return this.items.length < (this.type === 'dict' ? this.size * 2 : this.size);
    }
}
/** What `find_class` returned: a resolved `module.qualname`, or an unresolvable callable. */
class PyGlobal {
    name;
    offset;
    allowed;
    dynamic;
    get kind() {
        return 'global';
    }
    constructor(
    /** Resolved name the policy judged (`posix.system`), or a description when dynamic. */
    name, 
    /** Stream offset of the importing opcode. */
    offset, allowed, 
    /** Not resolvable statically (EXT code, non-constant STACK_GLOBAL operand). */
    dynamic = false) {
        this.name = name;
        this.offset = offset;
        this.allowed = allowed;
        this.dynamic = dynamic;
    }
}
/** The result of a call (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST). */
class PyInstance {
    callee;
    args;
    offset;
    get kind() {
        return 'instance';
    }
    constructor(callee, args, 
    /** Stream offset of the calling opcode. */
    offset) {
        this.callee = callee;
        this.args = args;
        this.offset = offset;
    }
    /** The global that made this instance, when it was a resolved global. */
    get cls() {
        return this.callee instanceof PyGlobal ? this.callee : null;
    }
}
/**
 * A value the machine cannot know: a persistent-id object, an out-of-band buffer, a
 * huge number. `poisoned` marks placeholders pushed after a loader error, so later
 * operations on them report nothing the loader would never have reached.
 */
class PyOpaque {
    what;
    poisoned;
    get kind() {
        return 'opaque';
    }
    constructor(what, poisoned = false) {
        this.what = what;
        this.poisoned = poisoned;
    }
}
/** Short human description for messages. */
function describe(value) {
    if (value === null)
        return 'None';
    switch (typeof value) {
        case 'boolean':
            return value ? 'True' : 'False';
        case 'number':
        case 'bigint':
            return `int ${value}`;
        case 'string':
            return `str ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
    }
    switch (value.kind) {
        case 'float':
            return 'a float';
        case 'bytes':
            return `${value.mutable ? 'bytearray' : 'bytes'} of ${value.length} bytes`;
        case 'longstr':
            return `str of ${value.byteLength} bytes`;
        case 'container':
            return `${value.type} of ${value.size}`;
        case 'global':
            return value.dynamic ? value.name : `global ${value.name}`;
        case 'instance': {
            const cls = value.cls;
            return cls ? `result of ${cls.name} (offset ${value.offset})` : `result of a call at offset ${value.offset}`;
        }
        case 'opaque':
            return value.what;
    }
}

;// CONCATENATED MODULE: ./src/scan/pickle/decoder.ts
// Opcode decoder: turns bytes into opcodes and argument values exactly as the C
// unpickler reads them. `Decoder.decode` is synchronous over an in-memory buffer and
// reports when it needs more bytes, so the analyzer's hot loop never awaits per opcode;
// `Input` refills that buffer from a chunk stream, and streams oversized payloads
// through without keeping them.



const Step = {
    /** One opcode decoded; its fields are set. */
    Op: 0,
    /** The buffer holds too few bytes: refill to `need` bytes from the opcode, then decode again. */
    Need: 1,
    /** Clean end of input at an opcode boundary. */
    End: 2,
    /** The loader cannot go on: invalid opcode, truncated or impossible argument (`fault`). */
    Invalid: 3,
    /** A length-prefixed payload of `num` bytes too large to keep: `next` is its first byte. */
    Large: 4,
    /** A text argument longer than `LINE_MAX` with no newline yet. */
    LongLine: 5
};
/** Payloads up to this size are decoded whole; larger ones keep `PREFIX` bytes. */
const INLINE_MAX = 1 << 20;
/** Text arguments (one line) longer than this are streamed, keeping `PREFIX` bytes. */
const LINE_MAX = 1 << 20;
/** Bytes kept of an oversized payload: enough to name it and to sniff a nested pickle. */
const PREFIX = 4096;
/** Value of an argument the loader rejects (the opcode's extent is still known). */
const INVALID_ARGUMENT = new PyOpaque('an invalid argument', true);
const TWO_63 = 2 ** 63;
class Decoder {
    /** Opcode byte. */
    code = 0;
    /** Buffer index just after the opcode and its argument (after the length header for `Large`). */
    next = 0;
    /** Integer argument: u8/u16/i32/u32/u64 value, memo index, payload length for `Large`. */
    num = 0;
    /** Constant the opcode pushes (strings, numbers, bytes, ...). */
    value = null;
    /** GLOBAL / INST lines. */
    module = '';
    name = '';
    /** GLOBAL / INST names cut short (over `LINE_MAX`): not resolvable. */
    namesTruncated = false;
    /** The loader rejects the argument (message); set together with `INVALID_ARGUMENT`. */
    fault = null;
    /** For `Need`: bytes required from the opcode byte. */
    need = 0;
    /** Payloads above this size are returned as `Large` (lowered when the analyzer's retention budget is spent). */
    inlineMax = INLINE_MAX;
    /**
     * Decodes the opcode at `buf[pos]`. `end` is the end of valid data, `eof` whether
     * more can come, `offset` the stream offset of `buf[pos]` (stamped on bytes values).
     */
    decode(buf, pos, end, eof, offset) {
        if (pos >= end)
            return eof ? Step.End : this.short(1, eof);
        const code = buf[pos];
        this.code = code;
        this.fault = null;
        const avail = end - pos;
        switch (ARG_LAYOUT[code]) {
            case Arg.None:
                this.next = pos + 1;
                return Step.Op;
            case Arg.U1:
                if (avail < 2)
                    return this.short(2, eof);
                this.num = buf[pos + 1];
                this.next = pos + 2;
                return Step.Op;
            case Arg.U2:
                if (avail < 3)
                    return this.short(3, eof);
                this.num = buf.readUInt16LE(pos + 1);
                this.next = pos + 3;
                return Step.Op;
            case Arg.I4:
                if (avail < 5)
                    return this.short(5, eof);
                this.num = buf.readInt32LE(pos + 1);
                this.next = pos + 5;
                return Step.Op;
            case Arg.U4:
                if (avail < 5)
                    return this.short(5, eof);
                this.num = buf.readUInt32LE(pos + 1);
                this.next = pos + 5;
                return Step.Op;
            case Arg.U8:
                if (avail < 9)
                    return this.short(9, eof);
                this.num = u64(buf, pos + 1);
                this.next = pos + 9;
                return this.num >= TWO_63 ? this.invalid('FRAME length exceeds the maximum') : Step.Op;
            case Arg.F8:
                if (avail < 9)
                    return this.short(9, eof);
                this.value = FLOAT;
                this.next = pos + 9;
                return Step.Op;
            case Arg.Line: {
                const nl = buf.indexOf(10, pos + 1);
                if (nl < 0 || nl >= end)
                    return this.shortLine(avail, eof);
                this.next = nl + 1;
                this.lineValue(buf, pos + 1, nl);
                return Step.Op;
            }
            case Arg.Line2: {
                const nl1 = buf.indexOf(10, pos + 1);
                const nl2 = nl1 < 0 || nl1 >= end ? -1 : buf.indexOf(10, nl1 + 1);
                if (nl2 < 0 || nl2 >= end)
                    return this.shortLine(avail, eof);
                this.next = nl2 + 1;
                this.namesTruncated = false;
                this.names(buf, pos + 1, nl1, nl2);
                return Step.Op;
            }
            case Arg.Len1:
                if (avail < 2)
                    return this.short(2, eof);
                return this.payload(buf, pos, 2, buf[pos + 1], end, eof, offset);
            case Arg.Len4:
                if (avail < 5)
                    return this.short(5, eof);
                return this.payload(buf, pos, 5, buf.readUInt32LE(pos + 1), end, eof, offset);
            case Arg.Len4S: {
                if (avail < 5)
                    return this.short(5, eof);
                const length = buf.readInt32LE(pos + 1);
                if (length < 0)
                    return this.invalid(`${code === Op.LONG4 ? 'LONG pickle' : 'BINSTRING pickle'} has negative byte count`);
                return this.payload(buf, pos, 5, length, end, eof, offset);
            }
            case Arg.Len8: {
                if (avail < 9)
                    return this.short(9, eof);
                const length = u64(buf, pos + 1);
                if (length >= TWO_63)
                    return this.invalid('length exceeds the maximum (OverflowError)');
                return this.payload(buf, pos, 9, length, end, eof, offset);
            }
            default:
                return this.invalid(`invalid load key 0x${code.toString(16).padStart(2, '0')}`);
        }
    }
    /** Builds the value of a `Large` payload from its kept prefix. */
    fromLarge(prefix, length, offset) {
        const code = this.code;
        this.fault = null;
        if (code === Op.LONG4)
            this.value = new PyOpaque(`an int of ${length} bytes`);
        else if (code === Op.BINBYTES || code === Op.BINBYTES8 || code === Op.BYTEARRAY8)
            this.value = new PyBytes(prefix, length, offset, code === Op.BYTEARRAY8);
        else
            this.value = new PyLongStr(utf8Prefix(prefix), length);
    }
    /** Builds the value of a text argument longer than `LINE_MAX` from the kept prefix of each line. */
    fromLongLines(prefixes, lengths) {
        this.fault = null;
        switch (this.code) {
            case Op.GLOBAL:
            case Op.INST:
                this.module = latin1(prefixes[0], 0, prefixes[0].length);
                this.name = latin1(prefixes[1], 0, prefixes[1].length);
                this.namesTruncated = true;
                return;
            case Op.GET:
            case Op.PUT:
                this.setFault(`memo index of ${lengths[0]} digits`);
                return;
            case Op.INT:
            case Op.LONG:
            case Op.FLOAT:
                this.value = new PyOpaque(`a number of ${lengths[0]} characters`);
                return;
            default:
                this.value = new PyLongStr(latin1(prefixes[0], 0, prefixes[0].length), lengths[0]);
        }
    }
    short(need, eof) {
        if (eof)
            return this.invalid('pickle data was truncated');
        this.need = need;
        return Step.Need;
    }
    shortLine(avail, eof) {
        if (eof)
            return this.invalid('pickle data was truncated');
        if (avail > LINE_MAX)
            return Step.LongLine;
        this.need = avail + 1;
        return Step.Need;
    }
    invalid(message) {
        this.fault = message;
        return Step.Invalid;
    }
    setFault(message) {
        this.fault = message;
        this.value = INVALID_ARGUMENT;
    }
    payload(buf, pos, header, length, end, eof, offset) {
        if (length > this.inlineMax) {
            this.num = length;
            this.next = pos + header;
            return Step.Large;
        }
        const start = pos + header;
        if (end - start < length)
            return this.short(header + length, eof);
        const stop = start + length;
        this.next = stop;
        switch (this.code) {
            case Op.SHORT_BINUNICODE:
            case Op.BINUNICODE:
            case Op.BINUNICODE8: {
                const text = utf8(buf, start, stop, true);
                if (text === null)
                    this.setFault("'utf-8' codec can't decode the BINUNICODE argument");
                else
                    this.value = text;
                break;
            }
            case Op.SHORT_BINSTRING:
            case Op.BINSTRING:
                this.value = codecString(buf, start, stop);
                break;
            case Op.LONG1:
            case Op.LONG4:
                this.value = littleEndianInt(buf, start, stop);
                break;
            default: // BINBYTES, SHORT_BINBYTES, BINBYTES8, BYTEARRAY8: copied, the buffer is reused
                this.value = new PyBytes(buf.slice(start, stop), length, offset, this.code === Op.BYTEARRAY8);
        }
        return Step.Op;
    }
    lineValue(buf, start, stop) {
        switch (this.code) {
            case Op.INT: {
                const v = cInt(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('could not convert string to int');
                else
                    this.value = v;
                return;
            }
            case Op.LONG: {
                const v = cLong(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('could not convert string to int');
                else
                    this.value = v;
                return;
            }
            case Op.FLOAT: {
                const v = cFloat(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('could not convert string to float');
                else
                    this.value = FLOAT;
                return;
            }
            case Op.GET:
            case Op.PUT: {
                const v = decimalIndex(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('invalid literal for int() with base 10');
                else if (v < 0 && this.code === Op.PUT)
                    this.setFault('negative PUT argument');
                else
                    this.num = v;
                return;
            }
            case Op.PERSID: {
                const v = ascii(buf, start, stop);
                if (v === null)
                    this.setFault('persistent IDs in protocol 0 must be ASCII strings');
                else
                    this.value = v;
                return;
            }
            case Op.STRING: {
                const v = quotedEscape(buf, start, stop);
                if (typeof v === 'string')
                    this.setFault(v);
                else
                    this.value = codecString(Buffer.from(v.buffer, v.byteOffset, v.length), 0, v.length);
                return;
            }
            default: {
                // UNICODE
                const v = rawUnicodeEscape(buf, start, stop);
                if (v === null)
                    this.setFault("'rawunicodeescape' codec can't decode the UNICODE argument");
                else
                    this.value = v;
            }
        }
    }
    /** GLOBAL lines are strict UTF-8, INST lines strict ASCII; both must be non-empty. */
    names(buf, start, nl1, nl2) {
        if (nl1 === start || nl2 === nl1 + 1) {
            this.fault = 'pickle data was truncated (empty GLOBAL/INST name)';
            return;
        }
        const decode = this.code === Op.GLOBAL ? (s, e) => utf8(buf, s, e, false) : (s, e) => ascii(buf, s, e);
        const module = decode(start, nl1);
        const name = decode(nl1 + 1, nl2);
        if (module === null || name === null) {
            this.fault = this.code === Op.GLOBAL ? "'utf-8' codec can't decode the GLOBAL name" : "'ascii' codec can't decode the INST name";
            return;
        }
        this.module = module;
        this.name = name;
    }
}
function u64(buf, at) {
    return buf.readUInt32LE(at + 4) * 2 ** 32 + buf.readUInt32LE(at);
}
/**
 * STRING / BINSTRING text. `pickle.load` decodes ASCII (and fails on other bytes),
 * `torch.load` UTF-8, NumPy's Python 2 compatibility Latin-1: the analyzer accepts
 * what any of them accepts, so a stream is never cut short where some loader goes on.
 */
function codecString(buf, start, stop) {
    return utf8(buf, start, stop, false) ?? latin1(buf, start, stop);
}
function littleEndianInt(buf, start, stop) {
    const n = stop - start;
    if (n <= 6) {
        // Fits a double exactly: the common case (LONG1 of a few bytes) without BigInt.
        let small = 0;
        for (let i = stop - 1; i >= start; i--)
            small = small * 256 + buf[i];
        return n > 0 && buf[stop - 1] & 0x80 ? small - 2 ** (8 * n) : small;
    }
    let value = 0n;
    for (let i = stop - 1; i >= start; i--)
        value = (value << 8n) | BigInt(buf[i]);
    if (buf[stop - 1] & 0x80)
        value -= 1n << BigInt(8 * n);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

;// CONCATENATED MODULE: ./src/scan/pickle/probe.ts


/** A name `__import__` could find: dotted identifiers. */
const IMPORTABLE = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;
/**
 * True when a loader would act on `head` as a pickle: it starts with PROTO (≤ 5); or
 * its opcodes decode validly from offset 0 (without stack underflow) until STOP or the
 * end of the head; or it reaches an import or call opcode before the first error.
 * `fileSize`: the size of the whole file `head` starts; running out of bytes within the
 * file is truncation, running out of the head is not.
 */
function probePickle(head, fileSize) {
    const isWholeFile = head.length >= fileSize;
    if (head.length >= 2 && head[0] === Op.PROTO && head[1] <= HIGHEST_PROTOCOL)
        return true;
    const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    const dec = new Decoder();
    const marks = [];
    let height = 0;
    let pos = 0;
    for (let decoded = 0;; decoded++) {
        const step = dec.decode(buf, pos, buf.length, isWholeFile, pos);
        if (step === Step.Need || step === Step.Large || step === Step.LongLine) {
            if (isWholeFile)
                return false;
            if (decoded > 0)
                return true; // ran off the head mid-stream after whole opcodes
            // The first opcode's argument runs past the head: plausible when its declared length
            // fits in the file (a loader reads it and goes on: a big BINBYTES can hide what
            // follows), not for text, whose "length" is four letters.
            const lengthPrefixed = step === Step.Need && OPCODES[dec.code].arg >= Arg.Len1;
            const extent = step === Step.Large ? dec.next + dec.num : lengthPrefixed ? pos + dec.need : Infinity;
            return extent <= fileSize;
        }
        if (step !== Step.Op || dec.fault !== null)
            return false;
        const info = OPCODES[dec.code];
        const fence = marks.length > 0 ? marks[marks.length - 1] : 0;
        if (dec.code === Op.POP) {
            if (marks.length > 0 && fence === height)
                marks.pop();
            else if (height-- <= fence)
                return false;
        }
        else if (info.mark === 1)
            marks.push(height);
        else if (info.mark > 0) {
            const mark = marks.pop();
            if (mark === undefined || (info.mark === 3 && mark === 0))
                return false;
            height = mark + info.push;
        }
        else {
            if (height - fence < info.pop)
                return false;
            height += info.push - info.pop;
        }
        if (dec.code === Op.STOP)
            return true;
        if (info.acts)
            return dec.code === Op.GLOBAL || dec.code === Op.INST ? IMPORTABLE.test(dec.module) && IMPORTABLE.test(dec.name) : true;
        pos = dec.next;
    }
}
/** How far past the head a first text argument is followed before it counts as a pickle anyway. */
const LONG_FIRST_LINE_MAX = 16 << 20;
/**
 * probePickle over a file whose first opcode may take a text line longer than `head`
 * (`V` + 100 KB + `\n` + payload loads fine): read on to the newline, bounded by
 * LONG_FIRST_LINE_MAX, and probe again. Past the bound it is a pickle (fail closed).
 */
async function probePickleSource(source, head) {
    if (probePickle(head, source.size))
        return true;
    const first = OPCODES[head[0]];
    if (head.length >= source.size || first === undefined || (first.arg !== Arg.Line && first.arg !== Arg.Line2) || head.includes(0x0a))
        return false;
    const chunks = [head];
    let read = head.length;
    while (read < source.size) {
        if (read >= LONG_FIRST_LINE_MAX)
            return true;
        const chunk = await source.read(read, head.length);
        if (chunk.length === 0)
            break;
        chunks.push(chunk);
        read += chunk.length;
        const newline = chunk.indexOf(0x0a);
        if (newline >= 0)
            return probePickle(Buffer.concat([...chunks, await source.read(read, head.length)]), source.size);
    }
    return false;
}

;// CONCATENATED MODULE: ./src/scan/sniff.ts



/** Bytes read from the start of every file to classify it. */
const SNIFF_HEAD = 64 * 1024;
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const COMPRESSION_MAGIC = [
    ['gzip', [0x1f, 0x8b]],
    ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
    ['bz2', [0x42, 0x5a, 0x68]], // "BZh"
    ['lz4', [0x04, 0x22, 0x4d, 0x18]],
    ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
    ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
    ['lzma', [0x5d, 0x00, 0x00]], // lzma "alone": properties byte 0x5D, dictionary size LE
    ['joblib-zf', [0x5a, 0x46]] // "ZF": joblib < 0.10 compat format
];
function startsWith(head, magic, at = 0) {
    if (head.length < at + magic.length)
        return false;
    for (let i = 0; i < magic.length; i++)
        if (head[at + i] !== magic[i])
            return false;
    return true;
}
/** RFC 1950 header: deflate method, window ≤ 32 KiB, header checksum. */
function isZlibHeader(head) {
    if (head.length < 2)
        return false;
    const [cmf, flg] = [head[0], head[1]];
    return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}
function sniffCompression(head) {
    for (const [name, magic] of COMPRESSION_MAGIC)
        if (startsWith(head, magic))
            return name;
    return isZlibHeader(head) ? 'zlib' : undefined;
}
/** HDF5 superblock at 0 or at a user-block offset (512, 1024, 2048, ...). */
async function findHdf5(source, head) {
    if (startsWith(head, HDF5_SIGNATURE))
        return 0;
    for (let at = 512; at + HDF5_SIGNATURE.length <= source.size; at *= 2) {
        const probe = at + HDF5_SIGNATURE.length <= head.length ? head.subarray(at) : await source.read(at, HDF5_SIGNATURE.length);
        if (startsWith(probe, HDF5_SIGNATURE))
            return at;
    }
    return undefined;
}
async function sniff(source) {
    if (source.size === 0)
        return { kind: 'empty' };
    const head = await source.read(0, SNIFF_HEAD);
    if (source.size <= LFS_MAX_POINTER_SIZE && parseLfsPointer(head) !== null)
        return { kind: 'lfs-pointer' };
    // Before pickle and zip: a safetensors length prefix can spell `\x80\x02` or `PK` (formats.md §0).
    if (looksLikeSafetensors(head, source.size))
        return { kind: 'safetensors' };
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
        return { kind: 'zip' };
    if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]))
        return { kind: 'numpy' }; // \x93NUMPY
    // Before the weaker signatures: "GGUF" starts with BINFLOAT and a zlib header can be `(S`,
    // so a pickle could pose as either; a real GGUF/zlib/HDF5 file fails the probe at once.
    if (await probePickleSource(source, head))
        return { kind: 'pickle' };
    if (startsWith(head, [0x47, 0x47, 0x55, 0x46]))
        return { kind: 'gguf' }; // "GGUF"
    const hdf5Offset = await findHdf5(source, head);
    if (hdf5Offset !== undefined)
        return { kind: 'hdf5', hdf5Offset };
    const compression = sniffCompression(head);
    if (compression !== undefined)
        return { kind: 'compressed', compression };
    return { kind: 'other' };
}

;// CONCATENATED MODULE: ./src/scan/names.ts
// File-name facts used as hints (never as the verdict: content decides).
/** Lower-case last extension including the dot (`.pt`), or '' when there is none. */
function extensionOf(name) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
/**
 * Extensions whose loaders unpickle (torch.load, pickle.load, joblib.load, numpy.load with
 * allow_pickle). Any of them may appear before a compression suffix (`model.pkl.gz`).
 */
const PICKLE_LOADER_EXTENSIONS = ['pkl', 'pickle', 'pck', 'joblib', 'jbl', 'dill', 'sav', 'pt', 'pth', 'bin', 'ckpt', 'tar', 'npy', 'npz', 'model', 'mar'];
const PICKLE_LOADER_NAME = new RegExp(`\\.(${PICKLE_LOADER_EXTENSIONS.join('|')})(\\.|$)`, 'i');
function suggestsPickleLoader(name) {
    return PICKLE_LOADER_NAME.test(name.slice(name.lastIndexOf('/') + 1));
}

;// CONCATENATED MODULE: ./src/scan/formats/unsupported.ts
// Results for content the engine recognises but does not analyse, or does not recognise.


const at = (ctx) => (ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {});
/** Fail closed: a loader could read this, we did not analyse it. */
function notAnalysed(format, what, ctx, why = 'this format is not analysed yet') {
    return {
        format,
        findings: [
            {
                rule: RULES.incomplete,
                severity: 'high',
                message: `${what} not analysed (${why}): a loader could read it, so it is not known to be safe. Inspect it by hand or convert the model to safetensors.`,
                ...at(ctx)
            }
        ]
    };
}
/** Content matched no signature. Only worth a note when the name claims a model format. */
function unrecognised(name, ctx) {
    if (!suggestsPickleLoader(name))
        return { format: 'other', findings: [] };
    return {
        format: 'other',
        findings: [
            {
                rule: RULES.unrecognized,
                severity: 'info',
                message: 'The name suggests a model file, but the content matches no model format (a pickle loader would reject it at the first byte).',
                ...at(ctx)
            }
        ]
    };
}

;// CONCATENATED MODULE: ./src/scan/formats/compressed.ts


function scanCompressed(ctx, compression, name) {
    if (!suggestsPickleLoader(name) && compression !== 'joblib-zf')
        return { format: 'compressed', findings: [] };
    return notAnalysed('compressed', `${compression}-compressed data`, ctx, 'decompression is not supported yet');
}

;// CONCATENATED MODULE: ./src/scan/pickle/globals-policy.ts
// Which pickle globals are safe, and how loud the others are (reference/pickle.md §10–11).
//
// The allowlist is the gate: a global passes only when its exact resolved
// `module.qualname` is listed here or matches the user's `--allow-global` patterns.
// The denylist only decides severity (critical instead of high). Its critical core can
// never be allowlisted; a user's exact name may override the rest of the denylist
// (e.g. `functools.partial`, which real PyTorch pickles use), a wildcard never does.

// ---------------------------------------------------------------------------
// Allowlist
const VALUE = { call: false, build: false, items: false };
const CALL = { call: true, build: false, items: false };
const REBUILD = { call: true, build: true, items: false };
const CONTAINER = { call: true, build: true, items: true };
/** What a user-allowed global may do: the user vouches for the code. */
const USER = CONTAINER;
const TORCH_DTYPES = 'float32 float float64 double float16 half bfloat16 uint8 int8 int16 short int32 int int64 long bool ' +
    'complex32 chalf complex64 cfloat complex128 cdouble quint8 qint8 qint32 quint4x2 quint2x4 ' +
    'float8_e5m2 float8_e4m3fn float8_e5m2fnuz float8_e4m3fnuz float8_e8m0fnu float4_e2m1fn_x2 ' +
    'uint16 uint32 uint64 uint1 uint2 uint3 uint4 uint5 uint6 uint7 int1 int2 int3 int4 int5 int6 int7 ' +
    'bits1x8 bits2x4 bits4x2 bits8 bits16';
const STORAGES = 'DoubleStorage FloatStorage HalfStorage LongStorage IntStorage ShortStorage CharStorage ByteStorage ' +
    'BoolStorage BFloat16Storage ComplexDoubleStorage ComplexFloatStorage QUInt8Storage QInt8Storage ' +
    'QInt32Storage QUInt4x2Storage QUInt2x4Storage';
const ALLOWLIST = [
    {
        why: 'Python data constructors',
        caps: CONTAINER,
        names: ['builtins: bytearray bytes set frozenset complex list dict tuple int float str bool slice range object']
    },
    { why: 'protocol-2 bytes (numpy arrays pickled with protocol < 3)', caps: CALL, names: ['_codecs.encode'] },
    { why: 'protocol 0/1 object reconstruction (the class is judged on its own)', caps: REBUILD, names: ['copyreg._reconstructor'] },
    { why: 'ordered containers (torch weights_only)', caps: CONTAINER, names: ['collections: OrderedDict Counter'] },
    {
        why: 'tensor reconstruction (torch weights_only)',
        caps: REBUILD,
        names: [
            'torch._utils: _rebuild_parameter _rebuild_parameter_with_state _rebuild_qtensor _rebuild_tensor ' +
                '_rebuild_tensor_v2 _rebuild_tensor_v3 _rebuild_sparse_tensor _rebuild_meta_tensor_no_storage ' +
                '_rebuild_nested_tensor _rebuild_wrapper_subclass _rebuild_device_tensor_from_numpy ' +
                '_rebuild_device_tensor_from_cpu_tensor',
            'torch._tensor._rebuild_from_type_v2',
            'torch.nn.parameter.Parameter',
            'torch.Tensor'
        ]
    },
    { why: 'torch value types (torch weights_only)', caps: CALL, names: ['torch: Size device', 'torch.serialization._get_layout'] },
    {
        why: 'torch constants and storage types, referenced by persistent ids (torch weights_only)',
        caps: VALUE,
        names: [
            `torch: ${TORCH_DTYPES}`,
            `torch: ${STORAGES} UntypedStorage TypedStorage _tensor_classes`,
            `torch.cuda: ${STORAGES}`,
            'torch.storage: TypedStorage UntypedStorage',
            'torch: per_tensor_affine per_channel_affine per_tensor_symmetric per_channel_symmetric per_channel_affine_float_qparams',
            'torch: strided sparse_coo sparse_csr sparse_csc sparse_bsr sparse_bsc _mkldnn jagged',
            'torch: contiguous_format channels_last channels_last_3d preserve_format'
        ]
    },
    {
        why: 'NumPy array, dtype and scalar reconstruction (NumPy 1.x `numpy.core`, 2.x `numpy._core`)',
        caps: REBUILD,
        names: [
            'numpy.core.multiarray: _reconstruct scalar',
            'numpy._core.multiarray: _reconstruct scalar',
            'numpy.core.numeric._frombuffer',
            'numpy._core.numeric._frombuffer',
            'numpy: ndarray dtype'
        ]
    }
];
const DENYLIST = [
    {
        category: 'code execution',
        core: true,
        names: [
            'builtins: eval exec compile breakpoint __import__ execfile apply getattr setattr delattr globals locals vars input raw_input reload',
            'types: CodeType FunctionType LambdaType MethodType ModuleType',
            'marshal',
            'runpy',
            'code',
            'codeop',
            'compileall',
            'py_compile',
            'timeit',
            'doctest',
            'inspect',
            'site',
            '_interpreters',
            '_xxsubinterpreters',
            'numpy.testing._private.utils',
            'numpy.f2py',
            'numpy.distutils',
            'lib2to3',
            'idlelib',
            'cloudpickle',
            'dill',
            'typing: _eval_type get_type_hints ForwardRef',
            'dataclasses._create_fn',
            'test'
        ]
    },
    {
        category: 'process execution',
        core: true,
        names: [
            'os',
            'subprocess',
            'pty',
            'multiprocessing',
            'asyncio',
            'concurrent.futures: ProcessPoolExecutor ThreadPoolExecutor',
            'concurrent.futures.process',
            'uuid: _get_command_stdout _popen',
            '_osx_support',
            '_aix_support',
            'imaplib.IMAP4_stream',
            '_pyrepl',
            'pydoc',
            'pipes',
            'mailcap',
            'distutils.spawn',
            'setuptools._distutils.spawn',
            'pexpect',
            'pip',
            'ensurepip',
            'venv',
            'platform',
            'webbrowser',
            'mlflow.projects.backend.local._run_entry_point',
            'torch.utils.collect_env'
        ]
    },
    { category: 'interpreter state', core: true, names: ['sys'] },
    {
        category: 'import machinery',
        core: true,
        names: ['importlib', '_imp', 'imp', 'zipimport', 'pkgutil', 'ctypes']
    },
    {
        category: 'call primitive',
        core: true,
        names: ['operator: attrgetter itemgetter methodcaller call getitem setitem delitem']
    },
    {
        category: 'call primitive',
        core: false,
        names: ['functools: partial partialmethod reduce', 'builtins: map filter', 'itertools: starmap takewhile dropwhile filterfalse', 'gc']
    },
    {
        category: 'nested deserializer',
        core: true,
        names: ['pickle', 'shelve', 'joblib.load', 'joblib.numpy_pickle: load load_compatibility']
    },
    {
        category: 'nested deserializer',
        core: false,
        names: [
            'torch: load',
            'torch.serialization: load _load',
            'torch.storage._load_from_bytes',
            'torch.hub',
            'torch.utils._config_module.ConfigModule.load_config',
            'torch.utils.data.datapipes.utils.decoder.basichandlers',
            'torch.distributed.elastic.rendezvous.api.basichandlers',
            'numpy: load loads',
            'numpy.lib.npyio.load',
            'pandas: read_pickle',
            'pandas.io.pickle.read_pickle'
        ]
    },
    { category: 'obfuscation', core: false, names: ['base64', 'binascii', 'codecs: decode encode', 'zlib'] },
    {
        category: 'debugger / profiler',
        core: true,
        names: ['bdb', 'pdb', 'cProfile', 'profile', 'trace', 'torch.utils.bottleneck']
    },
    {
        category: 'torch internals gadget',
        core: true,
        names: [
            'torch._dynamo',
            'torch._inductor',
            'torch.fx.experimental.symbolic_shapes.ShapeEnv.evaluate_guards_expression',
            'torch.jit',
            'torch.compile',
            'torch.utils.cpp_extension',
            'torch.distributed.rpc'
        ]
    },
    {
        category: 'filesystem access',
        core: true,
        names: ['builtins.open', 'io: open open_code FileIO']
    },
    {
        category: 'filesystem access',
        core: false,
        names: [
            'shutil',
            'tempfile',
            'distutils',
            'logging: FileHandler',
            'logging.handlers',
            'logging.config',
            'filecmp',
            'fileinput',
            'glob',
            'linecache',
            'tarfile',
            'zipfile',
            'sqlite3',
            'mmap',
            'syslog',
            'pathlib.Path.*',
            'pathlib.PosixPath.*',
            'pathlib.WindowsPath.*'
        ]
    },
    {
        category: 'network access',
        core: false,
        names: [
            'socket',
            'ssl',
            'http',
            'urllib.request',
            'urllib: urlopen urlretrieve',
            'requests',
            'aiohttp',
            'httpx',
            'urllib3',
            'smtplib',
            'ftplib',
            'poplib',
            'telnetlib',
            'nntplib',
            'socketserver',
            'xmlrpc',
            'select',
            'selectors',
            'pandas.io.parsers.readers.read_csv',
            'pandas.read_csv'
        ]
    },
    {
        category: 'process control',
        core: false,
        names: ['signal', 'threading', '_thread', 'atexit']
    },
    {
        category: 'scanner tampering',
        core: true,
        names: ['fickling', 'picklescan', 'modelscan', 'modelaudit', 'saferpickle']
    }
];
/**
 * C and platform modules the pickler emits for public ones (`pickle.dumps(os.system)`
 * writes `posix system`), and Python 2 names: judged as the module they stand for.
 */
const MODULE_ALIASES = new Map([
    ['posix', 'os'],
    ['nt', 'os'],
    ['_operator', 'operator'],
    ['_io', 'io'],
    ['_pickle', 'pickle'],
    ['cPickle', 'pickle'],
    ['_posixsubprocess', 'subprocess'],
    ['_winapi', 'subprocess'],
    ['commands', 'subprocess'],
    ['__builtin__', 'builtins'],
    ['__builtins__', 'builtins'],
    ['_socket', 'socket'],
    ['_ssl', 'ssl'],
    ['_signal', 'signal'],
    ['_ctypes', 'ctypes'],
    ['_sqlite3', 'sqlite3'],
    ['_frozen_importlib', 'importlib'],
    ['_frozen_importlib_external', 'importlib'],
    ['_functools', 'functools'],
    ['httplib', 'http'],
    ['urllib2', 'urllib.request'],
    ['_dill', 'dill']
]);
/** Dunder attributes an attribute walk may legitimately name (constructors); any other walks into internals. */
const PLAIN_DUNDERS = new Set(['__new__', '__init__', '__call__', '__main__']);
/** Modules whose bare object is itself dangerous to hand out (`('pathlib', 'os')` yields the os module). */
const DANGEROUS_MODULE_OBJECTS = new Set(['os', 'sys', 'subprocess', 'builtins', 'importlib']);
/** Expands `module: a b c` into `module.a`, `module.b`, `module.c`. */
function expand(spec) {
    const colon = spec.indexOf(':');
    if (colon < 0)
        return [spec];
    const module = spec.slice(0, colon).trim();
    return spec
        .slice(colon + 1)
        .trim()
        .split(/\s+/)
        .map((name) => `${module}.${name}`);
}
const ALLOWED = new Map(ALLOWLIST.flatMap((g) => g.names.flatMap(expand).map((n) => [n, g.caps])));
const DENIED = new Map(DENYLIST.flatMap((g) => g.names.flatMap(expand).map((n) => {
    const attributesOnly = n.endsWith('.*');
    return [attributesOnly ? n.slice(0, -2) : n, { category: g.category, core: g.core, attributesOnly }];
})));
/** The deny entry covering `path` (itself or a parent), if any. */
function denyEntry(path) {
    let prefix = path;
    for (;;) {
        const entry = DENIED.get(prefix);
        if (entry !== undefined && !(entry.attributesOnly && prefix === path))
            return entry;
        const dot = prefix.lastIndexOf('.');
        if (dot < 0)
            return undefined;
        prefix = prefix.slice(0, dot);
    }
}
function withAlias(path) {
    const parts = path.split('.');
    for (let n = parts.length; n >= 1; n--) {
        const alias = MODULE_ALIASES.get(parts.slice(0, n).join('.'));
        if (alias !== undefined)
            return [alias, ...parts.slice(n)].join('.');
    }
    return path;
}
/**
 * Denylist match for `module` + `qualname` as the loader reaches it: the name itself
 * (through aliases), every tail of an attribute walk that starts at a module-like
 * component (`pathlib` + `os.system` reaches `os.system`; `random` + `_os.system`
 * reaches it too), and any walk through interpreter internals (`__builtins__`, `__globals__`).
 */
function denied(module, qualname) {
    const hits = [];
    const full = `${module}.${qualname}`;
    for (const candidate of new Set([full, withAlias(full)])) {
        const entry = denyEntry(candidate);
        if (entry)
            hits.push({ entry, reached: candidate });
    }
    const parts = qualname.split('.');
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (/^__.+__$/.test(part) && !PLAIN_DUNDERS.has(part)) {
            hits.push({ entry: { category: `attribute walk through ${part}`, core: true, attributesOnly: false }, reached: full });
        }
        if (i === 0 && parts.length === 1)
            break;
        for (const head of new Set([part, part.replace(/^_+/, '')])) {
            if (head === '')
                continue;
            const tail = withAlias([head, ...parts.slice(i + 1)].join('.'));
            if (tail === full)
                continue;
            const entry = denyEntry(tail);
            const isModuleObject = i === parts.length - 1;
            if (entry && (!isModuleObject || DANGEROUS_MODULE_OBJECTS.has(tail)))
                hits.push({ entry, reached: tail });
        }
    }
    return hits.find((h) => h.entry.core) ?? hits[0];
}
/** Judges resolved globals against the allowlist, the user's patterns and the denylist. Caches verdicts. */
class GlobalPolicy {
    userPatterns;
    cache = new Map();
    constructor(userPatterns) {
        this.userPatterns = userPatterns;
    }
    judge(module, qualname) {
        const name = `${module}.${qualname}`;
        let verdict = this.cache.get(name);
        if (verdict === undefined) {
            verdict = this.decide(module, qualname, name);
            this.cache.set(name, verdict);
        }
        return verdict;
    }
    decide(module, qualname, name) {
        const hit = denied(module, qualname);
        const reached = hit && hit.reached !== name ? { reached: hit.reached } : {};
        const dangerous = () => ({ level: 'dangerous', name, caps: null, category: hit.entry.category, ...reached });
        if (hit?.entry.core)
            return dangerous();
        if (this.userPatterns.includes(name))
            return { level: 'allowed', name, caps: USER, byUser: true };
        if (hit)
            return dangerous();
        if (matchesAllowPattern(name, this.userPatterns))
            return { level: 'allowed', name, caps: USER, byUser: true };
        const caps = ALLOWED.get(name);
        if (caps !== undefined)
            return { level: 'allowed', name, caps };
        return { level: 'unknown', name, caps: null };
    }
}
/**
 * Callables that deserialize bytes they are given (reference §9.5): bytes reaching
 * them are analysed as nested pickles. Matched after aliasing (`_pickle.loads`, `cPickle.loads`).
 */
const NESTED_DESERIALIZERS = new Set([
    'pickle.loads',
    'pickle.load',
    'pickle._loads',
    'pickle._load',
    'pickle.Unpickler',
    'pickle._Unpickler',
    'dill.loads',
    'dill.load',
    'dill._dill.loads',
    'dill._dill.load',
    'cloudpickle.loads',
    'cloudpickle.load',
    'cloudpickle.cloudpickle.loads',
    'joblib.load',
    'joblib.numpy_pickle.load',
    'torch.load',
    'torch.serialization.load',
    'torch.serialization._load',
    'torch.storage._load_from_bytes',
    'numpy.load',
    'numpy.loads',
    'numpy.lib.npyio.load',
    'numpy.core.numeric.loads',
    'pandas.read_pickle',
    'pandas.io.pickle.read_pickle',
    'lib2to3.pgen2.grammar.Grammar.loads',
    'torch.utils._config_module.ConfigModule.load_config',
    'torch.utils.data.datapipes.utils.decoder.basichandlers',
    'torch.distributed.elastic.rendezvous.api.basichandlers',
    'shelve.open'
]);
function isNestedDeserializer(name) {
    return NESTED_DESERIALIZERS.has(name) || NESTED_DESERIALIZERS.has(withAlias(name));
}

;// CONCATENATED MODULE: ./src/scan/pickle/input.ts
const EMPTY = Buffer.alloc(0);
function asBuffer(chunk) {
    return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
class Input {
    stream;
    /** Buffered bytes; valid data is all of it (`buf.length` is the end). */
    buf = EMPTY;
    /** Next unread index in `buf`. */
    pos = 0;
    /** True once the stream has ended. */
    eof = false;
    /** Stream offset of `buf[0]` (including the caller's base offset). */
    base;
    constructor(stream, baseOffset = 0) {
        this.stream = stream;
        this.base = baseOffset;
    }
    /** Stream offset of `buf[pos]`. */
    get offset() {
        return this.base + this.pos;
    }
    /** Makes at least `min` unread bytes available; false if the stream ends first. */
    async fill(min) {
        const have0 = this.buf.length - this.pos;
        if (have0 >= min)
            return true;
        const parts = have0 > 0 ? [this.buf.subarray(this.pos)] : [];
        let have = have0;
        while (have < min) {
            const chunk = await this.stream.next();
            if (chunk === null) {
                this.eof = true;
                break;
            }
            parts.push(asBuffer(chunk));
            have += chunk.length;
        }
        this.base += this.pos;
        this.pos = 0;
        this.buf = parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
        return have >= min;
    }
    /** Whether any unread byte remains (reads ahead one chunk if needed). */
    async more() {
        return this.pos < this.buf.length || (!this.eof && (await this.fill(1)));
    }
    /**
     * Consumes `n` bytes and returns a copy of the first `keep` of them. Bytes past the
     * buffer are skipped through the stream (fast `skip` when it has one), never kept.
     * Returns how many bytes were actually there.
     */
    async take(n, keep) {
        const prefix = Buffer.alloc(Math.min(n, keep));
        let kept = 0;
        let taken = 0;
        for (;;) {
            const avail = this.buf.length - this.pos;
            const use = Math.min(avail, n - taken);
            if (kept < prefix.length)
                kept += this.buf.copy(prefix, kept, this.pos, this.pos + Math.min(use, prefix.length - kept));
            this.pos += use;
            taken += use;
            if (taken === n)
                break;
            this.drop();
            if (kept >= prefix.length && this.stream.skip !== undefined && !this.eof) {
                const skipped = await this.stream.skip(n - taken);
                this.base += skipped;
                taken += skipped;
                if (taken === n)
                    break;
            }
            if (!(await this.fill(1)))
                break;
        }
        return { prefix: kept === prefix.length ? prefix : prefix.subarray(0, kept), taken };
    }
    /**
     * Consumes one newline-terminated line (newline included) and returns a copy of its
     * first `keep` bytes, its length without the newline, and whether the newline was found.
     */
    async takeLine(keep) {
        const parts = [];
        let kept = 0;
        let length = 0;
        for (;;) {
            const nl = this.buf.indexOf(10, this.pos);
            const stop = nl < 0 ? this.buf.length : nl;
            if (kept < keep) {
                const part = this.buf.slice(this.pos, Math.min(stop, this.pos + keep - kept));
                parts.push(part);
                kept += part.length;
            }
            length += stop - this.pos;
            if (nl >= 0) {
                this.pos = nl + 1;
                return { prefix: Buffer.concat(parts), length, found: true };
            }
            this.pos = stop;
            this.drop();
            if (!(await this.fill(1)))
                return { prefix: Buffer.concat(parts), length, found: false };
        }
    }
    /** Releases a fully consumed buffer. */
    drop() {
        if (this.pos < this.buf.length)
            return;
        this.base += this.buf.length;
        this.buf = EMPTY;
        this.pos = 0;
    }
}

;// CONCATENATED MODULE: ./src/scan/pickle/compat-pickle.ts
// Python 2 → 3 name remapping that `find_class` applies when the stream's protocol is
// < 3 (fix_imports, the default): CPython 3.11 `Lib/_compat_pickle.py`, 55 module and
// 88 name entries. Security-relevant ones include `__builtin__` → builtins, `commands` →
// subprocess, `urllib2` → urllib.request (reference/pickle.md §5.1).
/** `IMPORT_MAPPING`: old module → new module. */
const IMPORT_MAPPING = new Map([
    ['BaseHTTPServer', 'http.server'],
    ['CGIHTTPServer', 'http.server'],
    ['ConfigParser', 'configparser'],
    ['Cookie', 'http.cookies'],
    ['Dialog', 'tkinter.dialog'],
    ['DocXMLRPCServer', 'xmlrpc.server'],
    ['FileDialog', 'tkinter.filedialog'],
    ['HTMLParser', 'html.parser'],
    ['Queue', 'queue'],
    ['ScrolledText', 'tkinter.scrolledtext'],
    ['SimpleDialog', 'tkinter.simpledialog'],
    ['SimpleHTTPServer', 'http.server'],
    ['SimpleXMLRPCServer', 'xmlrpc.server'],
    ['SocketServer', 'socketserver'],
    ['StringIO', 'io'],
    ['Tix', 'tkinter.tix'],
    ['Tkconstants', 'tkinter.constants'],
    ['Tkdnd', 'tkinter.dnd'],
    ['Tkinter', 'tkinter'],
    ['UserDict', 'collections'],
    ['UserList', 'collections'],
    ['UserString', 'collections'],
    ['__builtin__', 'builtins'],
    ['_abcoll', 'collections.abc'],
    ['_elementtree', 'xml.etree.ElementTree'],
    ['_winreg', 'winreg'],
    ['anydbm', 'dbm'],
    ['cPickle', 'pickle'],
    ['cStringIO', 'io'],
    ['commands', 'subprocess'],
    ['cookielib', 'http.cookiejar'],
    ['copy_reg', 'copyreg'],
    ['dbhash', 'dbm.bsd'],
    ['dbm', 'dbm.ndbm'],
    ['dumbdbm', 'dbm.dumb'],
    ['dummy_thread', '_dummy_thread'],
    ['gdbm', 'dbm.gnu'],
    ['htmlentitydefs', 'html.entities'],
    ['httplib', 'http.client'],
    ['markupbase', '_markupbase'],
    ['repr', 'reprlib'],
    ['robotparser', 'urllib.robotparser'],
    ['test.test_support', 'test.support'],
    ['thread', '_thread'],
    ['tkColorChooser', 'tkinter.colorchooser'],
    ['tkCommonDialog', 'tkinter.commondialog'],
    ['tkFileDialog', 'tkinter.filedialog'],
    ['tkFont', 'tkinter.font'],
    ['tkMessageBox', 'tkinter.messagebox'],
    ['tkSimpleDialog', 'tkinter.simpledialog'],
    ['ttk', 'tkinter.ttk'],
    ['urllib2', 'urllib.request'],
    ['urlparse', 'urllib.parse'],
    ['whichdb', 'dbm'],
    ['xmlrpclib', 'xmlrpc.client']
]);
/** `NAME_MAPPING`: `old_module old_name` → `[new_module, new_name]`. */
const NAME_MAPPING = new Map([
    ['UserDict IterableUserDict', ['collections', 'UserDict']],
    ['UserDict UserDict', ['collections', 'UserDict']],
    ['UserList UserList', ['collections', 'UserList']],
    ['UserString UserString', ['collections', 'UserString']],
    ['__builtin__ basestring', ['builtins', 'str']],
    ['__builtin__ intern', ['sys', 'intern']],
    ['__builtin__ long', ['builtins', 'int']],
    ['__builtin__ reduce', ['functools', 'reduce']],
    ['__builtin__ unichr', ['builtins', 'chr']],
    ['__builtin__ unicode', ['builtins', 'str']],
    ['__builtin__ xrange', ['builtins', 'range']],
    ['_multiprocessing Connection', ['multiprocessing.connection', 'Connection']],
    ['_socket fromfd', ['socket', 'fromfd']],
    ['exceptions ArithmeticError', ['builtins', 'ArithmeticError']],
    ['exceptions AssertionError', ['builtins', 'AssertionError']],
    ['exceptions AttributeError', ['builtins', 'AttributeError']],
    ['exceptions BaseException', ['builtins', 'BaseException']],
    ['exceptions BufferError', ['builtins', 'BufferError']],
    ['exceptions BytesWarning', ['builtins', 'BytesWarning']],
    ['exceptions DeprecationWarning', ['builtins', 'DeprecationWarning']],
    ['exceptions EOFError', ['builtins', 'EOFError']],
    ['exceptions EnvironmentError', ['builtins', 'EnvironmentError']],
    ['exceptions Exception', ['builtins', 'Exception']],
    ['exceptions FloatingPointError', ['builtins', 'FloatingPointError']],
    ['exceptions FutureWarning', ['builtins', 'FutureWarning']],
    ['exceptions GeneratorExit', ['builtins', 'GeneratorExit']],
    ['exceptions IOError', ['builtins', 'IOError']],
    ['exceptions ImportError', ['builtins', 'ImportError']],
    ['exceptions ImportWarning', ['builtins', 'ImportWarning']],
    ['exceptions IndentationError', ['builtins', 'IndentationError']],
    ['exceptions IndexError', ['builtins', 'IndexError']],
    ['exceptions KeyError', ['builtins', 'KeyError']],
    ['exceptions KeyboardInterrupt', ['builtins', 'KeyboardInterrupt']],
    ['exceptions LookupError', ['builtins', 'LookupError']],
    ['exceptions MemoryError', ['builtins', 'MemoryError']],
    ['exceptions NameError', ['builtins', 'NameError']],
    ['exceptions NotImplementedError', ['builtins', 'NotImplementedError']],
    ['exceptions OSError', ['builtins', 'OSError']],
    ['exceptions OverflowError', ['builtins', 'OverflowError']],
    ['exceptions PendingDeprecationWarning', ['builtins', 'PendingDeprecationWarning']],
    ['exceptions ReferenceError', ['builtins', 'ReferenceError']],
    ['exceptions RuntimeError', ['builtins', 'RuntimeError']],
    ['exceptions RuntimeWarning', ['builtins', 'RuntimeWarning']],
    ['exceptions StandardError', ['builtins', 'Exception']],
    ['exceptions StopIteration', ['builtins', 'StopIteration']],
    ['exceptions SyntaxError', ['builtins', 'SyntaxError']],
    ['exceptions SyntaxWarning', ['builtins', 'SyntaxWarning']],
    ['exceptions SystemError', ['builtins', 'SystemError']],
    ['exceptions SystemExit', ['builtins', 'SystemExit']],
    ['exceptions TabError', ['builtins', 'TabError']],
    ['exceptions TypeError', ['builtins', 'TypeError']],
    ['exceptions UnboundLocalError', ['builtins', 'UnboundLocalError']],
    ['exceptions UnicodeDecodeError', ['builtins', 'UnicodeDecodeError']],
    ['exceptions UnicodeEncodeError', ['builtins', 'UnicodeEncodeError']],
    ['exceptions UnicodeError', ['builtins', 'UnicodeError']],
    ['exceptions UnicodeTranslateError', ['builtins', 'UnicodeTranslateError']],
    ['exceptions UnicodeWarning', ['builtins', 'UnicodeWarning']],
    ['exceptions UserWarning', ['builtins', 'UserWarning']],
    ['exceptions ValueError', ['builtins', 'ValueError']],
    ['exceptions Warning', ['builtins', 'Warning']],
    ['exceptions ZeroDivisionError', ['builtins', 'ZeroDivisionError']],
    ['itertools ifilter', ['builtins', 'filter']],
    ['itertools ifilterfalse', ['itertools', 'filterfalse']],
    ['itertools imap', ['builtins', 'map']],
    ['itertools izip', ['builtins', 'zip']],
    ['itertools izip_longest', ['itertools', 'zip_longest']],
    ['multiprocessing AuthenticationError', ['multiprocessing.context', 'AuthenticationError']],
    ['multiprocessing BufferTooShort', ['multiprocessing.context', 'BufferTooShort']],
    ['multiprocessing ProcessError', ['multiprocessing.context', 'ProcessError']],
    ['multiprocessing TimeoutError', ['multiprocessing.context', 'TimeoutError']],
    ['multiprocessing.forking Popen', ['multiprocessing.popen_fork', 'Popen']],
    ['multiprocessing.process Process', ['multiprocessing.context', 'Process']],
    ['socket _socketobject', ['socket', 'SocketType']],
    ['urllib ContentTooShortError', ['urllib.error', 'ContentTooShortError']],
    ['urllib getproxies', ['urllib.request', 'getproxies']],
    ['urllib pathname2url', ['urllib.request', 'pathname2url']],
    ['urllib quote', ['urllib.parse', 'quote']],
    ['urllib quote_plus', ['urllib.parse', 'quote_plus']],
    ['urllib unquote', ['urllib.parse', 'unquote']],
    ['urllib unquote_plus', ['urllib.parse', 'unquote_plus']],
    ['urllib url2pathname', ['urllib.request', 'url2pathname']],
    ['urllib urlcleanup', ['urllib.request', 'urlcleanup']],
    ['urllib urlencode', ['urllib.parse', 'urlencode']],
    ['urllib urlopen', ['urllib.request', 'urlopen']],
    ['urllib urlretrieve', ['urllib.request', 'urlretrieve']],
    ['urllib2 HTTPError', ['urllib.error', 'HTTPError']],
    ['urllib2 URLError', ['urllib.error', 'URLError']],
    ['whichdb whichdb', ['dbm', 'whichdb']]
]);
/**
 * One mapping step, as `_pickle_Unpickler_find_class_impl` does: the pair mapping if
 * present, else the module mapping.
 */
function fixImports(module, name) {
    const pair = NAME_MAPPING.get(`${module} ${name}`);
    if (pair !== undefined)
        return [pair[0], pair[1]];
    return [IMPORT_MAPPING.get(module) ?? module, name];
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/scan/pickle/literals.ts
// Static evaluation of the few pure functions that turn constants into bytes
// (`_codecs.encode`, base64, hex, zlib, `bytes(...)`): their results are what a nested
// deserializer (`pickle.loads(base64.b64decode('...'))`) would receive. Nothing here
// runs Python code; each function is reimplemented over constants only.


/** Bound on bytes produced by decompression here (a nested payload, not model weights). */
const MAX_OUTPUT = 64 << 20;
const UNKNOWN_BYTES = new PyOpaque('bytes computed from a payload too large to keep');
function bytesOf(value) {
    if (value instanceof PyBytes)
        return value.truncated ? null : value.data;
    return undefined;
}
function encodeText(text, encoding) {
    const enc = encoding.toLowerCase().replace(/[-_ ]/g, '');
    if (enc === 'latin1' || enc === 'iso88591' || enc === 'l1' || enc === 'ascii') {
        const limit = enc === 'ascii' ? 0x80 : 0x100;
        const out = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c >= limit)
                return undefined;
            out[i] = c;
        }
        return out;
    }
    if (enc === 'utf8')
        return Buffer.from(text, 'utf8');
    return undefined;
}
function asBytes(value) {
    if (typeof value === 'string')
        return Buffer.from(value, 'latin1');
    if (value instanceof PyLongStr)
        return null;
    return bytesOf(value);
}
/** `codecs.decode(data, codec)` for the bytes-to-bytes codecs used to hide payloads. */
function decodeBinaryCodec(data, codec) {
    const c = codec.toLowerCase().replace(/[-_ ]/g, '');
    const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
    if (c === 'base64' || c === 'base64codec')
        return Buffer.from(text, 'base64');
    if (c === 'hex' || c === 'hexcodec')
        return Buffer.from(text, 'hex');
    if (c === 'zlib' || c === 'zlibcodec')
        return inflate(data);
    return undefined;
}
function inflate(data) {
    try {
        return (0,external_node_zlib_namespaceObject.inflateSync)(data, { maxOutputLength: MAX_OUTPUT });
    }
    catch {
        try {
            return (0,external_node_zlib_namespaceObject.unzipSync)(data, { maxOutputLength: MAX_OUTPUT });
        }
        catch {
            return undefined;
        }
    }
}
const bytesResult = (data, offset) => data === null ? UNKNOWN_BYTES : data === undefined ? undefined : new PyBytes(data, data.length, offset);
const fromText = (decoder) => (args, offset) => {
    const input = asBytes(args[0] ?? null);
    if (input === null)
        return UNKNOWN_BYTES;
    return input === undefined ? undefined : bytesResult(decoder(Buffer.from(input).toString('latin1')), offset);
};
const base64 = fromText((t) => Buffer.from(t, 'base64'));
const hex = fromText((t) => Buffer.from(t.replace(/\s+/g, ''), 'hex'));
/** `encode(str, encoding)`: text to bytes (latin-1, ascii, utf-8). */
const codecEncode = (args, offset) => {
    const [input, encoding = 'utf-8'] = args;
    if (typeof encoding !== 'string')
        return undefined;
    if (typeof input === 'string')
        return bytesResult(encodeText(input, encoding), offset);
    return input instanceof PyLongStr ? UNKNOWN_BYTES : undefined;
};
const codecDecode = (args, offset) => {
    const [input, encoding = 'utf-8'] = args;
    if (typeof encoding !== 'string')
        return undefined;
    const data = asBytes(input ?? null);
    return data === null ? UNKNOWN_BYTES : data === undefined ? undefined : bytesResult(decodeBinaryCodec(data, encoding), offset);
};
const bytesCtor = (mutable) => (args, offset) => {
    const [input, encoding] = args;
    if (typeof input === 'string' && typeof encoding === 'string') {
        const data = encodeText(input, encoding);
        return data && new PyBytes(data, data.length, offset, mutable);
    }
    if (input instanceof PyBytes)
        return new PyBytes(input.data, input.length, offset, mutable);
    if (input instanceof PyContainer && (input.type === 'list' || input.type === 'tuple') && !input.partial) {
        if (!input.items.every((v) => typeof v === 'number' && v >= 0 && v < 256))
            return undefined;
        return new PyBytes(Uint8Array.from(input.items), input.size, offset, mutable);
    }
    return undefined;
};
const zlibDecompress = (args, offset) => {
    const data = bytesOf(args[0] ?? null);
    return data === null ? UNKNOWN_BYTES : data === undefined ? undefined : bytesResult(inflate(data), offset);
};
/** File-like wrappers: the nested loader reads the bytes they wrap. */
const passThrough = (args) => (args[0] instanceof PyBytes || args[0] === UNKNOWN_BYTES ? args[0] : undefined);
const EVALUATORS = new Map([
    ['_codecs.encode', codecEncode],
    ['codecs.encode', codecEncode],
    ['_codecs.decode', codecDecode],
    ['codecs.decode', codecDecode],
    ['base64.b64decode', base64],
    ['base64.standard_b64decode', base64],
    ['base64.decodebytes', base64],
    ['base64.urlsafe_b64decode', fromText((t) => Buffer.from(t, 'base64url'))],
    ['binascii.a2b_base64', base64],
    ['base64.b16decode', hex],
    ['binascii.unhexlify', hex],
    ['binascii.a2b_hex', hex],
    ['builtins.bytes.fromhex', hex],
    ['builtins.bytearray.fromhex', hex],
    ['builtins.bytes', bytesCtor(false)],
    ['builtins.bytearray', bytesCtor(true)],
    ['zlib.decompress', zlibDecompress],
    ['io.BytesIO', passThrough],
    ['_io.BytesIO', passThrough]
]);
/** The value `name(*args)` returns, when it is a pure bytes-producing function of constants. */
function evaluateCall(name, args, offset) {
    const evaluator = EVALUATORS.get(name);
    if (evaluator === undefined || !(args instanceof PyContainer) || args.type !== 'tuple')
        return undefined;
    return evaluator(args.items, offset);
}

;// CONCATENATED MODULE: ./src/scan/pickle/memo.ts
// The unpickler memo, sized for pickles that memoize millions of values. Python's
// pickler memoizes every str it writes; kept as JS strings they would dominate the
// heap (tens of bytes each), so short strings live as UTF-16 code units in one arena
// and become JS strings again only when a GET reads them.

/** Strings up to this many code units go to the arena. */
const ARENA_STRING_MAX = 64;
/** Slots below this index use the dense typed arrays; others (sparse LONG_BINPUT indices) a map. */
const DENSE_SLOTS = 1 << 26;
/** Marks a dense slot whose string is in the arena. */
const IN_ARENA = new PyOpaque('a memoized string');
class Memo {
    values = [];
    sparse = new Map();
    starts = new Int32Array(0);
    lengths = new Uint8Array(0);
    arena = new Uint16Array(1 << 12);
    arenaUsed = 0;
    /** Occupied slots: `memo_len`, where MEMOIZE writes next. */
    size = 0;
    get(index) {
        if (index >= DENSE_SLOTS)
            return this.sparse.get(index);
        const value = index < this.values.length ? this.values[index] : undefined;
        if (value !== IN_ARENA)
            return value;
        const start = this.starts[index];
        return String.fromCharCode.apply(null, this.arena.subarray(start, start + this.lengths[index]));
    }
    set(index, value) {
        if (index >= DENSE_SLOTS) {
            if (!this.sparse.has(index))
                this.size++;
            this.sparse.set(index, value);
            return;
        }
        if (index >= this.values.length || this.values[index] === undefined)
            this.size++;
        if (typeof value === 'string' && value.length <= ARENA_STRING_MAX) {
            this.store(index, value);
            value = IN_ARENA;
        }
        this.values[index] = value;
    }
    store(index, text) {
        if (index >= this.starts.length) {
            const capacity = Math.min(DENSE_SLOTS, Math.max(1024, index + 1, this.starts.length * 2));
            const starts = new Int32Array(capacity);
            starts.set(this.starts);
            const lengths = new Uint8Array(capacity);
            lengths.set(this.lengths);
            [this.starts, this.lengths] = [starts, lengths];
        }
        if (this.arenaUsed + text.length > this.arena.length) {
            const arena = new Uint16Array(Math.max(this.arena.length * 2, this.arenaUsed + text.length));
            arena.set(this.arena.subarray(0, this.arenaUsed));
            this.arena = arena;
        }
        this.starts[index] = this.arenaUsed;
        this.lengths[index] = text.length;
        for (let i = 0; i < text.length; i++)
            this.arena[this.arenaUsed++] = text.charCodeAt(i);
    }
}

;// CONCATENATED MODULE: ./src/scan/pickle/report.ts
// Findings of one pickle stream: deduplicated per (rule, global) with the first offset
// and a count, messages that name the global, the offset and the entry and say what to do.

/** Extra rule of this analyzer (same `family/name` shape as DESIGN's table). */
const FRAME_DESYNC_RULE = 'pickle/frame-desync';
/** Rules that mean "a global is not known to be safe": any of them blocks the `pickle/format` verdict. */
const GLOBAL_RULES = new Set([RULES.dangerousGlobal, RULES.dynamicGlobal, RULES.unknownGlobal, FRAME_DESYNC_RULE]);
const DO_NOT_LOAD = 'Do not load this file (pickle.load, torch.load(weights_only=False), joblib.load, numpy.load(allow_pickle=True)); obtain the weights as safetensors from a trusted source.';
function where(offset, entry) {
    return entry === undefined ? `at offset ${offset}` : `at offset ${offset} in ${entry}`;
}
class FindingSink {
    entry;
    findings = [];
    index = new Map();
    constructor(entry) {
        this.entry = entry;
    }
    /**
     * Records one occurrence. `message` is built only for the first occurrence of a
     * (rule, global) pair, so repeated findings on a hot path cost a map lookup.
     */
    add(rule, severity, offset, global, message, detail) {
        const key = global === undefined ? rule : `${rule}\0${global}`;
        const seen = this.index.get(key);
        if (seen !== undefined) {
            seen.count = seen.count + 1;
            return;
        }
        const location = this.entry === undefined ? { offset } : { entry: this.entry, offset };
        const finding = { rule, severity, message: message(), location, ...(global !== undefined ? { global } : {}), ...detail, count: 1 };
        this.index.set(key, finding);
        this.findings.push(finding);
    }
    /** Adds a finding made elsewhere (a nested stream), deduplicated under `key`. */
    adopt(key, finding) {
        const seen = this.index.get(key);
        if (seen !== undefined) {
            seen.count = seen.count + (finding.count ?? 1);
            return;
        }
        this.index.set(key, finding);
        this.findings.push(finding);
    }
    malformed(offset, problem) {
        this.add(RULES.pickleMalformed, 'high', offset, undefined, () => `Broken pickle stream ${where(offset, this.entry)}: ${problem}. A loader stops here with an error, after running everything before it; no loader reads this stream cleanly. Regenerate the file from its source.`);
    }
    incomplete(offset, reason) {
        this.add(RULES.incomplete, 'high', offset, undefined, () => `Pickle stream not fully analysed ${where(offset, this.entry)}: ${reason}. What follows was not checked, so the file is not known to be safe; review it by hand or raise the limit.`);
    }
    /** True when no global was found that is not on the allowlist. */
    get allAllowlisted() {
        return !this.findings.some((f) => GLOBAL_RULES.has(f.rule));
    }
}
/**
 * The single file-level verdict for pickle data whose globals are all allowlisted
 * (one per file, also for containers with several pickle members).
 */
function pickleFormatFinding(options, entry) {
    const severity = options.picklePolicy === 'allow-safe' ? 'info' : 'medium';
    const what = entry === undefined ? 'This file holds pickle data' : `This file holds pickle data (${entry})`;
    return {
        rule: RULES.pickleFormat,
        severity,
        message: `${what}; every global it imports is on the allowlist, but loading a pickle can run code if the file is swapped or edited. ` +
            'Convert it to safetensors (or load it with torch.load(weights_only=True)); set pickle-policy: allow-safe to accept allowlisted pickles.',
        ...(entry !== undefined ? { location: { entry } } : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/pickle/machine.ts
// The symbolic unpickler: a real stack, mark stack and memo run over decoded opcodes
// the way `_pickle.c` runs them, with symbolic values instead of Python objects. It
// resolves every import and call target like `find_class`, reports what the policy
// says about each, and keeps going after loader errors (reporting them) so that
// nothing later in the stream goes unseen.








const ITEM_BUDGET = 1 << 18;
/** Placeholder pushed where the loader has already failed: operations on it report nothing more. */
const FAILED = new PyOpaque('the result of a failed operation', true);
const PERSISTENT = new PyOpaque('a persistent-id object (persistent_load)');
const BUFFER = new PyOpaque('an out-of-band buffer');
class Machine {
    sink;
    policy;
    onBuild;
    stack = [];
    marks = [];
    memo = new Memo();
    /** Last PROTO value of the current pickle: `find_class` remaps names when < 3. */
    proto = 0;
    /** Imports and calls run in the current pickle (what a break leaves executed). */
    acted = 0;
    /** Nested deserializer calls waiting to be scanned. */
    nested = [];
    /** Set by BUILD when the hook asks the loader to read inline data. */
    buildAction;
    saved = [];
    globals = new Map();
    /** Container values kept per stream: bounds memory on pickles that build millions of small lists. */
    itemBudget = ITEM_BUDGET;
    spentContainers = new Map();
    constructor(sink, policy, onBuild) {
        this.sink = sink;
        this.policy = policy;
        this.onBuild = onBuild;
    }
    /** A new `load()`: fresh stack, memo and protocol. */
    startPickle() {
        this.stack = [];
        this.marks = [];
        this.memo = new Memo();
        this.proto = 0;
        this.acted = 0;
    }
    /** Runs a pickle inline (joblib object arrays) and comes back to this one at its STOP. */
    pushPickle() {
        this.saved.push({ stack: this.stack, marks: this.marks, memo: this.memo, proto: this.proto });
        this.startPickle();
    }
    /** True when a STOP ends an inline pickle (the outer one continues); its result was pushed there. */
    popPickle(result) {
        const outer = this.saved.pop();
        if (outer === undefined)
            return false;
        ({ stack: this.stack, marks: this.marks, memo: this.memo, proto: this.proto } = outer);
        this.stack[this.stack.length - 1] = result;
        return true;
    }
    /** STOP: returns the top of the stack. */
    stop(offset) {
        return this.pop(offset);
    }
    /** Executes one decoded opcode (all but STOP and FRAME, which the analyzer handles). */
    exec(d, offset) {
        const s = this.stack;
        switch (d.code) {
            case Op.MARK:
                this.marks.push(s.length);
                return;
            case Op.POP:
                if (this.marks.length > 0 && this.marks[this.marks.length - 1] === s.length)
                    this.marks.pop();
                else
                    this.pop(offset);
                return;
            case Op.POP_MARK: {
                const mark = this.popMark(offset);
                if (mark >= 0)
                    s.length = mark;
                return;
            }
            case Op.DUP:
                s.push(this.peek(offset));
                return;
            case Op.BININT:
            case Op.BININT1:
            case Op.BININT2:
                s.push(d.num | 0); // an int32 again: stored as a small integer, not a boxed double
                return;
            case Op.NONE:
                s.push(null);
                return;
            case Op.NEWTRUE:
                s.push(true);
                return;
            case Op.NEWFALSE:
                s.push(false);
                return;
            case Op.FLOAT:
            case Op.INT:
            case Op.LONG:
            case Op.STRING:
            case Op.UNICODE:
            case Op.BINFLOAT:
            case Op.BINSTRING:
            case Op.SHORT_BINSTRING:
            case Op.BINUNICODE:
            case Op.SHORT_BINUNICODE:
            case Op.BINUNICODE8:
            case Op.BINBYTES:
            case Op.SHORT_BINBYTES:
            case Op.BINBYTES8:
            case Op.BYTEARRAY8:
            case Op.LONG1:
            case Op.LONG4:
                if (d.fault !== null)
                    this.sink.malformed(offset, d.fault);
                s.push(d.value);
                return;
            case Op.EMPTY_DICT:
                s.push(this.container('dict', []));
                return;
            case Op.EMPTY_LIST:
                s.push(this.container('list', []));
                return;
            case Op.EMPTY_TUPLE:
                s.push(this.container('tuple', []));
                return;
            case Op.EMPTY_SET:
                s.push(this.container('set', []));
                return;
            case Op.TUPLE1:
            case Op.TUPLE2:
            case Op.TUPLE3: {
                const n = d.code - Op.TUPLE1 + 1;
                const items = new Array(n);
                for (let i = n - 1; i >= 0; i--)
                    items[i] = this.pop(offset);
                s.push(this.container('tuple', items));
                return;
            }
            case Op.TUPLE:
            case Op.LIST:
            case Op.FROZENSET:
                s.push(this.fromMark(d.code === Op.TUPLE ? 'tuple' : d.code === Op.LIST ? 'list' : 'frozenset', offset));
                return;
            case Op.DICT:
                s.push(this.fromMark('dict', offset));
                return;
            case Op.GET:
            case Op.BINGET:
            case Op.LONG_BINGET:
                if (d.fault !== null) {
                    this.sink.malformed(offset, d.fault);
                    s.push(FAILED);
                }
                else
                    s.push(this.memoGet(d.num, offset));
                return;
            case Op.PUT:
            case Op.BINPUT:
            case Op.LONG_BINPUT:
                if (d.fault !== null)
                    this.sink.malformed(offset, d.fault);
                else
                    this.memoPut(d.num, offset);
                return;
            case Op.MEMOIZE:
                this.memoPut(this.memo.size, offset);
                return;
            case Op.PROTO:
                if (d.num > HIGHEST_PROTOCOL)
                    this.sink.malformed(offset, `unsupported pickle protocol: ${d.num}`);
                else
                    this.proto = d.num;
                return;
            case Op.PERSID:
                if (d.fault !== null)
                    this.sink.malformed(offset, d.fault);
                s.push(PERSISTENT);
                return;
            case Op.BINPERSID:
                this.pop(offset);
                s.push(PERSISTENT);
                return;
            case Op.NEXT_BUFFER:
                s.push(BUFFER);
                return;
            case Op.READONLY_BUFFER:
                this.peek(offset);
                return;
            case Op.GLOBAL:
                s.push(d.fault !== null ? this.failed(offset, d.fault) : this.importGlobal(d.module, d.name, d.namesTruncated, offset));
                return;
            case Op.STACK_GLOBAL: {
                const name = this.pop(offset);
                const module = this.pop(offset);
                s.push(this.stackGlobal(module, name, offset));
                return;
            }
            case Op.EXT1:
            case Op.EXT2:
            case Op.EXT4:
                s.push(this.extension(d.num, offset));
                return;
            case Op.REDUCE: {
                const args = this.pop(offset);
                const callee = this.pop(offset);
                s.push(this.call(callee, args, 'REDUCE', offset));
                return;
            }
            case Op.NEWOBJ: {
                const args = this.pop(offset);
                const cls = this.pop(offset);
                s.push(this.call(cls, args, 'NEWOBJ', offset));
                return;
            }
            case Op.NEWOBJ_EX: {
                this.pop(offset); // kwargs
                const args = this.pop(offset);
                const cls = this.pop(offset);
                s.push(this.call(cls, args, 'NEWOBJ_EX', offset));
                return;
            }
            case Op.OBJ: {
                const mark = this.popMark(offset);
                if (mark < 0 || s.length - mark < 1) {
                    if (mark >= 0)
                        this.sink.malformed(offset, 'unpickling stack underflow (OBJ without a class)');
                    s.push(FAILED);
                    return;
                }
                const items = s.splice(mark);
                s.push(this.call(items[0], this.container('tuple', items.slice(1)), 'OBJ', offset));
                return;
            }
            case Op.INST: {
                const mark = this.popMark(offset);
                if (mark < 0) {
                    s.push(FAILED);
                    return;
                }
                const cls = d.fault !== null ? this.failed(offset, d.fault) : this.importGlobal(d.module, d.name, d.namesTruncated, offset);
                s.push(this.call(cls, this.container('tuple', s.splice(mark)), 'INST', offset));
                return;
            }
            case Op.BUILD:
                this.build(offset);
                return;
            case Op.APPEND: {
                const x = s.length - 1;
                if (x <= 0)
                    return this.underflow(offset);
                this.mutate(s[x - 1], 'list', x, 'APPEND', offset);
                return;
            }
            case Op.SETITEM: {
                const x = s.length - 2;
                if (x <= 0)
                    return this.underflow(offset);
                this.mutate(s[x - 1], 'dict', x, 'SETITEM', offset);
                return;
            }
            case Op.APPENDS:
            case Op.SETITEMS:
            case Op.ADDITEMS: {
                const mark = this.popMark(offset);
                if (mark < 0)
                    return;
                if (mark === 0)
                    return this.underflow(offset);
                if (s.length === mark)
                    return; // an empty region makes no call
                const kind = d.code === Op.APPENDS ? 'list' : d.code === Op.SETITEMS ? 'dict' : 'set';
                if (kind === 'dict' && (s.length - mark) % 2 !== 0) {
                    this.sink.malformed(offset, 'odd number of items for SETITEMS');
                    s.length = mark;
                    return;
                }
                this.mutate(s[mark - 1], kind, mark, opName(d.code), offset);
                return;
            }
        }
    }
    // -- stack -----------------------------------------------------------------
    fence() {
        return this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
    }
    underflow(offset) {
        this.sink.malformed(offset, 'unpickling stack underflow');
    }
    pop(offset) {
        if (this.stack.length <= this.fence()) {
            this.underflow(offset);
            return FAILED;
        }
        return this.stack.pop();
    }
    peek(offset) {
        if (this.stack.length <= this.fence()) {
            this.underflow(offset);
            return FAILED;
        }
        return this.stack[this.stack.length - 1];
    }
    /** `marker()`: pops the top mark; -1 (reported) when there is none. */
    popMark(offset) {
        const mark = this.marks.pop();
        if (mark === undefined) {
            this.sink.malformed(offset, 'could not find MARK');
            return -1;
        }
        return mark;
    }
    fromMark(type, offset) {
        const mark = this.popMark(offset);
        if (mark < 0)
            return FAILED;
        const items = this.stack.splice(mark);
        if (type === 'dict' && items.length % 2 !== 0) {
            this.sink.malformed(offset, 'odd number of items for DICT');
            return FAILED;
        }
        return this.container(type, items);
    }
    /** A container of `items`, keeping what the per-container cap and the stream's item budget allow. */
    container(type, items) {
        const size = type === 'dict' ? items.length >> 1 : items.length;
        if (this.itemBudget <= 0)
            return this.spent(type);
        let keep = Math.min(items.length, CONTAINER_ITEMS, this.itemBudget);
        if (type === 'dict')
            keep &= ~1;
        if (keep < items.length)
            items.length = keep;
        this.itemBudget -= keep;
        return new PyContainer(type, items, size);
    }
    /**
     * Once the item budget is spent, one shared contentless container per type stands
     * for all new ones: their contents are unknown anyway, and millions of memoized
     * small lists then cost nothing.
     */
    spent(type) {
        let shared = this.spentContainers.get(type);
        if (shared === undefined) {
            shared = new PyContainer(type, [], 1); // size > kept items: partial
            this.spentContainers.set(type, shared);
        }
        return shared;
    }
    failed(offset, problem) {
        this.sink.malformed(offset, problem);
        return FAILED;
    }
    // -- memo ------------------------------------------------------------------
    memoGet(index, offset) {
        const value = this.memo.get(index);
        if (value !== undefined)
            return value;
        this.sink.malformed(offset, `Memo value not found at index ${index}`);
        // Not FAILED: a loader that keeps one Unpickler across load() calls has this slot from an earlier pickle.
        return new PyOpaque(`missing memo slot ${index}`);
    }
    memoPut(index, offset) {
        this.memo.set(index, this.peek(offset));
    }
    // -- imports ---------------------------------------------------------------
    /** `find_class(module, name)`: Python 2 remapping below protocol 3, then the policy. */
    importGlobal(module, name, truncated, offset) {
        this.acted++;
        if (truncated)
            return this.dynamic(`${module}….${name}…`, 'a GLOBAL name too long to keep', offset);
        const [mod, qual] = this.proto < 3 ? fixImports(module, name) : [module, name];
        const key = `${mod}\0${qual}`;
        let global = this.globals.get(key);
        const verdict = this.policy.judge(mod, qual);
        if (global === undefined) {
            global = new PyGlobal(verdict.name, offset, verdict.caps);
            this.globals.set(key, global);
        }
        const written = mod !== module || qual !== name ? `${module}.${name}` : undefined;
        this.report(verdict, written, offset);
        return global;
    }
    report(verdict, written, offset) {
        const at = where(offset, this.sink.entry);
        // Names are never trimmed (the loader does not): show control characters such as CR.
        const name = /[\x00-\x1f\x7f]/.test(verdict.name) ? JSON.stringify(verdict.name) : verdict.name;
        const via = written !== undefined ? ` (written ${written}, remapped for protocol < 3)` : '';
        const reached = verdict.reached !== undefined ? `, which reaches ${verdict.reached}` : '';
        if (verdict.level === 'dangerous') {
            this.sink.add(RULES.dangerousGlobal, 'critical', offset, verdict.name, () => `Pickle imports ${name}${via}${reached} ${at}: ${verdict.category}. Loading this file runs it. ${DO_NOT_LOAD}`, verdict.reached !== undefined ? { reached: verdict.reached } : undefined);
        }
        else if (verdict.level === 'unknown') {
            this.sink.add(RULES.unknownGlobal, 'high', offset, verdict.name, () => `Pickle imports ${name}${via} ${at}, which is not on the allowlist: loading this file imports and may call it. ` +
                `If you trust this code, allow it with --allow-global ${suggestPattern(name)} (action input allow-globals); better, save the model without pickle (safetensors, ONNX, skops).`);
        }
    }
    dynamic(name, why, offset) {
        this.sink.add(RULES.dynamicGlobal, 'critical', offset, name, () => `Pickle computes the callable it imports or calls ${where(offset, this.sink.entry)} (${why}): it cannot be checked statically. ${DO_NOT_LOAD}`);
        return new PyGlobal(name, offset, null, true);
    }
    /** STACK_GLOBAL: both operands must be exact str; anything computed is a dynamic global. */
    stackGlobal(module, name, offset) {
        if (typeof module === 'string' && typeof name === 'string')
            return this.importGlobal(module, name, false, offset);
        if (module === FAILED || name === FAILED)
            return FAILED;
        const computed = [module, name].find(isComputed);
        if (computed === undefined)
            return this.failed(offset, `STACK_GLOBAL requires str (got ${describe(typeof module === 'string' ? name : module)})`);
        this.acted++;
        const part = (v) => (typeof v === 'string' ? v : `<${describe(v)}>`);
        return this.dynamic(`${part(module)}.${part(name)}`, `STACK_GLOBAL operand is ${describe(computed)}`, offset);
    }
    /** EXT1/2/4: a code from the copyreg extension registry, which any imported library may fill. */
    extension(code, offset) {
        if (code <= 0)
            return this.failed(offset, 'EXT specifies code <= 0');
        this.acted++;
        return this.dynamic(`copyreg extension code ${code}`, 'EXT opcode: resolved through the runtime copyreg registry', offset);
    }
    // -- calls and mutation ----------------------------------------------------
    call(callee, args, how, offset) {
        if (callee === FAILED)
            return FAILED;
        this.acted++;
        if (callee instanceof PyGlobal) {
            if (!callee.dynamic && callee.allowed !== null && !callee.allowed.call) {
                this.sink.add(RULES.unknownGlobal, 'high', offset, `${callee.name} (called)`, () => `${how} ${where(offset, this.sink.entry)} calls ${callee.name}, which is allowlisted only as a value, not as a callable. ${DO_NOT_LOAD}`);
            }
            if (!callee.dynamic && isNestedDeserializer(callee.name))
                this.queueNested(callee.name, args, offset);
            const literal = evaluateCall(callee.name, args, offset);
            if (literal !== undefined)
                return literal;
            if (how === 'REDUCE' && args !== FAILED && isConstant(args) && !(args instanceof PyContainer && args.type === 'tuple')) {
                this.sink.malformed(offset, `REDUCE arguments must be a tuple (got ${describe(args)})`);
            }
            return new PyInstance(callee, args, offset);
        }
        if (isComputed(callee)) {
            this.dynamic(`<${describe(callee)}>()`, `${how} calls ${describe(callee)}, a value computed at load time`, offset);
            return new PyInstance(callee, args, offset);
        }
        return this.failed(offset, `${how}: ${describe(callee)} is not callable`);
    }
    queueNested(via, args, offset) {
        const payloads = collectBytes(args, 3);
        if (payloads.length === 0 && containsUnknown(args, 3))
            this.nested.push({ via, offset, payload: null });
        for (const payload of payloads)
            this.nested.push({ via, offset, payload });
    }
    build(offset) {
        const s = this.stack;
        if (s.length - 2 < this.fence())
            return this.underflow(offset);
        const state = s.pop();
        const target = s[s.length - 1];
        if (target === FAILED)
            return;
        this.acted++;
        const at = where(offset, this.sink.entry);
        if (target instanceof PyGlobal) {
            if (!target.dynamic) {
                this.sink.add(RULES.dangerousGlobal, 'critical', offset, `${target.name} (BUILD target)`, () => `BUILD ${at} writes attributes into ${target.name} itself (a module, class or function object), poisoning it for everything loaded after. ${DO_NOT_LOAD}`);
            }
        }
        else if (target instanceof PyInstance) {
            const cls = target.cls;
            if (cls !== null && cls.allowed !== null && !cls.allowed.build) {
                this.sink.add(RULES.unknownGlobal, 'high', offset, `${cls.name} (BUILD)`, () => `BUILD ${at} sets the state of a ${cls.name} result, which the allowlist does not permit (it runs __setstate__ or setattr). ${DO_NOT_LOAD}`);
            }
        }
        else if (!(target instanceof PyOpaque)) {
            this.sink.malformed(offset, `BUILD on ${describe(target)}, which has no state to set`);
        }
        this.buildAction = this.onBuild?.(target, state, offset);
        if (this.buildAction?.value !== undefined)
            s[s.length - 1] = this.buildAction.value;
    }
    /**
     * APPEND(S), SETITEM(S), ADDITEMS of the stack items from `start` up: in place on a
     * literal container, a method call on anything else. The items leave the stack.
     */
    mutate(target, kind, start, how, offset) {
        const s = this.stack;
        if (target instanceof PyContainer) {
            if (target.type === kind)
                this.itemBudget -= target.addRange(s, start, this.itemBudget);
            else if (!(kind === 'dict' && target.type === 'list')) {
                // `list[i] = v` is plain item assignment; anything else raises in the loader
                this.sink.malformed(offset, `${how} on a ${target.type}`);
            }
            s.length = start;
            return;
        }
        s.length = start;
        if (target === FAILED)
            return;
        this.acted++;
        const at = where(offset, this.sink.entry);
        const method = kind === 'list' ? 'extend/append' : kind === 'dict' ? '__setitem__' : 'add';
        if (target instanceof PyGlobal) {
            if (!target.dynamic) {
                this.sink.add(RULES.dangerousGlobal, 'critical', offset, `${target.name} (${how} target)`, () => `${how} ${at} mutates ${target.name} itself through ${method}, poisoning a module-level object. ${DO_NOT_LOAD}`);
            }
            return;
        }
        if (target instanceof PyInstance) {
            const cls = target.cls;
            if (cls !== null && cls.allowed !== null && !cls.allowed.items) {
                this.sink.add(RULES.unknownGlobal, 'high', offset, `${cls.name} (${how})`, () => `${how} ${at} calls ${method} on a ${cls.name} result, which the allowlist does not permit. ${DO_NOT_LOAD}`);
            }
            return;
        }
        if (target instanceof PyOpaque) {
            this.sink.add(RULES.unknownGlobal, 'high', offset, `${target.what} (${how})`, () => `${how} ${at} calls ${method} on ${target.what}, whose type is decided at load time. ${DO_NOT_LOAD}`);
            return;
        }
        if (!(target instanceof PyBytes && target.mutable))
            this.sink.malformed(offset, `${how} on ${describe(target)}`);
    }
}
/** Values only known at load time: results, globals, opaque objects, truncated strings. */
function isComputed(value) {
    return value !== null && typeof value === 'object' && (value.kind === 'instance' || value.kind === 'global' || value.kind === 'opaque' || value.kind === 'longstr');
}
function isConstant(value) {
    return !isComputed(value);
}
/** Bytes reachable from call arguments (through containers and wrapper calls such as `io.BytesIO`). */
function collectBytes(value, depth) {
    if (value instanceof PyBytes)
        return [value];
    if (depth === 0)
        return [];
    if (value instanceof PyContainer)
        return value.items.flatMap((v) => collectBytes(v, depth - 1));
    if (value instanceof PyInstance)
        return collectBytes(value.args, depth - 1);
    return [];
}
function containsUnknown(value, depth) {
    if (value instanceof PyOpaque)
        return !value.poisoned;
    if (value instanceof PyContainer)
        return value.partial || (depth > 0 && value.items.some((v) => containsUnknown(v, depth - 1)));
    if (value instanceof PyInstance && depth > 0)
        return containsUnknown(value.args, depth - 1);
    return value !== null && typeof value === 'object' && value.kind === 'longstr';
}
/** A pattern to suggest for `--allow-global`: the top-level package. */
function suggestPattern(name) {
    return `${name.split('.')[0]}.*`;
}

;// CONCATENATED MODULE: ./src/scan/pickle/analyze.ts







/** Frames up to this size are buffered whole when they start, as the C unpickler checks them. */
const FRAME_PREFILL_MAX = 4 << 20;
/** Bytes of decoded payloads above `PREFIX` kept per stream; past it, payloads keep only a prefix. */
const RETAIN_BUDGET = 64 << 20;
const defaultNestedScanner = async (bytes, ctx) => (await analyzePickleStream(sourceChunks(bufferSource(bytes)), { ctx })).findings;
async function analyzePickleStream(stream, opts) {
    const { ctx } = opts;
    const sink = new FindingSink(ctx.entry);
    const machine = new Machine(sink, new GlobalPolicy(ctx.options.allowGlobals), opts.onBuild);
    const input = new Input(stream, opts.baseOffset ?? 0);
    const dec = new Decoder();
    const maxOpcodes = ctx.options.limits.maxOpcodes;
    let opcodes = 0;
    let pickles = 0;
    let inPickle = false;
    let acted = false;
    let retained = 0;
    let frameStart = -1;
    let frameEnd = -1;
    const broken = (offset, problem) => {
        if (inPickle)
            sink.malformed(offset, machine.acted > 0 ? `${problem} (after ${machine.acted} imports or calls had already run)` : problem);
        else if (pickles > 0)
            sink.malformed(offset, `the data after pickle ${pickles} does not decode as a pickle (${problem}); a loader that reads on fails here`);
        else
            sink.malformed(offset, `not a readable pickle (${problem})`);
    };
    machine.startPickle();
    run: for (;;) {
        const step = dec.decode(input.buf, input.pos, input.buf.length, input.eof, input.offset);
        if (step === Step.Need) {
            await input.fill(dec.need);
            continue;
        }
        const offset = input.offset;
        if (step === Step.End) {
            if (inPickle)
                broken(offset, 'Ran out of input before STOP');
            if (frameEnd > offset)
                sink.malformed(frameStart, `FRAME announces data up to offset ${frameEnd} but the stream ends at ${offset}; the C unpickler fails at this FRAME`);
            break;
        }
        if (step === Step.Invalid) {
            broken(offset, dec.fault);
            break;
        }
        if (opcodes >= maxOpcodes) {
            sink.incomplete(offset, `the opcode limit (limits.maxOpcodes = ${maxOpcodes}) was reached`);
            break;
        }
        opcodes++;
        inPickle = true;
        if (step === Step.Large) {
            const length = dec.num;
            input.pos = dec.next;
            const { prefix, taken } = await input.take(length, PREFIX);
            if (taken < length) {
                broken(offset, 'pickle data was truncated');
                break;
            }
            dec.fromLarge(prefix, length, offset);
        }
        else if (step === Step.LongLine) {
            input.pos++;
            const prefixes = [];
            const lengths = [];
            for (let i = dec.code === Op.GLOBAL || dec.code === Op.INST ? 2 : 1; i > 0; i--) {
                const line = await input.takeLine(PREFIX);
                if (!line.found) {
                    broken(offset, 'pickle data was truncated');
                    break run;
                }
                prefixes.push(line.prefix);
                lengths.push(line.length);
            }
            dec.fromLongLines(prefixes, lengths);
        }
        else {
            input.pos = dec.next;
        }
        const opEnd = input.offset;
        if (opEnd - offset > PREFIX && step !== Step.Large) {
            retained += opEnd - offset;
            if (retained > RETAIN_BUDGET)
                dec.inlineMax = PREFIX;
        }
        if (frameEnd >= 0) {
            if (offset >= frameEnd)
                frameEnd = -1;
            else if (opEnd > frameEnd && dec.code !== Op.FRAME) {
                frameDesync(sink, offset, `${opName(dec.code)} crosses the end of the FRAME at offset ${frameStart} (frame ends at ${frameEnd}, the opcode at ${opEnd})`);
                frameEnd = -1;
            }
        }
        switch (dec.code) {
            case Op.STOP: {
                const result = machine.stop(offset);
                if (machine.popPickle(result))
                    continue;
                pickles++;
                inPickle = false;
                acted ||= machine.acted > 0;
                frameEnd = -1;
                if (opts.maxPickles !== undefined && pickles >= opts.maxPickles)
                    break run;
                if (!(await input.more()))
                    break run;
                machine.startPickle();
                continue;
            }
            case Op.FRAME:
                if (frameEnd >= 0 && offset < frameEnd)
                    frameDesync(sink, offset, `FRAME starts before the FRAME at offset ${frameStart} is consumed (it ends at ${frameEnd})`);
                frameStart = offset;
                frameEnd = opEnd + dec.num;
                if (dec.num <= FRAME_PREFILL_MAX && !(await input.fill(dec.num))) {
                    broken(offset, `FRAME of ${dec.num} bytes runs past the end of the data (pickle data was truncated); nothing in it runs`);
                    break run;
                }
                continue;
            default:
                machine.exec(dec, offset);
        }
        if (machine.nested.length > 0)
            await scanNested(machine.nested.splice(0), sink, ctx, opts.nested ?? defaultNestedScanner);
        const action = machine.buildAction;
        if (action !== undefined) {
            machine.buildAction = undefined;
            frameEnd = -1; // the loader reads this data from the file itself, outside any frame
            if ('skipBytes' in action) {
                const { taken } = await input.take(action.skipBytes, 0);
                if (taken < action.skipBytes) {
                    broken(input.offset, `inline data of ${action.skipBytes} bytes after the BUILD at offset ${offset} was truncated`);
                    break;
                }
            }
            else
                machine.pushPickle();
        }
    }
    acted ||= machine.acted > 0;
    return {
        findings: sink.findings,
        pickles,
        end: input.offset,
        opcodes,
        sawPickle: pickles > 0 || acted,
        allAllowlisted: sink.allAllowlisted
    };
}
function frameDesync(sink, offset, problem) {
    sink.add(FRAME_DESYNC_RULE, 'critical', offset, undefined, () => `Inconsistent pickle framing ${where(offset, sink.entry)}: ${problem}. When a loader reads from a file (pickle.load, torch.load) ` +
        `the C unpickler can then decode other opcodes than a linear parser sees (CPython issue 154848): a known way to hide a payload from scanners. ${DO_NOT_LOAD}`);
}
async function scanNested(calls, sink, ctx, scanner) {
    for (const call of calls) {
        const at = where(call.offset, sink.entry);
        if (call.payload === null || call.payload.truncated) {
            const why = call.payload === null ? 'are computed at load time' : `(${call.payload.length} bytes) are too large to keep`;
            sink.incomplete(call.offset, `the bytes passed to ${call.via} ${why}, so the nested pickle was not analysed`);
            continue;
        }
        if (ctx.depth + 1 > ctx.options.limits.maxDepth) {
            sink.incomplete(call.offset, `the bytes passed to ${call.via} are nested deeper than limits.maxDepth = ${ctx.options.limits.maxDepth}`);
            continue;
        }
        const inner = await scanner(call.payload.data, { ...ctx, depth: ctx.depth + 1, entry: undefined });
        for (const finding of inner) {
            const innerOffset = finding.location?.offset;
            sink.adopt(`nested\0${call.via}\0${finding.rule}\0${String(finding.global ?? '')}`, {
                ...finding,
                message: `In the bytes passed to ${call.via} ${at} (nested offset ${innerOffset ?? 0}): ${finding.message}`,
                location: sink.entry === undefined ? { offset: call.offset } : { entry: sink.entry, offset: call.offset },
                nestedIn: call.via,
                ...(innerOffset !== undefined ? { nestedOffset: innerOffset } : {})
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/scan/pickle/scan-pickle.ts




const scanPickle = async (source, ctx) => {
    const result = await analyzePickleStream(sourceChunks(source), { ctx });
    const findings = result.sawPickle && result.allAllowlisted ? [...result.findings, pickleFormatFinding(ctx.options, ctx.entry)] : result.findings;
    return { format: 'pickle', findings, details: { pickles: result.pickles, opcodes: result.opcodes } };
};

;// CONCATENATED MODULE: ./src/scan/dispatch.ts







const passive = (format) => async () => ({ format, findings: [] });
/** What a file name suggests, for content that matched no signature. */
const EXTENSION_HINTS = {
    '.safetensors': scanSafetensors
};
async function scanSource(source, ctx, name) {
    const sniffed = await sniff(source);
    switch (sniffed.kind) {
        case 'empty':
            return { format: 'other', findings: [] };
        case 'lfs-pointer':
            return scanLfsPointer(source, ctx);
        case 'safetensors':
            return scanSafetensors(source, ctx);
        case 'pickle':
            return scanPickle(source, ctx);
        case 'compressed':
            return scanCompressed(ctx, sniffed.compression ?? 'gzip', name);
        case 'zip':
            return notAnalysed('zip', 'zip archive', ctx);
        case 'numpy':
            return notAnalysed('numpy', 'NumPy .npy file', ctx);
        case 'gguf':
            return passive('gguf')(source, ctx);
        case 'hdf5':
            return passive('hdf5')(source, ctx);
        case 'other': {
            const hinted = EXTENSION_HINTS[extensionOf(name)];
            return hinted !== undefined ? hinted(source, ctx) : unrecognised(name, ctx);
        }
    }
}

;// CONCATENATED MODULE: ./src/scan/concurrency.ts
/** Maps `items` through `fn` with at most `limit` calls in flight; results keep input order. */
async function mapConcurrent(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/scan/scan.ts
// The engine entry: paths in, Report out. Knows nothing of GitHub or terminals.






const defaultIo = { openSource: openFileSource };
function listed(path, finding) {
    return { path, format: 'other', size: 0, findings: [finding] };
}
const skippedSymlink = (path) => listed(path, {
    rule: RULES.skippedSymlink,
    severity: 'info',
    message: 'Symbolic link: not followed and not scanned (its target may lie outside the scanned tree). Scan the target path itself if it is a model.'
});
const skippedSpecial = (path) => listed(path, {
    rule: RULES.skippedSpecial,
    severity: 'info',
    message: 'Not a regular file (FIFO, socket or device): not opened and not scanned.'
});
const unreadable = (path, error) => listed(path, {
    rule: RULES.unreadable,
    severity: 'high',
    message: `Could not be read (${error}): not scanned, so it is not known to be safe. Fix the permissions and scan again.`
});
/** Scans one regular file. Never throws: a failure becomes a finding. */
async function scanFile(path, options, io = defaultIo) {
    let source;
    try {
        source = await io.openSource(path);
    }
    catch (err) {
        if (err instanceof NotRegularFileError)
            return skippedSpecial(path);
        if (err.code === 'ELOOP')
            return skippedSymlink(path); // O_NOFOLLOW refused a link
        return unreadable(path, scan_describe(err));
    }
    try {
        const result = await scanSource(source, { options, depth: 0 }, path);
        return { path, format: result.format, size: source.size, findings: result.findings, ...(result.details ? { details: result.details } : {}) };
    }
    catch (err) {
        // A scanner bug or an I/O error mid-file must not read as "clean".
        return {
            path,
            format: 'other',
            size: source.size,
            findings: [{ rule: RULES.incomplete, severity: 'high', message: `Scan failed (${scan_describe(err)}): the file was not fully analysed.` }]
        };
    }
    finally {
        await source.close();
    }
}
function scan_describe(err) {
    const e = err;
    return e.code !== undefined ? `${e.code}: ${e.message}` : err instanceof Error ? err.message : String(err);
}
function scanCandidate(candidate, options, io) {
    switch (candidate.kind) {
        case 'symlink':
            return Promise.resolve(skippedSymlink(candidate.path));
        case 'special':
            return Promise.resolve(skippedSpecial(candidate.path));
        case 'unreadable':
            return Promise.resolve(unreadable(candidate.path, candidate.error ?? 'unknown error'));
        case 'file':
            return scanFile(candidate.path, options, io);
    }
}
/** Scans every regular file under `paths`. Throws MissingPathError for a path that does not exist. */
async function scanPaths(paths, options, io = defaultIo) {
    const candidates = await selectFiles(paths);
    const files = await mapConcurrent(candidates, options.concurrency, (c) => scanCandidate(c, options, io));
    return buildReport(files, options);
}

;// CONCATENATED MODULE: ./src/report/json.ts
function orderFinding({ rule, severity, message, location, ...detail }) {
    return { rule, severity, message, ...(location !== undefined ? { location } : {}), ...detail };
}
function orderFile({ path, format, size, findings, details }) {
    return { path, format, size, findings: findings.map(orderFinding), ...(details !== undefined ? { details } : {}) };
}
function renderJson(report) {
    const { tool, files, summary } = report;
    return `${JSON.stringify({ tool, files: files.map(orderFile), summary }, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/report/describe.ts

/** "entry archive/data.pkl, offset 57" (empty when the finding has no location). */
function describeLocation(finding) {
    const parts = [];
    if (finding.location?.entry !== undefined)
        parts.push(`entry ${finding.location.entry}`);
    if (finding.location?.offset !== undefined)
        parts.push(`offset ${finding.location.offset}`);
    return parts.join(', ');
}
/** "1 critical, 2 medium" or "no findings". */
function describeCounts(report) {
    const parts = SEVERITIES.filter((s) => report.summary.findings[s] > 0).map((s) => `${report.summary.findings[s]} ${s}`);
    return parts.length > 0 ? parts.join(', ') : 'no findings';
}
function describeVerdict(report, failOn) {
    if (report.summary.blocked)
        return `blocked: ${report.summary.maxSeverity} finding(s) at or above fail-on ${failOn}`;
    return failOn === 'never' ? 'passed (fail-on never)' : `passed: nothing at or above fail-on ${failOn}`;
}
/** Findings worst first, stable within a severity. */
function bySeverity(findings) {
    return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

;// CONCATENATED MODULE: ./src/report/escape.ts
// Untrusted text (file names, pickle strings, archive member names) in human-facing output.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Control, line-separator and bidi-override characters made visible as `\xNN`/`\uNNNN`. */
function visible(text) {
    return text.replace(CONTROL, (c) => {
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}
/** Cuts `text` to `max` characters, saying how much was cut. */
function truncate(text, max = 300) {
    return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
/**
 * Markdown/HTML-safe inline text, also safe inside a table cell: every character that
 * Markdown or HTML could interpret becomes a numeric entity, so the text is shown, never parsed.
 */
function escapeMarkdown(text) {
    return visible(text).replace(/[^A-Za-z0-9 ,.;:=?@%/+\-]/gu, (c) => `&#${c.codePointAt(0)};`);
}

;// CONCATENATED MODULE: ./src/report/rules.ts
// What each rule means and what to do about it: shared by the job summary, the check
// run and SARIF (whose rules need a description and help text per rule id).
const rules_RULES = {
    'pickle/dangerous-global': {
        title: 'Pickle calls a dangerous global',
        description: 'The pickle data imports or calls a global on the denylist (code execution, processes, files, network, import machinery, nested deserializers or a known gadget). Loading the file runs it.',
        help: 'Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.'
    },
    'pickle/dynamic-global': {
        title: 'Pickle global cannot be resolved statically',
        description: 'The callable the pickle data invokes is computed at load time (non-constant STACK_GLOBAL operands, extension codes or memo misses), a technique used to hide dangerous calls.',
        help: 'Do not load this file. Re-export the model with a standard saver (torch.save, safetensors) from a trusted environment.'
    },
    'pickle/unknown-global': {
        title: 'Pickle uses a global outside the allowlist',
        description: 'The pickle data imports a global that is neither on the allowlist nor in allow-globals. Loading the file imports and may call it.',
        help: 'Check what the global is. If it is your own trusted class, add it to allow-globals (module.Name or module.*); otherwise convert the model to safetensors.'
    },
    'pickle/malformed': {
        title: 'Malformed pickle stream',
        description: 'The pickle stream is broken after opcodes the loader would already have executed, or is internally inconsistent (bad FRAME, memo miss, data after STOP).',
        help: 'Regenerate the file from a trusted source; a loader may act on the part that was read before the error.'
    },
    'pickle/frame-desync': {
        title: 'Pickle opcodes cross a FRAME boundary',
        description: 'An opcode crosses the end of a protocol-4 FRAME, or a FRAME starts inside an unconsumed one. Loaders and scanners then disagree about which bytes are opcodes: a known way to hide a payload.',
        help: 'Do not load this file. Re-export the model with a standard saver from a trusted environment.'
    },
    'pickle/format': {
        title: 'File holds pickle data',
        description: 'The file holds pickle data and every global in it is allowlisted. Pickle can run code, so the format itself is a risk.',
        help: 'Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.'
    },
    'torchscript/code': {
        title: 'TorchScript or torch.package code',
        description: 'A TorchScript or torch.package archive: the compiled code it carries runs when the model is loaded.',
        help: 'Only load archives from a trusted source; prefer safetensors weights plus model code kept in the repository.'
    },
    'zip/anomaly': {
        title: 'Zip archive that loaders read differently',
        description: 'Loaders could read this archive differently (local versus central names, entries inside other entries, duplicate or case-colliding names, overlaps, several end records).',
        help: 'Rebuild the archive with a standard tool (torch.save, numpy.savez) from a trusted environment.'
    },
    'scan/incomplete': {
        title: 'Not fully analysed',
        description: 'Something a loader would read was not analysed (unsupported compression, encrypted member, limits reached), so the file is not known to be safe.',
        help: 'Store the model uncompressed or as safetensors, or review it by hand before loading it.'
    },
    'scan/unreadable': {
        title: 'File could not be read',
        description: 'The file could not be read, so it was not scanned.',
        help: 'Fix the file permissions and run the scan again.'
    },
    'scan/not-in-checkout': {
        title: 'Changed file missing from the checkout',
        description: 'The file is listed as changed but is not in the checked-out workspace, so it was not scanned.',
        help: 'Check out the pull request (actions/checkout with its defaults) before the scan step.'
    },
    'scan/skipped-symlink': {
        title: 'Symbolic link not followed',
        description: 'A symbolic link: it is never followed, because its target may lie outside the repository.',
        help: 'Scan the target itself if it is a model; avoid symbolic links to model files in pull requests.'
    },
    'scan/skipped-special': {
        title: 'Special file not opened',
        description: 'A FIFO, socket or device: never opened.',
        help: 'Remove special files from the repository.'
    },
    'scan/unrecognized': {
        title: 'Model-like name, unknown content',
        description: 'The file name claims a model format but the content matches no known model format.',
        help: 'Check that the file is what its name says.'
    },
    'lfs/pointer': {
        title: 'Git LFS pointer (model not scanned)',
        description: 'A Git LFS pointer: the model bytes are not in the checkout and were not scanned.',
        help: 'Fetch LFS objects before the scan (actions/checkout with lfs: true, or git lfs pull).'
    },
    'safetensors/non-canonical': {
        title: 'Unusual safetensors header',
        description: 'The header is accepted by the reference parser but is unusual (leading whitespace, array-form entries, unknown fields, duplicate tensor names); parsers may disagree about it.',
        help: 'Re-save the file with the safetensors library.'
    },
    'safetensors/suspicious-metadata': {
        title: 'safetensors metadata looks like code or a URL',
        description: 'A `__metadata__` value looks like code or a URL, or is over 1 MiB. safetensors never runs it, but tools that read metadata might.',
        help: 'Check where the metadata comes from; re-save the file without it if it is not needed.'
    },
    'safetensors/large-header': {
        title: 'Very large safetensors header',
        description: 'The header is over 25 MB: valid for the reference parser, but some other parsers (the Hugging Face JavaScript parser) refuse it.',
        help: 'Nothing to do if the tensor count justifies it; otherwise re-save the file.'
    },
    'safetensors/new-dtype': {
        title: 'safetensors dtype unknown to older readers',
        description: 'A dtype that older safetensors versions refuse (for example F8_E4M3FNUZ needs 0.8.0 or later).',
        help: 'Make sure every consumer uses a recent safetensors version.'
    }
};
const FAMILIES = {
    safetensors: {
        title: 'safetensors header rejected',
        description: 'The safetensors header is rejected by the reference parser.',
        help: 'Re-save the file with the safetensors library from a trusted source.'
    },
    pickle: {
        title: 'Pickle finding',
        description: 'A problem in pickle data.',
        help: 'Do not load the file until the finding is understood; prefer safetensors.'
    }
};
const GENERIC = {
    title: 'Model file finding',
    description: 'A problem found in a model file.',
    help: 'Review the file before loading it.'
};
function ruleInfo(rule) {
    return rules_RULES[rule] ?? FAMILIES[rule.split('/')[0]] ?? GENERIC;
}

;// CONCATENATED MODULE: ./src/report/job-summary.ts
// The action's summary (job summary and check-run summary): verdict first, then what was
// scanned, what was not scanned, the findings per file with what to do, and safetensors
// facts. Every untrusted string goes through escapeMarkdown. The text is built block by
// block within a size budget, so a huge report is cut at a block boundary with a note.





/** GitHub rejects step summaries over 1 MiB; keep a margin for what other steps append. */
const STEP_SUMMARY_LIMIT = { max: 1000 * 1000, measure: (text) => Buffer.byteLength(text, 'utf8') };
/** Checks API: `output.summary` is at most 65,535 characters. */
const CHECK_SUMMARY_LIMIT = { max: 65_535, measure: (text) => text.length };
/** Rules that mean "this file was not analysed at all" (as opposed to a finding in its content). */
const NOT_SCANNED = new Set(['lfs/pointer', 'scan/skipped-symlink', 'scan/skipped-special', 'scan/unreadable', 'scan/not-in-checkout']);
const isNotScanned = (finding) => NOT_SCANNED.has(finding.rule) && finding.location?.entry === undefined;
const code = (text) => `<code>${escapeMarkdown(truncate(text, 300))}</code>`;
const plural = (n, word) => `${n} ${n === 1 ? word : word.replace(/y$/, 'ie') + 's'}`;
function verdict(report, failOn, notScanned) {
    const counts = report.summary.findings;
    const list = (keep) => SEVERITIES.filter((s) => keep(s) && counts[s] > 0)
        .map((s) => `${counts[s]} ${s}`)
        .join(', ');
    const unscanned = notScanned > 0 ? ` ⚠️ ${plural(notScanned, 'file')} could not be scanned (see **Not scanned**).` : '';
    if (report.summary.blocked) {
        const blocking = SEVERITIES.filter((s) => blocks(s, failOn)).reduce((n, s) => n + counts[s], 0);
        return `**Blocked** by ${plural(blocking, 'finding')} at or above \`fail-on: ${failOn}\`: ${list((s) => blocks(s, failOn))}.${unscanned}`;
    }
    const below = list(() => true);
    const rest = below ? ` Reported below the threshold: ${below}.` : '';
    if (failOn === 'never')
        return `**Passed**: \`fail-on: never\` reports findings without blocking.${rest}${unscanned}`;
    return `**Passed**: nothing at or above \`fail-on: ${failOn}\`.${rest}${unscanned}`;
}
function fileRow(file) {
    const worst = worstSeverity(file.findings.map((f) => f.severity)) ?? 'none';
    return `| ${code(file.path)} | ${file.format} | ${worst} | ${file.findings.length} |`;
}
function findingLine(finding) {
    const where = describeLocation(finding);
    const at = where ? ` (${escapeMarkdown(truncate(where, 300))})` : '';
    return `- **${finding.severity}** \`${finding.rule}\`: ${escapeMarkdown(truncate(finding.message, 1000))}${at}`;
}
function fileFindings(file, findings) {
    const rules = [...new Set(findings.map((f) => f.rule))];
    const advice = rules.map((rule) => `- \`${rule}\`: ${escapeMarkdown(ruleInfo(rule).help)}`);
    return [`#### ${code(file.path)} (${file.format})`, '', ...findings.map(findingLine), '', '**What to do:**', '', ...advice, ''].join('\n');
}
function detailValue(value) {
    if (Array.isArray(value)) {
        const shown = value.slice(0, 20).map((v) => detailValue(v));
        return shown.join(', ') + (value.length > 20 ? `, … (${value.length - 20} more)` : '') || '(none)';
    }
    if (value !== null && typeof value === 'object') {
        return detailValue(Object.entries(value).map(([k, v]) => `${k}: ${detailValue(v)}`));
    }
    return truncate(String(value), 200);
}
function safetensorsLine(file) {
    // `metadataKeys` -> "metadata keys".
    const label = (key) => key.replace(/([a-z])([A-Z])/g, (_, a, b) => `${a} ${b.toLowerCase()}`);
    const facts = Object.entries(file.details ?? {}).map(([key, value]) => `${escapeMarkdown(label(key))} ${escapeMarkdown(detailValue(value))}`);
    return `- ${code(file.path)}: ${facts.join('; ')}`;
}
/** Appends blocks while they fit in the budget, keeping room for the truncation note. */
class Budget {
    limit;
    parts = [];
    used = 0;
    omitted = 0;
    static RESERVE = 400;
    constructor(limit) {
        this.limit = limit;
    }
    add(block) {
        const size = this.limit.measure(block) + 1;
        if (this.omitted > 0 || this.used + size > this.limit.max - Budget.RESERVE) {
            this.omitted++;
            return;
        }
        this.parts.push(block);
        this.used += size;
    }
    text() {
        const note = this.omitted > 0
            ? [`\n> ✂️ Summary truncated at the size limit: ${plural(this.omitted, 'more entry')} left out. The log and the report-file output have everything.`]
            : [];
        return `${[...this.parts, ...note].join('\n')}\n`;
    }
}
function renderJobSummary(report, ctx, limit) {
    const out = new Budget(limit);
    const notScanned = report.files.filter((f) => f.findings.some(isNotScanned));
    const shown = report.files.filter((f) => f.format !== 'other' || f.findings.length > 0);
    const icon = report.summary.blocked ? '❌' : '✅';
    out.add(`## ${icon} modelgate: ${report.summary.blocked ? 'blocked' : 'passed'}\n`);
    out.add(`${verdict(report, ctx.failOn, notScanned.length)}\n`);
    const others = report.files.length - shown.length;
    out.add(`${escapeMarkdown(ctx.scope)}: ${plural(report.files.length, 'file')} scanned` +
        (others > 0 ? `; not listed: ${plural(others, 'file')} with no model data and no findings.` : '.') +
        '\n');
    for (const note of ctx.notes)
        out.add(`> ⚠️ ${escapeMarkdown(truncate(note, 2000))}\n`);
    if (shown.length > 0) {
        const rank = (f) => {
            const worst = worstSeverity(f.findings.map((x) => x.severity));
            return worst === null ? SEVERITIES.length : SEVERITIES.indexOf(worst);
        };
        out.add('| File | Format | Worst severity | Findings |\n| --- | --- | --- | --- |');
        for (const file of [...shown].sort((a, b) => rank(a) - rank(b)))
            out.add(fileRow(file));
        out.add('');
    }
    if (notScanned.length > 0) {
        out.add('### Not scanned\n');
        for (const file of notScanned) {
            const reasons = [...new Set(file.findings.filter(isNotScanned).map((f) => ruleInfo(f.rule).title))];
            out.add(`- ${code(file.path)}: ${escapeMarkdown(reasons.join('; '))}`);
        }
        out.add('');
    }
    const withFindings = report.files
        .map((file) => ({ file, findings: bySeverity(file.findings.filter((f) => !isNotScanned(f))) }))
        .filter((x) => x.findings.length > 0);
    if (withFindings.length > 0) {
        out.add('### Findings\n');
        for (const { file, findings } of withFindings)
            out.add(fileFindings(file, findings));
    }
    const safetensors = report.files.filter((f) => f.format === 'safetensors' && f.details !== undefined);
    if (safetensors.length > 0) {
        out.add('### safetensors files\n');
        for (const file of safetensors)
            out.add(safetensorsLine(file));
        out.add('');
    }
    return out.text();
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/report/sarif.ts
// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).
//
// Results are file-level (no `region`): the upload step only computes its own
// line-hash fingerprint for results that have `region.startLine`, and doing so streams
// the whole file — a multi-GB model for us. We supply `partialFingerprints` instead:
// a hash of path + rule + what the finding is about (global, archive entry), never
// offsets, so an alert keeps its identity while a model is re-saved.







const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub keeps at most this many results per run. */
const MAX_RESULTS = 25_000;
const LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub's bands: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
/**
 * A SARIF `uri` for a report path: repository-relative paths stay relative (percent-encoded
 * per segment, so `:`, `,`, `#`, spaces and newlines survive), absolute ones become file URIs.
 */
function sarifUri(path) {
    if ((0,external_node_path_namespaceObject.isAbsolute)(path))
        return (0,external_node_url_namespaceObject.pathToFileURL)(path).href;
    return path
        .split('/')
        .filter((segment, i) => !(segment === '.' && i === 0))
        .map(encodeURIComponent)
        .join('/');
}
function artifactLocation(path) {
    return (0,external_node_path_namespaceObject.isAbsolute)(path) ? { uri: sarifUri(path) } : { uri: sarifUri(path), uriBaseId: '%SRCROOT%' };
}
function fingerprintKey(path, finding) {
    const subject = typeof finding.global === 'string' ? finding.global : '';
    return [path, finding.rule, subject, finding.location?.entry ?? ''].join('\0');
}
function ruleFor(id, severity) {
    const info = ruleInfo(id);
    return {
        id,
        name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
        shortDescription: { text: info.title },
        fullDescription: { text: info.description },
        help: { text: `${info.description} ${info.help}`, markdown: `${info.description}\n\n**What to do:** ${info.help}` },
        defaultConfiguration: { level: LEVEL[severity] },
        properties: { tags: ['security', 'ml-model', id.split('/')[0]], precision: 'high', 'security-severity': SECURITY_SEVERITY[severity] }
    };
}
/**
 * Renders the report as SARIF. `info` findings (notes such as skipped symlinks) are left
 * out: they are not security alerts and would only add noise to the Security tab.
 */
function renderSarif(report) {
    const entries = report.files
        .flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding })))
        .filter((e) => e.finding.severity !== 'info')
        // Worst first, so that GitHub's per-run cap drops the least severe.
        .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity))
        .slice(0, MAX_RESULTS);
    // One rule per rule id, rated by the worst severity it has in this run.
    const worst = new Map();
    for (const { finding } of entries) {
        const seen = worst.get(finding.rule);
        if (seen === undefined || severityRank(finding.severity) > severityRank(seen))
            worst.set(finding.rule, finding.severity);
    }
    const ruleIds = [...worst.keys()].sort();
    const rules = ruleIds.map((id) => ruleFor(id, worst.get(id)));
    // Identical keys (same global in the same file twice) get an ordinal, so no alert swallows another.
    const occurrences = new Map();
    const results = entries.map(({ path, finding }) => {
        const key = fingerprintKey(path, finding);
        const n = occurrences.get(key) ?? 0;
        occurrences.set(key, n + 1);
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
        const where = describeLocation(finding);
        return {
            ruleId: finding.rule,
            ruleIndex: ruleIds.indexOf(finding.rule),
            level: LEVEL[finding.severity],
            message: { text: visible(truncate(`${finding.message}${where ? ` (${where})` : ''}`, 1000)) },
            locations: [
                {
                    physicalLocation: { artifactLocation: artifactLocation(path) },
                    ...(finding.location?.entry !== undefined ? { logicalLocations: [{ fullyQualifiedName: visible(truncate(finding.location.entry, 500)) }] } : {})
                }
            ],
            partialFingerprints: { primaryLocationLineHash: hash },
            properties: { severity: finding.severity, ...(typeof finding.global === 'string' ? { global: truncate(finding.global, 500) } : {}) }
        };
    });
    const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'modelgate', semanticVersion: report.tool.version, rules } },
                results
            }
        ]
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/report/text.ts



const COLORS = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
function renderText(report, options) {
    const paint = (severity, text) => (options.color ? `${COLORS[severity]}${text}${RESET}` : text);
    const lines = [];
    for (const file of report.files) {
        for (const finding of bySeverity(file.findings)) {
            if (options.quiet && !blocks(finding.severity, options.failOn))
                continue;
            const where = describeLocation(finding);
            lines.push(`${visible(file.path)}: ${paint(finding.severity, finding.severity.toUpperCase())} ${finding.rule}: ${visible(truncate(finding.message, 1000))}` +
                (where ? ` [${visible(where)}]` : ''));
        }
    }
    const verdict = describeVerdict(report, options.failOn);
    const summary = `modelgate: ${report.summary.files} file(s) scanned, ${describeCounts(report)}; ${verdict}`;
    lines.push(report.summary.blocked && report.summary.maxSeverity ? paint(report.summary.maxSeverity, summary) : summary);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The CLI front: parse, scan, render, exit status. Exit 0 = passed, 1 = blocked, 2 = usage or internal error.










const EXIT = { passed: 0, blocked: 1, error: 2 };
const RENDERERS = {
    json: (report) => renderJson(report),
    sarif: (report) => renderSarif(report),
    markdown: (report, cmd) => renderJobSummary(report, { failOn: cmd.failOn, scope: 'Paths given on the command line', notes: [] }, STEP_SUMMARY_LIMIT),
    text: (report, cmd, color) => renderText(report, { failOn: cmd.failOn, color, quiet: cmd.quiet })
};
async function main(argv, io) {
    try {
        const cmd = parseArgs(argv);
        if (cmd.command === 'help') {
            io.stdout(HELP);
            return EXIT.passed;
        }
        if (cmd.command === 'version') {
            io.stdout(`modelgate ${VERSION}\n`);
            return EXIT.passed;
        }
        const options = defaultScanOptions({ failOn: cmd.failOn, picklePolicy: cmd.picklePolicy, allowGlobals: cmd.allowGlobals });
        const report = await scanPaths(cmd.paths, options);
        const text = RENDERERS[cmd.format](report, cmd, io.isTTY && cmd.output === undefined && cmd.format === 'text');
        if (cmd.output !== undefined)
            await (0,promises_namespaceObject.writeFile)(cmd.output, text);
        else
            io.stdout(text);
        return report.summary.blocked ? EXIT.blocked : EXIT.passed;
    }
    catch (err) {
        if (err instanceof UsageError || err instanceof MissingPathError) {
            io.stderr(`modelgate: ${err.message}\n`);
        }
        else {
            io.stderr(`modelgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        }
        return EXIT.error;
    }
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
