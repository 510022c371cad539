// Inputs the fuzzer found that once crashed the pickle machine; each must now give findings.
import { bufferSource } from '../src/scan/source.js'
import { scanPickle } from '../src/scan/pickle/scan-pickle.js'
import { defaultScanOptions } from '../src/scan/policy.js'

const scan = async (bytes: Buffer) => (await scanPickle(bufferSource(bytes), { options: defaultScanOptions(), depth: 0 })).findings

test('SETITEMS after error recovery left the stack below its mark: reported, no TypeError', async () => {
  // benign-proto2.pkl with one byte changed: `frozenset\n(` + `S` starts an unquoted STRING.
  const bytes = Buffer.from(
    '80027d71002858040000006e616d65710158050000006d6f64656c710258060000006c617965727371035d7104284b014b024b036558050000007363' +
      '616c657105473fe0000000000000580300000062696771068a0900000000000000004058030000006e656771074afbffffff58050000007368617065' +
      '71084b024b0386710958020000006f6b710a8858040000006e6f6e65710b4e5804000000626c6f62710c635f636f646563730a656e636f64650a710d' +
      '58020000000001710e58060000006c6174696e31710f8671105271115804000000746167737112635f5f6275696c74696e5f5f0a66726f7a656e7365' +
      '740a285371135d711458010000006171156185711652711758030000006964737118635f5f6275696c74696e5f5f0a7365740a71195d711a284b014b026585711b52711c752e',
    'hex'
  )
  const findings = await scan(bytes)
  expect(findings.map((f) => [f.rule, f.severity])).toContainEqual(['pickle/malformed', 'high'])
})
