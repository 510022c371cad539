// .pre-commit-hooks.yaml: the hook pre-commit installs, and which staged files it is given.
import { readFileSync, readdirSync } from 'node:fs'
import { parse } from 'yaml'
import { suggestsModel } from '../src/scan/names.js'
import { templateFileKind } from '../src/scan/templates/files.js'

interface Hook {
  id: string
  name: string
  language: string
  entry: string
  files: string
  types: string[]
  pass_filenames: boolean
  require_serial: boolean
}

const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Hook[]
const hook = hooks[0]

/** pre-commit applies `files` with Python's re.search; JavaScript takes `(?i)` as a flag instead. */
function filesRegex(pattern: string): RegExp {
  expect(pattern.startsWith('(?i)')).toBe(true)
  return new RegExp(pattern.slice('(?i)'.length), 'i')
}
const selects = (path: string) => filesRegex(hook.files).test(path)

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]))
}

test('one hook: modelgate scan, given the staged file names, run once', () => {
  expect(hooks).toHaveLength(1)
  expect(hook).toMatchObject({
    id: 'modelgate',
    name: 'modelgate (scan ML model files)',
    language: 'node',
    entry: 'modelgate scan --allow-empty',
    types: ['file'],
    pass_filenames: true,
    require_serial: true
  })
})

test('selects every model fixture, compressed models, archives and chat templates', () => {
  const models = walk('fixtures').filter((p) => /\.(pkl|pickle|pt|bin|joblib|npy|npz|safetensors|gguf|onnx|keras|h5|pb|zip|tar|7z|jinja)$/.test(p))
  expect(models.length).toBeGreaterThan(500)
  expect(models.filter((p) => !selects(p))).toEqual([])
  for (const path of [
    'fixtures/compress/model.pkl.xz',
    'fixtures/containers/compressed/array.npy.gz',
    'fixtures/compress/zeros.bin.zst',
    'fixtures/compress/long.pkl.lzma',
    'fixtures/compress/model.pkl.lz4',
    'fixtures/compress/model.pkl.bz2',
    'MODEL.PT',
    'ckpt/epoch=3.ckpt',
    'a/pytorch_model.bin',
    'model.pth',
    'model.hdf5',
    'model.tflite',
    'dataset.tar.gz',
    'x.tgz',
    'tokenizer_config.json',
    'models/chat_template.json',
    'additional_chat_templates/tool_use.jinja',
    'saved_model/saved_model.pbtxt'
  ]) {
    expect([path, selects(path)]).toEqual([path, true])
  }
})

test('every fixture name a model loader claims (names.ts) or a chat template file is selected', () => {
  const compressed = /\.(gz|bz2|xz|lzma|lz4|zst|zlib)$/i
  const claimed = walk('fixtures').filter((p) => suggestsModel(p.replace(compressed, '')) || templateFileKind(p) !== undefined)
  expect(claimed.filter((p) => !selects(p))).toEqual([])
})

test('leaves out source, documentation and data that no model loader claims', () => {
  for (const path of [
    'train.py',
    'README.md',
    'notes.txt',
    'config.json',
    'fixtures/keras/configs/keras2-lambda.json',
    'table.csv.gz',
    'package.json',
    'model.py',
    'binary.sh',
    'pt/readme.md',
    'my_tokenizer_config.json',
    'models.pkl.txt'
  ]) {
    expect([path, selects(path)]).toEqual([path, false])
  }
})
