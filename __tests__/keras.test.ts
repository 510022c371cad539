// Keras configs and .keras archives over the committed fixtures (fixtures/gen_keras.py, expected
// findings in fixtures/keras/MANIFEST.json) and hand-built configs: Lambda bytecode, modules
// outside Keras, custom objects, Python's JSON dialect, bounds, the archive layout.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync, strToU8 } from 'fflate'
import { checkKerasConfig, checkKerasConfigText, type KerasOrigin } from '../src/scan/keras/config.js'
import { readMarshalledCode } from '../src/scan/keras/marshal.js'
import { decodeJsonBytes } from '../src/scan/keras/json-text.js'
import { severityRank, type Finding } from '../src/scan/findings.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { scanFile } from '../src/scan/scan.js'
import { scanZip } from '../src/scan/formats/zip.js'
import { bufferSource } from '../src/scan/source.js'
import { scanContent } from '../src/scan/dispatch.js'

const DIR = join(import.meta.dirname ?? process.cwd(), '..', 'fixtures', 'keras')
const MANIFEST = JSON.parse(readFileSync(join(DIR, 'MANIFEST.json'), 'utf8')) as Record<string, string[]>
const options = defaultScanOptions()
const H5: KerasOrigin = { key: 'model_config' }
const rules = (findings: Finding[]): string[] => findings.map((f) => `${f.rule}:${f.severity}`)
const atLeastLow = (findings: Finding[]): Finding[] => findings.filter((f) => severityRank(f.severity) >= severityRank('low'))
const config = (name: string): string => readFileSync(join(DIR, 'configs', name), 'utf8')

/** The lambda code string the fixtures carry (base64 of a Python 3.11 marshalled code object). */
const LAMBDA_CODE = (JSON.parse(config('keras2-lambda.json')) as { config: { layers: { config: { function?: string[] } }[] } }).config.layers[1].config.function?.[0] as string
const REFS = { decoded: true, codeName: '<lambda>', names: ['__import__', 'system'], strings: ['os', 'echo modelgate-keras-fixture'] }
const REFS_TEXT = 'it references __import__, system, "os", "echo modelgate-keras-fixture"'
const RUNS = 'holds serialized Python code that runs when the model is loaded (safe_mode=False, older Keras, legacy .h5 loading)'
const CVE = 'Keras before 3.9 and tf.keras import any module a config names and take the object from it (CVE-2025-1550), so loading runs code outside Keras'

describe('fixtures match the manifest', () => {
  it.each(Object.entries(MANIFEST))('%s', async (name, expected) => {
    if (name.startsWith('configs/')) {
      expect(rules(checkKerasConfigText(readFileSync(join(DIR, name), 'utf8'), H5))).toEqual(expected)
      return
    }
    const report = await scanFile(join(DIR, name), options)
    expect(report.format).toBe(name.endsWith('.keras') ? 'keras' : 'zip')
    expect(rules(atLeastLow(report.findings))).toEqual(expected)
  })

  it('real-shaped models (Sequential, Functional Conv2D, nested BERT-style, schedules, Keras 2) give nothing at all', async () => {
    for (const name of ['clean-sequential.keras', 'clean-functional.keras', 'clean-bert.keras', 'clean-schedule.keras']) {
      expect((await scanFile(join(DIR, name), options)).findings).toEqual([])
    }
    for (const name of ['keras2-clean.json', 'keras2-training-config.json']) expect(checkKerasConfigText(config(name), H5)).toEqual([])
  })
})

