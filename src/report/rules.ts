// What each rule means and what to do about it: shared by the job summary, the check
// run and SARIF (whose rules need a description and help text per rule id).

export interface RuleInfo {
  /** Short title (SARIF shortDescription, summary headings). */
  title: string
  /** What the rule detects. */
  description: string
  /** Why a finding of this rule matters: what can go wrong if it is ignored. */
  why: string
  /** What to do about a finding of this rule. */
  help: string
}

/** Every rule id with its own entry (docs/rules.md has one heading per entry). */
export const RULE_INFO: Readonly<Record<string, RuleInfo>> = {
  'pickle/dangerous-global': {
    title: 'Pickle calls a dangerous global',
    description:
      'The pickle data imports or calls a global on the denylist (code execution, processes, files, network, import machinery, nested deserializers or a known gadget). Loading the file runs it.',
    why: 'Unpickling calls the global with arguments chosen by whoever wrote the file: one torch.load or pickle.load on a developer laptop or a CI runner gives them a shell, your files and your cloud credentials.',
    help: 'Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.'
  },
  'pickle/dynamic-global': {
    title: 'Pickle global cannot be resolved statically',
    description:
      'The callable the pickle data invokes is computed at load time (non-constant STACK_GLOBAL operands, extension codes or memo misses), a technique used to hide dangerous calls.',
    why: 'A legitimate saver always writes the module and name as constants; computing them is only useful to keep scanners from seeing the call, and what actually runs is decided at load time.',
    help: 'Do not load this file. Re-export the model with a standard saver (torch.save, safetensors) from a trusted environment.'
  },
  'pickle/unknown-global': {
    title: 'Pickle uses a global outside the allowlist',
    description: 'The pickle data imports a global that is neither on the allowlist nor in allow-globals. Loading the file imports and may call it.',
    why: 'Every global a pickle names is imported, and usually called, at load: an unfamiliar one may be an import with side effects or a callable that reaches the operating system through a path the denylist does not know.',
    help: 'Check what the global is. If it is your own trusted class, add it to allow-globals (module.Name or module.*); otherwise convert the model to safetensors.'
  },
  'pickle/malformed': {
    title: 'Malformed pickle stream',
    description:
      'The pickle stream is broken after opcodes the loader would already have executed, or is internally inconsistent (bad FRAME, memo miss, data after STOP).',
    why: 'Loaders execute opcodes as they read them, so the calls before the broken point have already run when the error is raised; inconsistent streams are also how payloads are hidden from scanners that stop at the first error.',
    help: 'Regenerate the file from a trusted source; a loader may act on the part that was read before the error.'
  },
  'pickle/frame-desync': {
    title: 'Pickle opcodes cross a FRAME boundary',
    description:
      'An opcode crosses the end of a protocol-4 FRAME, or a FRAME starts inside an unconsumed one. Loaders and scanners then disagree about which bytes are opcodes: a known way to hide a payload.',
    why: 'When two readers split the same bytes into different opcodes, a scanner can validate a harmless stream while pickle.load executes a hidden one: the file is built to be read two ways.',
    help: 'Do not load this file. Re-export the model with a standard saver from a trusted environment.'
  },
  'pickle/format': {
    title: 'File holds pickle data',
    description: 'The file holds pickle data and every global in it is allowlisted. Pickle can run code, so the format itself is a risk.',
    why: 'Even with only allowlisted globals today, pickle stays an executable format: the next version of the file can add a call without changing its name, and any future gap in the allowlist is code execution.',
    help: 'Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.'
  },
  'torchscript/code': {
    title: 'TorchScript or torch.package code',
    description: 'A TorchScript or torch.package archive: the compiled code it carries runs when the model is loaded.',
    why: 'TorchScript and torch.package archives carry code that torch.jit.load or PackageImporter runs with your process\'s rights; the weights cannot be used without trusting that code.',
    help: 'Only load archives from a trusted source; prefer safetensors weights plus model code kept in the repository.'
  },
  'torch/anomaly': {
    title: 'PyTorch archive that readers see differently',
    description:
      'torch.load and other readers disagree about this torch zip: entries outside the archive folder, or data.pkl found only through the case-insensitive lookup PyTorch uses.',
    why: 'If torch.load reads different bytes than the scanner or another tool, a reviewed checkpoint can still carry an unreviewed pickle; such layouts do not come out of torch.save.',
    help: 'Re-save the checkpoint with torch.save (better: as safetensors) from a trusted environment.'
  },
  'torch/legacy-magic': {
    title: 'Legacy PyTorch file with a computed magic number',
    description: 'A legacy torch.save layout whose first pickle is not the literal magic number: the check runs only after that pickle has executed.',
    why: 'The legacy loader unpickles the first object before it checks that it is the magic number, so a pickle placed there runs even though the file then fails to load.',
    help: 'Do not load this file. Re-export the weights as safetensors from a trusted source.'
  },
  'torch/legacy-format': {
    title: 'Legacy PyTorch serialization',
    description: 'A legacy torch.save stream or torch < 0.4 tar checkpoint: every pickle in it runs at load.',
    why: 'Legacy checkpoints are several raw pickles in a row and recent torch.load weights_only protections do not cover every path through them; they are also rarely produced today, so a new one is unusual.',
    help: 'Re-save the checkpoint with a current torch.save, or better as safetensors.'
  },
  'numpy/invalid-header': {
    title: 'Invalid .npy header',
    description: 'numpy.load refuses this header (checked on the dict ast.literal_eval builds); the data after it is still analysed as a pickle.',
    why: 'numpy.load refuses the file, so it is not the array it claims to be; a crafted header is a way to make tools disagree about where the data starts, and the bytes after it are a pickle that allow_pickle=True would load.',
    help: 'Regenerate the array with numpy.save.'
  },
  'numpy/unparsed-header': {
    title: '.npy header not understood',
    description: 'The .npy header could not be parsed with certainty, so the data was analysed as a pickle.',
    why: 'When the header cannot be read with certainty, the dtype might be object, which numpy.load(allow_pickle=True) unpickles: the safe reading cannot be assumed.',
    help: 'Regenerate the array with numpy.save; prefer numeric dtypes (no pickle).'
  },
  'numpy/unknown-dtype': {
    title: '.npy dtype not classified',
    description: 'The dtype could not be classified with certainty (it may hold objects), so the data was analysed as a pickle.',
    why: 'Object and structured dtypes that contain objects are stored as pickle; if the dtype cannot be classified, the data may be a pickle that allow_pickle=True executes.',
    help: 'Regenerate the array with a plain numeric dtype.'
  },
  'numpy/non-npy-member': {
    title: '.npz member that is not an array',
    description: 'An .npz member without the NPY magic: numpy.load returns it as raw bytes.',
    why: 'Code that iterates over an .npz archive gets these bytes back unchecked; a stray member can be a payload for another loader or a sign the archive was assembled by hand.',
    help: 'Check what the member is; rebuild the archive with numpy.savez if it is unexpected.'
  },
  'joblib/companion-file': {
    title: 'joblib file that loads another file',
    description: 'A compat NDArrayWrapper makes joblib.load unpickle another file from disk (named in the finding).',
    why: 'joblib.load follows the file name inside the pickle and unpickles that file too, so scanning this file alone says nothing about what loading it runs.',
    help: 'Scan the companion file too, or re-save the model with a current joblib (or without pickle).'
  },
  'zip/anomaly': {
    title: 'Zip archive that loaders read differently',
    description:
      'Loaders could read this archive differently (local versus central names, entries inside other entries, duplicate or case-colliding names, overlaps, several end records).',
    why: 'Torch, numpy and joblib archives are zips; when Python\'s zipfile and another reader (or this scanner) resolve names or offsets differently, the bytes that get loaded are not the bytes that were reviewed.',
    help: 'Rebuild the archive with a standard tool (torch.save, numpy.savez) from a trusted environment.'
  },
  'scan/incomplete': {
    title: 'Not fully analysed',
    description: 'Something a loader would read was not analysed (unsupported compression, encrypted member, limits reached), so the file is not known to be safe.',
    why: 'A part of the file that a loader reads was not checked, so a payload could sit exactly there; the gate cannot call the file safe.',
    help: 'Store the model uncompressed or as safetensors, or review it by hand before loading it.'
  },
  'scan/unreadable': {
    title: 'File could not be read',
    description: 'The file could not be read, so it was not scanned.',
    why: 'A file the scanner cannot read is a file nobody checked; the CI user may lack permission while the deployment user does not.',
    help: 'Fix the file permissions and run the scan again.'
  },
  'scan/not-in-checkout': {
    title: 'Changed file missing from the checkout',
    description: 'The file is listed as changed but is not in the checked-out workspace, so it was not scanned.',
    why: 'The change adds or modifies this file, but the gate only sees the checkout: if the file is missing there, a model can be merged unscanned.',
    help: 'Check out the pull request (actions/checkout with its defaults) before the scan step.'
  },
  'fs/symlink': {
    title: 'Symbolic link inside the workspace',
    description: 'A symbolic link whose target lies inside the workspace: the target was scanned and its findings are reported under the link path.',
    why: 'A link lets a harmless-looking path load another file; the target\'s findings are reported under the link so the model that would actually load is the one judged.',
    help: 'Nothing to do if the target is expected; a link that renames a model deserves a look in review.'
  },
  'fs/symlink-outside': {
    title: 'Symbolic link not verified',
    description:
      'A symbolic link whose target leaves the workspace, does not exist, or cannot be resolved (a loop, too long a chain): it was not followed, so what a loader would read through it is not known to be safe.',
    why: 'A link out of the repository makes the loaded bytes depend on the machine it runs on (a home directory, a mounted secret, another checkout): the gate cannot vouch for them.',
    help: 'Replace the link with the file itself, or point it at a file inside the repository.'
  },
  'scan/skipped-special': {
    title: 'Special file not opened',
    description: 'A FIFO, socket or device: never opened.',
    why: 'Reading a FIFO or a device can block forever or return endless data; such files have no place in a model repository and may be there to stall or confuse tools.',
    help: 'Remove special files from the repository.'
  },
  'scan/unrecognized': {
    title: 'Model-like name, unknown content',
    description: 'The file name claims a model format but the content matches no known model format.',
    why: 'A file named like a model is what people and frameworks will load; if its bytes are no known model format, it is mislabelled, corrupt, or a disguised payload for a loader that sniffs content.',
    help: 'Check that the file is what its name says.'
  },
  'scan/empty': {
    title: 'Empty model file',
    description: 'The file name claims a model format but the file holds no bytes: no loader gets a model from it (a truncated upload, a placeholder, or a Git LFS object that was never pushed).',
    why: 'A zero-byte model usually means an LFS object or upload that never arrived: the real model was neither scanned nor shipped, and the code loading it will fail or fetch something else.',
    help: 'Commit the real model file, or remove the empty one.'
  },
  'lfs/pointer': {
    title: 'Git LFS pointer (model not scanned)',
    description: 'A Git LFS pointer: the model bytes are not in the checkout and were not scanned.',
    why: 'Only the pointer is in the checkout; the model that users and CI pull later is stored elsewhere and was not checked by this run.',
    help: 'Scan the LFS objects by range requests (CLI --lfs; the action does it when its token is set, input lfs), or fetch them before the scan (actions/checkout with lfs: true, or git lfs pull).'
  },
  'lfs/object-missing': {
    title: 'Git LFS object missing',
    description: 'The LFS server has no object for the pointer, or the object it serves differs from the pointer (size, or SHA-256 where the object was read whole). `git lfs pull` and `actions/checkout` would fail or fetch something else.',
    why: 'A pointer to an object the server does not have (or has with another size) means the model people will fetch is not the one that was reviewed, or cannot be fetched at all.',
    help: 'Push the LFS object (`git lfs push --all`), or fix the pointer; check who changed it if nobody meant to.'
  },
  'remote/fetch-failed': {
    title: 'Remote bytes could not be fetched',
    description: 'Bytes a loader would read could not be fetched (an HTTP error, a timeout, too many retries, or the object changed while it was being read): that part of the file was not analysed.',
    why: 'The bytes that could not be fetched are bytes a loader would read; a payload could sit in exactly that range, so the file is not known to be safe.',
    help: 'Scan again; if it persists, check the URL, the token and the server. The file is not known to be safe until it is scanned.'
  },
  'safetensors/non-canonical': {
    title: 'Unusual safetensors header',
    description: 'The header is accepted by the reference parser but is unusual (leading whitespace, array-form entries, unknown fields, duplicate tensor names); parsers may disagree about it.',
    why: 'safetensors is safe because its header is plain data; when parsers disagree about an odd header (duplicate names, unexpected shapes), one tool can load different tensors than the one that was reviewed.',
    help: 'Re-save the file with the safetensors library.'
  },
  'safetensors/suspicious-metadata': {
    title: 'safetensors metadata looks like code or a URL',
    description: 'A `__metadata__` value looks like code or a URL, or is over 1 MiB. safetensors never runs it, but tools that read metadata might.',
    why: 'The metadata travels with the weights into model hubs, converters and UIs; code or URLs there target those tools (template rendering, link following), not safetensors itself.',
    help: 'Check where the metadata comes from; re-save the file without it if it is not needed.'
  },
  'safetensors/large-header': {
    title: 'Very large safetensors header',
    description: 'The header is over 25 MB: valid for the reference parser, but some other parsers (the Hugging Face JavaScript parser) refuse it.',
    why: 'A huge header makes some parsers refuse the file or use a lot of memory before any tensor is read: a model that loads in one stack fails, or stalls, in another.',
    help: 'Nothing to do if the tensor count justifies it; otherwise re-save the file.'
  },
  'gguf/invalid-header': {
    title: 'GGUF header rejected by llama.cpp',
    description:
      "llama.cpp's GGUF reader (gguf.cpp) refuses the header: bad magic or version (including byte-swapped files), impossible counts, a string or array longer than the file, an invalid or nested value type, a duplicate or empty key, a bad `general.alignment`, an invalid tensor info (name, dimensions, element count, type, block size) or tensor data that is misplaced or past the end of the file. Malformed headers are how GGUF parsers have been attacked.",
    why: 'llama.cpp and the tools built on it parse GGUF headers in native code; impossible counts, lengths and offsets are how memory-corruption bugs in those parsers have been exploited.',
    help: 'Do not load the file. Re-download it from a trusted source or re-convert the model with llama.cpp.'
  },
  'gguf/template-injection': {
    title: 'Chat template reaches Python internals',
    description:
      "A chat template (GGUF tokenizer.chat_template, tokenizer_config.json, *.jinja) does what Jinja's sandbox forbids: underscore or internal attributes (__class__, __globals__, mro), attribute names built at run time, attr/map/selectattr with such names, globals such as self, cycler, lipsum, config or request, or include/import/extends. Runtimes that render it without the sandbox run code (CVE-2024-34359).",
    why: 'Runtimes render the chat template with Jinja on every request; a template that escapes the sandbox runs Python in the serving process, with access to its memory, files and credentials.',
    help: 'Do not use this model with its template. Replace the template with the one the model publisher ships, or render templates only in a sandboxed environment.'
  },
  'gguf/template-unusual': {
    title: 'Chat template uses unusual constructs',
    description:
      'A chat template uses constructs real chat templates do not (filters, tests, methods or calls outside the allowlist), is over 1 MiB, is too deeply nested, or could not be parsed: it was not shown to be safe.',
    why: 'Real chat templates use a small set of Jinja features; anything beyond them is either a new model family or an attempt to probe the renderer, and it was not shown to be harmless.',
    help: 'Review the template by hand before a runtime renders it; prefer the template the model publisher ships.'
  },
  'safetensors/new-dtype': {
    title: 'safetensors dtype unknown to older readers',
    description: 'A dtype that older safetensors versions refuse (for example F8_E4M3FNUZ needs 0.8.0 or later).',
    why: 'Consumers on older safetensors versions fail to load the file, which can break a deployment that pinned an older library.',
    help: 'Make sure every consumer uses a recent safetensors version.'
  },
  'onnx/invalid': {
    title: 'ONNX protobuf data the loaders reject',
    description: 'The ModelProto wire data is broken (truncated field, over-long varint, length past its message, group or invalid wire type): protobuf refuses to parse the model.',
    why: 'A model that protobuf rejects does not load with the official runtime, but hand-rolled or lenient parsers may read it anyway and disagree about its content; malformed input is also how native parsers are attacked.',
    help: 'Re-export the model from a trusted source, or upload an intact copy.'
  },
  'onnx/external-data-escape': {
    title: 'ONNX external data outside the model folder',
    description:
      'A tensor reads its data from a location that is absolute (POSIX, Windows drive, UNC), climbs out with `..` (either slash, after a NUL cut or percent-decoding), is a URL, or resolves outside the model folder through a symbolic link. Loaders that do not refuse it read any file on the machine (CVE-2022-25882, CVE-2024-27318).',
    why: 'onnxruntime and onnx read external data from the path the model names; an absolute or `..` path makes loading the model read any file on the machine (keys, tokens) into a tensor an attacker can query.',
    help: 'Do not load this model. Re-save it with its external data next to the .onnx file, under relative paths.'
  },
  'onnx/external-data-missing': {
    title: 'ONNX external data file missing',
    description: 'A tensor reads its data from a file that does not exist next to the model (or is not a regular file): the model does not load as it is.',
    why: 'The model does not load as committed, and the file it expects could later be supplied from somewhere else than the reviewed repository.',
    help: 'Commit the data file next to the model, or re-save the model with its data inline.'
  },
  'onnx/external-data-bounds': {
    title: 'ONNX external data range outside its file',
    description: 'A tensor reads bytes past the end of its external data file, or its offset/length is not a non-negative integer.',
    why: 'A range past the end of its file either fails to load or, in lenient readers, reads memory or bytes that were never part of the model.',
    help: 'Re-save the model with onnx.save_model(..., save_as_external_data=True) from a trusted source.'
  },
  'onnx/custom-domain': {
    title: 'ONNX operators from a custom domain',
    description: 'Nodes use operators outside the standard ONNX domains and com.microsoft (and not defined as functions in the model): loading the model needs a native custom-operator library.',
    why: 'Custom operators are native code loaded from a shared library at inference time: the model is only as trustworthy as that library.',
    help: 'Make sure the operator library the model needs comes from a trusted source.'
  },
  'keras/lambda': {
    title: 'Keras model carries serialized Python code',
    description:
      'A Lambda layer or another serialized function (`__lambda__`, a Keras 2 `function_type: "lambda"`, a pickled TorchModuleWrapper) stores Python bytecode that Keras turns back into a function when the model loads: with safe_mode=False, in older Keras (CVE-2024-3660) and always through legacy .h5 loading.',
    why: 'The Lambda\'s bytecode is turned back into a Python function and called when the model loads or runs, with the same rights as the program: code execution from a model file.',
    help: 'Do not load this model. Rebuild the Lambda as a registered layer class in your own code and re-save the model from a trusted environment.'
  },
  'keras/unsafe-module': {
    title: 'Keras config imports a module outside Keras',
    description:
      'A config object names a module outside Keras\' own packages (or a Python builtin, or a Keras API that is not a modeling object). Keras before 3.9 and tf.keras import the module and call what the config names while loading (CVE-2025-1550).',
    why: 'The loader imports the named module and calls the named object with arguments from the config, which an attacker can point at os.system or subprocess (CVE-2025-1550).',
    help: 'Do not load this model. If the object is your own, register it with keras.saving.register_keras_serializable and re-save the model from a trusted environment.'
  },
  'keras/custom-object': {
    title: 'Keras config uses a custom object',
    description:
      'A config object is not a Keras built-in: a registered custom class or function (`package>Name`) or an unknown class. Loading looks it up among the objects the loading program registered, so code from that environment runs.',
    why: 'The model only works with code from the loading environment; if the name is registered by a package you did not vet, loading the model runs that package\'s code.',
    help: 'Make sure the custom object comes from code you trust; the model does not load without it.'
  },
  'tf/dangerous-op': {
    title: 'TensorFlow graph op that reaches outside the model',
    description:
      'A SavedModel graph or one of its functions uses an op that reads or writes files (ReadFile, WriteFile, MatchingFiles, file readers and datasets, ImmutableConst, summary and debug writers, PrintV2 to a file, DecodeProtoV2/EncodeProto with a descriptor file), runs Python (PyFunc, PyFuncStateless, EagerPyFunc), calls other hosts (Rpc, RemoteCall, data service) or runs a graph serialised in a tensor (DatasetFromGraph). The saver\'s own checkpoint ops are not reported.',
    why: 'These ops run inside the TensorFlow process when the model is loaded or served: they read secrets from disk, write files, call Python or reach other hosts, none of which inference needs.',
    help: 'Do not load or serve this model unless you trust its source; re-export it without those ops.'
  }
}

