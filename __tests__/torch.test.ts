// PyTorch containers through the public dispatcher: torch.save zips (and their zip tricks),
// legacy streams and tars, TorchScript and torch.package archives, hand-made
// (fixtures/gen_containers.py) and written by torch itself (fixtures/gen_real.py).
import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { FormatResult } from '../src/scan/context.js'
import { defaultScanOptions } from '../src/scan/policy.js'
import { bufferSource } from '../src/scan/source.js'
import { scanSource } from '../src/scan/dispatch.js'

/** [rule, severity, entry, offset] of each finding, in order. */
type Row = [string, string, string | null, number | null]

async function scan(name: string): Promise<FormatResult> {
  return scanSource(bufferSource(readFileSync(`fixtures/${name}`)), { options: defaultScanOptions(), depth: 0 }, name)
}

const rows = (r: FormatResult): Row[] => r.findings.map((f) => [f.rule, f.severity, f.location?.entry ?? null, f.location?.offset ?? null])

const CRIT = 'pickle/dangerous-global'
const FORMAT = (entry: string | null): Row => ['pickle/format', 'medium', entry, null]
const LEGACY: Row = ['torch/legacy-format', 'info', null, null]

const EXPECTED: Record<string, [string, Row[]]> = {
  'containers/torch/benign.pt': ['pytorch-zip', [FORMAT('archive/data.pkl')]],
  'containers/torch/evil.pt': ['pytorch-zip', [[CRIT, 'critical', 'archive/data.pkl', 2]]],
  'containers/torch/deflated_pkl.pt': ['pytorch-zip', [[CRIT, 'critical', 'archive/data.pkl', 2]]],
  'containers/torch/local_name.pt': ['pytorch-zip', [['zip/anomaly', 'high', 'archive/data.pkl', 0], [CRIT, 'critical', 'archive/data.pkl', 2]]],
  'containers/torch/crc.pt': ['pytorch-zip', [[CRIT, 'critical', 'archive/data.pkl', 2], ['zip/anomaly', 'high', 'archive/data.pkl', 0]]],
  // The listed entry's data is a zip fragment: scanned as a nested archive, and the hidden header as a member.
  'containers/torch/descriptor_hidden.pt': [
    'zip',
    [
      ['zip/anomaly', 'high', 'archive/readme.txt', 0],
      ['zip/anomaly', 'high', 'archive/data.pkl', 48],
      ['zip/anomaly', 'high', 'archive/readme.txt', 0],
      [CRIT, 'critical', 'archive/readme.txt/archive/data.pkl', 2],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ]
  ],
  'containers/torch/hidden_inside.pt': [
    'pytorch-zip',
    [
      ['zip/anomaly', 'high', 'archive/data.pkl', 42],
      ['zip/anomaly', 'high', 'archive/blob', 0],
      [CRIT, 'critical', 'archive/blob/archive/data.pkl', 2],
      [CRIT, 'critical', 'archive/data.pkl', 2]
    ]
  ],
  'containers/torch/duplicate.pt': ['pytorch-zip', [['zip/anomaly', 'high', 'archive/data.pkl', 353], [CRIT, 'critical', 'archive/data.pkl', 2]]],
  'containers/torch/upper_case.pt': ['pytorch-zip', [['torch/anomaly', 'high', 'archive/DATA.PKL', 0], [CRIT, 'critical', 'archive/DATA.PKL', 2]]],
  'containers/torch/outside_prefix.pt': ['pytorch-zip', [['torch/anomaly', 'high', 'evil.pkl', 681], [CRIT, 'critical', 'evil.pkl', 2]]],
  'containers/torch/joblib_wrapper.pt': ['pytorch-zip', [['pickle/unknown-global', 'high', 'archive/data.pkl', 2]]],
  'containers/torch/storage_payload.pt': ['pytorch-zip', [[CRIT, 'critical', 'archive/data/0', 2]]],
  'containers/torch/storage_noise.pt': ['pytorch-zip', [FORMAT('archive/data.pkl')]],
  'containers/torchscript.pt': ['torchscript', [['torchscript/code', 'high', null, null]]],
  'containers/torch_package.pt': ['torch-package', [['torchscript/code', 'high', null, null]]],
  'containers/legacy/benign.pt': ['pytorch-legacy', [LEGACY, FORMAT(null)]],
  'containers/legacy/after_storages.pt': ['pytorch-legacy', [LEGACY, FORMAT(null)]],
  // A computed magic: not a stream torch writes, so every pickle to the end is analysed.
  'containers/legacy/evil_p1.pt': [
    'pytorch-legacy',
    [
      ['torch/legacy-magic', 'high', null, null],
      [CRIT, 'critical', null, 2],
      ['pickle/malformed', 'high', null, 291]
    ]
  ],
  'containers/legacy/evil_p2.pt': ['pytorch-legacy', [LEGACY, [CRIT, 'critical', null, 17]]],
  'containers/legacy/evil_p3.pt': ['pytorch-legacy', [LEGACY, [CRIT, 'critical', null, 23]]],
  'containers/legacy/evil_p4.pt': ['pytorch-legacy', [LEGACY, [CRIT, 'critical', null, 78]]],
  'containers/legacy/evil_p5.pt': ['pytorch-legacy', [LEGACY, [CRIT, 'critical', null, 243]]],
  'containers/legacy/tar_benign.tar': ['pytorch-legacy', [LEGACY, FORMAT('storages')]],
  'containers/legacy/tar_evil_pickle.tar': ['pytorch-legacy', [LEGACY, [CRIT, 'critical', 'pickle', 2]]],
  'containers/legacy/tar_evil_storage.tar': ['pytorch-legacy', [LEGACY, [CRIT, 'critical', 'storages', 62], ['scan/incomplete', 'high', 'storages', 94]]],
  'real/state_dict.pt': ['pytorch-zip', [FORMAT('state_dict/data.pkl')]],
  'real/state_dict_legacy.pt': ['pytorch-legacy', [LEGACY, FORMAT(null)]],
  'real/checkpoint.pt': ['pytorch-zip', [FORMAT('checkpoint/data.pkl')]],
  'real/module.pt': ['pytorch-zip', [['pickle/unknown-global', 'high', 'module/data.pkl', 2]]],
  'real/torchscript.pt': ['torchscript', [['torchscript/code', 'high', null, null]]]
}

