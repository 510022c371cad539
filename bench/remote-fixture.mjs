// The remote corpus of `npm run bench`: sparse files written by the corpus writers (a few KiB
// of disk for ~14 GiB of apparent size), served by bench/remote-server.mjs as plain range URLs
// and as a fake Hugging Face repo `bench-org/bench-7b`:
//
//   model-0000{1..4}-of-00004.safetensors   4, 4, 2, 1 GiB (LFS: resolve → 302 → CDN host)
//   pytorch_model.bin, original/consolidated.00.pth   1 GiB torch zips (LFS)
//   vocab.pkl                                  a 5000-entry vocabulary pickle (LFS)
//   model.safetensors.index.json, config.json, tokenizer.json (~1.5 MB), README.md, .gitattributes
//                                              small files, served by the hub itself
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { vocabPickle, writeFileBytes, writeSparseSafetensors, writeTorchZip } from './corpus.mjs'
import { startRemoteServer } from './remote-server.mjs'

const GiB = 1024 ** 3
export const REPO = 'bench-org/bench-7b'
export const SHARD = 'model-00001-of-00004.safetensors'

/** Small text files of a typical model repo. */
function textFiles(shards) {
  const weightMap = {}
  for (const [k, name] of shards.entries()) for (let i = 0; i < 291; i++) weightMap[`model.layers.${k * 33 + Math.floor(i / 9)}.block.${i % 9}.weight`] = name
  const vocab = {}
  for (let i = 0; i < 60_000; i++) vocab[`\u0120tok${i.toString(36)}`] = i
  return [
    { path: '.gitattributes', data: '*.bin filter=lfs diff=lfs merge=lfs -text\n*.pkl filter=lfs diff=lfs merge=lfs -text\n*.pth filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n' },
    { path: 'README.md', data: '---\nlicense: apache-2.0\n---\n# bench-7b\n\nA benchmark fixture: tensor data is zeros.\n' },
    { path: 'config.json', data: JSON.stringify({ architectures: ['BenchForCausalLM'], hidden_size: 4096, num_hidden_layers: 32, torch_dtype: 'float16' }, null, 2) },
    { path: 'model.safetensors.index.json', data: JSON.stringify({ metadata: { total_size: 11 * GiB }, weight_map: weightMap }, null, 2) },
    { path: 'tokenizer.json', data: JSON.stringify({ version: '1.0', model: { type: 'BPE', vocab, merges: [] } }) }
  ]
}

/**
 * Writes the files under `dir`, starts the server (`latencyMs` per answer) and returns it with
 * the case targets: `shardUrl` (the 4 GiB shard through resolve), `zipUrl` (a plain range URL of
 * the 1 GiB torch zip), `hf` (the hf:// target) and `env` (HF_ENDPOINT, no token).
 */
export async function startRemoteFixture(dir, latencyMs = 20) {
  mkdirSync(dir, { recursive: true })
  const shards = [4, 4, 2, 1].map((_, i) => `model-0000${i + 1}-of-00004.safetensors`)
  const sizes = [4, 4, 2, 1].map((gib, i) => writeSparseSafetensors(join(dir, shards[i]), gib * GiB))
  const lfs = shards.map((path) => ({ path, disk: join(dir, path), lfs: true }))
  const zip = join(dir, 'model-1g.pt')
  writeTorchZip(zip, GiB)
  const pickle = join(dir, 'vocab.pkl')
  writeFileBytes(pickle, vocabPickle(5000, 4))
  lfs.push({ path: 'pytorch_model.bin', disk: zip, lfs: true }, { path: 'original/consolidated.00.pth', disk: zip, lfs: true }, { path: 'vocab.pkl', disk: pickle, lfs: true })

  const server = await startRemoteServer({ latencyMs })
  const repo = server.addRepo(REPO, [...lfs, ...textFiles(shards)])
  const plain = server.addFile('/files/model-1g.pt', { disk: zip })
  return {
    server,
    repo,
    shard: { url: repo.url(SHARD), size: sizes[0] },
    zip: plain,
    hf: `hf://${REPO}`,
    env: { HF_ENDPOINT: server.hubOrigin, HF_TOKEN: undefined, HUGGING_FACE_HUB_TOKEN: undefined, HF_HUB_OFFLINE: undefined }
  }
}