/** Fallbacks for rule ids of a family without their own entry (`safetensors/*`, `pickle/*`). */
export const FAMILY_INFO: Readonly<Record<string, RuleInfo>> = {
  safetensors: {
    title: 'safetensors header rejected',
    description: 'The safetensors header is rejected by the reference parser.',
    why: 'The safetensors reference parser refuses this header, so the file is not a valid safetensors model; the malformed header may be aimed at a different, more lenient parser.',
    help: 'Re-save the file with the safetensors library from a trusted source.'
  },
  pickle: {
    title: 'Pickle finding',
    description: 'A problem in pickle data.',
    why: 'Pickle data executes while it is read, so a problem the scanner cannot classify in a pickle stream is a problem in code that runs at load.',
    help: 'Do not load the file until the finding is understood; prefer safetensors.'
  }
}

export const GENERIC_INFO: RuleInfo = {
  title: 'Model file finding',
  description: 'A problem found in a model file.',
  why: 'A finding the scanner has no specific advice for still means something in the file differs from what a safe model looks like.',
  help: 'Review the file before loading it.'
}

export function ruleInfo(rule: string): RuleInfo {
  return RULE_INFO[rule] ?? FAMILY_INFO[ruleFamily(rule)] ?? GENERIC_INFO
}

/** `pickle` for `pickle/unknown-global`. */
export function ruleFamily(rule: string): string {
  return rule.split('/')[0]
}