describe('keras/lambda', () => {
  it('decodes the marshalled code of a Keras 3 Lambda in a .keras archive', async () => {
    const { findings } = await scanFile(join(DIR, 'lambda.keras'), options)
    expect(findings).toEqual([
      {
        rule: 'keras/lambda',
        severity: 'critical',
        message: `Lambda layer "shell" at config.layers[1].config.function in config.json ${RUNS}: ${REFS_TEXT}.`,
        location: { entry: 'config.json' },
        key: 'config.json',
        path: 'config.layers[1].config.function',
        ...REFS
      }
    ])
  })

  it.each([
    ['lambda-nested.keras', 'Lambda layer "shell_in_encoder"', 'config.layers[1].config.layers[6].config.function'],
    ['lambda-time-distributed.keras', 'Lambda layer "shell_step"', 'config.layers[1].config.layer.config.function'],
    ['lambda-in-loss.keras', 'A serialized lambda', 'compile_config.loss']
  ])('%s: %s at %s', async (name, what, path) => {
    const [finding] = (await scanFile(join(DIR, name), options)).findings
    expect(finding).toMatchObject({ rule: 'keras/lambda', severity: 'critical', path, message: `${what} at ${path} in config.json ${RUNS}: ${REFS_TEXT}.`, ...REFS })
  })

  it('Keras 2 configs: function_type "lambda", and a list-valued function in a nested model', () => {
    expect(checkKerasConfigText(config('keras2-lambda.json'), { key: 'model_config', entry: 'model.h5', offset: 96 })).toEqual([
      {
        rule: 'keras/lambda',
        severity: 'critical',
        message: `Lambda layer "lambda" at config.layers[1].config.function in model_config ${RUNS}: ${REFS_TEXT}.`,
        location: { entry: 'model.h5', offset: 96 },
        key: 'model_config',
        path: 'config.layers[1].config.function',
        ...REFS
      }
    ])
    const [nested] = checkKerasConfigText(config('keras2-nested-lambda.json'), H5)
    expect(nested).toMatchObject({ path: 'config.layers[1].config.layers[1].config.function', ...REFS })
  })

  it('says when the code cannot be decoded, and still reports it', () => {
    const [finding] = checkKerasConfig({ class_name: '__lambda__', config: { code: 'bm90IG1hcnNoYWw=' } }, H5)
    expect(finding).toEqual({
      rule: 'keras/lambda',
      severity: 'critical',
      message: `A serialized lambda at (root) in model_config ${RUNS}: the code could not be decoded.`,
      key: 'model_config',
      path: '(root)',
      decoded: false
    })
  })

  it('reads func_load\'s raw_unicode_escape fallback (code that is not base64) and output_shape lambdas', () => {
    const raw = Buffer.from(LAMBDA_CODE, 'base64').toString('latin1')
    const findings = checkKerasConfig({ class_name: 'Lambda', config: { name: 'l', function: 'x', function_type: 'function', output_shape: [raw, null, null], output_shape_type: 'lambda' } }, H5)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ rule: 'keras/lambda', path: 'config.output_shape', ...REFS })
  })

  it('a TorchModuleWrapper carrying a pickled module', () => {
    const findings = checkKerasConfig({ module: 'keras.layers', class_name: 'TorchModuleWrapper', config: { name: 't', module: 'gASV' } }, H5)
    expect(rules(findings)).toEqual(['keras/lambda:critical'])
    expect(findings[0].message).toBe(
      'A TorchModuleWrapper at config.module in model_config holds a pickled torch module that torch.load unpickles when the model is loaded (safe_mode=False, older Keras): pickle runs code.'
    )
  })

  it('keeps 50 findings per rule and counts the rest on the last', () => {
    const layers = Array.from({ length: 60 }, () => ({ class_name: '__lambda__', config: { code: LAMBDA_CODE } }))
    const findings = checkKerasConfig({ class_name: 'Sequential', config: { layers } }, H5)
    expect(findings).toHaveLength(50)
    expect(findings[49].more).toBe(10)
  })
})

describe('keras/unsafe-module', () => {
  it.each([
    ['module-os.keras', 'system', 'os', 'config.layers[0]', CVE],
    ['module-builtins.keras', 'exec', 'builtins', 'compile_config.loss', CVE],
    ['module-subprocess-registered.keras', 'Popen', 'subprocess', 'config.layers[0]', CVE],
    ['module-get-file.keras', 'get_file', 'keras.utils', 'compile_config.loss', 'a Keras API that is not a modeling object (file download, saving, loading); Keras before 3.11 ran it']
  ])('%s names %s from %s', async (name, cls, module, path, why) => {
    expect((await scanFile(join(DIR, name), options)).findings).toEqual([
      {
        rule: 'keras/unsafe-module',
        severity: 'critical',
        message: `"${cls}" from module "${module}" at ${path} in config.json: ${why}.`,
        location: { entry: 'config.json' },
        key: 'config.json',
        path,
        module,
        className: cls
      }
    ])
  })

  it('a Keras 2 Lambda naming a function of an imported module', () => {
    expect(checkKerasConfigText(config('keras2-function-os.json'), H5)).toEqual([
      {
        rule: 'keras/unsafe-module',
        severity: 'critical',
        message:
          '"system" from module "os" at config.layers[1].config.function in model_config: tf.keras looks the function up in that module (any module already imported, such as os), so loading calls code outside Keras.',
        key: 'model_config',
        path: 'config.layers[1].config.function',
        module: 'os',
        className: 'system'
      }
    ])
  })

  it('Keras packages, built-in functions and tf TypeSpecs pass', () => {
    const ok = [
      { module: 'keras_hub.src.models.bert.bert_backbone', class_name: 'BertBackbone', config: {}, registered_name: 'keras_hub>BertBackbone' },
      { module: 'tf_keras.layers', class_name: 'Dense', config: {} },
      { module: 'builtins', class_name: 'function', config: 'relu', registered_name: null },
      { class_name: '__typespec__', spec_name: 'TensorSpec', module: 'tensorflow.python.framework.tensor', config: [[2], 'float32', null] }
    ]
    expect(checkKerasConfig({ class_name: 'Functional', config: { layers: ok } }, H5)).toEqual([])
  })
})