describe('torch containers: format and exact findings', () => {
  test.each(Object.entries(EXPECTED))('%s', async (name, [format, expected]) => {
    const result = await scan(name)
    expect({ format: result.format, findings: rows(result) }).toEqual({ format, findings: expected })
  })
})

describe('what the findings say', () => {
  test('TorchScript: __torch__ classes are named in torchscript/code, never reported as unknown or dangerous globals', async () => {
    const [finding] = (await scan('real/torchscript.pt')).findings
    expect(finding.classes).toEqual(['__torch__.torch.nn.modules.linear.Linear'])
    expect(finding.code).toEqual(['torchscript/code/__torch__/torch/nn/modules/linear.py', 'torchscript/code/__torch__/torch/nn/modules/linear.py.debug_pkl'])
    expect(finding.message).toContain('Classes: "__torch__.torch.nn.modules.linear.Linear"')
    expect((await scan('containers/torchscript.pt')).findings[0].classes).toEqual(['__torch__.M'])
  })

  test('torch.package lists the packaged sources it would run', async () => {
    const [finding] = (await scan('containers/torch_package.pt')).findings
    expect(finding.message).toContain('PackageImporter')
    expect(finding.code).toEqual(['archive/mymodel/net.py'])
  })

  test('upper-case DATA.PKL: the finding explains the case-insensitive lookup', async () => {
    const [anomaly] = (await scan('containers/torch/upper_case.pt')).findings
    expect(anomaly.message).toContain('case-insensitive lookup of "archive/data.pkl"')
  })

  test('legacy magic built by a call (GHSA-97f8-7cmv-76j2) names the call', async () => {
    const findings = (await scan('containers/legacy/evil_p1.pt')).findings
    expect(findings.find((f) => f.rule === CRIT)?.global).toBe('builtins.eval')
  })

  test('a raw pickle renamed .bin is a pickle, not a legacy checkpoint', async () => {
    const result = await scanSource(
      bufferSource(Buffer.from('\x80\x02cposix\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.', 'latin1')),
      { options: defaultScanOptions(), depth: 0 },
      'pytorch_model.bin'
    )
    expect({ format: result.format, findings: rows(result) }).toEqual({ format: 'pickle', findings: [[CRIT, 'critical', null, 2]] })
  })
})