describe('keras/custom-object', () => {
  it('a registered class in the user\'s package', async () => {
    expect((await scanFile(join(DIR, 'custom-object.keras'), options)).findings).toEqual([
      {
        rule: 'keras/custom-object',
        severity: 'medium',
        message:
          'Custom object "MyLayer" (registered as "mypkg>MyLayer", module "mypkg.layers") at config.layers[0] in config.json: not a Keras built-in, so loading runs code from the loading environment\'s registered objects or custom_objects.',
        location: { entry: 'config.json' },
        key: 'config.json',
        path: 'config.layers[0]',
        className: 'MyLayer',
        registeredName: 'mypkg>MyLayer',
        module: 'mypkg.layers'
      }
    ])
  })

  it('Keras 2 unknown and package-prefixed class names; Custom>Adam is tf.keras\'s own', () => {
    const findings = checkKerasConfigText(config('keras2-custom.json'), H5)
    expect(findings.map((f) => [f.path, f.className, f.registeredName])).toEqual([
      ['config.layers[1]', 'MyAttention', undefined],
      ['config.layers[2]', 'Addons>GroupNormalization', 'Addons>GroupNormalization']
    ])
  })

  it('Keras 3 functions as serialized for real (registered_name "function") and legacy json_utils objects', () => {
    const real = { module: 'builtins', class_name: 'function', config: 'mean_squared_error', registered_name: 'function' }
    const structural = [{ class_name: 'TensorShape', items: [null, 3] }, { class_name: '__tuple__', items: [1, 2] }, { class_name: 'TypeSpec', type_spec: 'tf.TensorSpec', serialized: [] }]
    expect(checkKerasConfig({ compile_config: { loss: real }, build_config: { input_shape: structural } }, H5)).toEqual([])
    const mine = checkKerasConfig({ ...real, config: 'my_loss' }, H5)
    expect(mine).toEqual([
      {
        rule: 'keras/custom-object',
        severity: 'medium',
        message: 'Custom object "my_loss" at (root) in model_config: not a Keras built-in, so loading runs code from the loading environment\'s registered objects or custom_objects.',
        key: 'model_config',
        path: '(root)',
        className: 'my_loss'
      }
    ])
  })

  it('a registered custom function (Keras 3 serialization of a plain function)', () => {
    const findings = checkKerasConfig({ class_name: 'function', config: 'mypkg>my_loss', module: null, registered_name: 'mypkg>my_loss' }, H5)
    expect(findings).toMatchObject([{ rule: 'keras/custom-object', severity: 'medium', className: 'mypkg>my_loss', registeredName: 'mypkg>my_loss' }])
  })
})

describe('config text', () => {
  it('reads Python json.dumps output with NaN and Infinity', () => {
    const text = '{"class_name": "Sequential", "config": {"layers": [{"class_name": "ReLU", "config": {"max_value": Infinity, "threshold": -Infinity, "note": "NaN"}}, {"class_name": "Evil", "config": {"v": NaN}}]}}'
    expect(rules(checkKerasConfigText(text, H5))).toEqual(['keras/custom-object:medium'])
  })

  it('invalid JSON, too deep, too long: one scan/incomplete', () => {
    const [bad] = checkKerasConfigText('{"class_name": ', { key: 'config.json', entry: 'm.keras/config.json' })
    expect(bad).toMatchObject({ rule: 'scan/incomplete', severity: 'high', location: { entry: 'm.keras/config.json' }, key: 'config.json' })
    expect(bad.message).toMatch(/^The Keras config in config\.json could not be analysed: it is not valid JSON \(.+\)\. Keras may still load it and run what it names\.$/)
    const deep = checkKerasConfigText('['.repeat(1200) + ']'.repeat(1200), H5)
    expect(deep).toEqual([
      {
        rule: 'scan/incomplete',
        severity: 'high',
        message: 'The Keras config in model_config could not be analysed: it is nested more than 1000 levels deep. Keras may still load it and run what it names.',
        key: 'model_config'
      }
    ])
    const long = { length: 64 * 1024 * 1024 + 1 } as unknown as string
    expect(rules(checkKerasConfigText(long, H5))).toEqual(['scan/incomplete:high'])
  })

  it('decodes bytes as json.loads does (BOM, UTF-16)', () => {
    expect(decodeJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}')
    expect(decodeJsonBytes(new Uint8Array(Buffer.from('{"a": 1}', 'utf16le')))).toBe('{"a": 1}')
    expect(decodeJsonBytes(new Uint8Array([0, 0, 0, 0x7b, 0, 0, 0, 0x7d]))).toBe('{}')
    expect(decodeJsonBytes(new Uint8Array([0xff, 0x7b]))).toBeNull()
  })
})

describe('marshal reader', () => {
  it('reads the code object and refuses other data', () => {
    expect(readMarshalledCode(Buffer.from(LAMBDA_CODE, 'base64'))).toEqual({ name: '<lambda>', names: ['__import__', 'system'], strings: ['os', 'echo modelgate-keras-fixture'] })
    const bytes = Buffer.from(LAMBDA_CODE, 'base64')
    expect(readMarshalledCode(bytes.subarray(0, bytes.length - 3))).toBeNull()
    expect(readMarshalledCode(Buffer.from('N'))).toBeNull()
    expect(readMarshalledCode(Buffer.from([0x5b, 0xff, 0xff, 0xff, 0x7f]))).toBeNull()
  })

  it('reads the CPython 3.8–3.10 code object layout (6 ints, co_cellvars, no qualname)', () => {
    const i32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]
    const ascii = (s: string): number[] => [0x7a, s.length, ...Buffer.from(s, 'latin1')] // 'z' short ascii
    const tuple = (...items: number[][]): number[] => [0x29, items.length, ...items.flat()] // ')' small tuple
    const bytes = [
      0x63, ...[1, 0, 0, 1, 3, 0x43].flatMap(i32), // 'c' argcount posonly kwonly nlocals stacksize flags
      0x73, ...i32(2), 0x64, 0x00, // co_code 's'
      ...tuple([0x4e], ascii('rm -rf /tmp/x')), // co_consts: None, 'rm -rf /tmp/x'
      ...tuple(ascii('os'), ascii('system')), // co_names
      ...tuple(ascii('x')), ...tuple(), ...tuple(), // varnames freevars cellvars
      ...ascii('<stdin>'), ...ascii('<lambda>'), ...i32(1), 0x73, ...i32(0) // filename name firstlineno lnotab
    ]
    expect(readMarshalledCode(Uint8Array.from(bytes))).toEqual({ name: '<lambda>', names: ['os', 'system'], strings: ['rm -rf /tmp/x'] })
  })
})

describe('.keras archives', () => {
  const zip = (files: Record<string, string>): Uint8Array => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])))
  const scan = (bytes: Uint8Array, name: string) => scanZip(bufferSource(bytes), { options, depth: 0 }, name, scanContent)
  const lambda = JSON.stringify({ class_name: '__lambda__', config: { code: LAMBDA_CODE } })

  it('needs a root config.json plus metadata.json or the .keras name', async () => {
    expect((await scan(zip({ 'config.json': lambda }), 'model.zip')).format).toBe('zip')
    expect(rules((await scan(zip({ 'config.json': lambda }), 'model.keras')).findings)).toEqual(['keras/lambda:critical'])
    expect(rules((await scan(zip({ 'config.json': lambda, 'metadata.json': '{}' }), 'model.bin')).findings)).toEqual(['keras/lambda:critical'])
  })

  it('a config that is not JSON is not analysed: scan/incomplete', async () => {
    const { format, findings } = await scan(zip({ 'config.json': '\u00ff\u00fe\u00fd', 'metadata.json': '{}' }), 'm.keras')
    expect(format).toBe('keras')
    expect(rules(findings)).toEqual(['scan/incomplete:high'])
  })
})
