import { readFileSync } from 'node:fs'
import { parseLfsPointer, lfsPointerFinding } from '../src/scan/formats/lfs.js'

const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'
const CANONICAL = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`
const bytes = (s: string) => new TextEncoder().encode(s)
const fixture = (name: string) => parseLfsPointer(readFileSync(`fixtures/lfs/${name}`))

describe('parseLfsPointer', () => {
  test('canonical pointer', () => {
    expect(parseLfsPointer(bytes(CANONICAL))).toEqual({
      version: 'https://git-lfs.github.com/spec/v1',
      oid: OID,
      size: '12345',
      extensions: [],
      canonical: true
    })
  })

  test.each([
    ['CRLF and blank lines', `\r\n${CANONICAL.replace(/\n/g, '\r\n')}\r\n`],
    ['no final newline', CANONICAL.trimEnd()],
    ['leading spaces and tabs', `  \t${CANONICAL}`],
    ['blank line between keys', CANONICAL.replace('\noid', '\n\noid')],
    ['hawser version', CANONICAL.replace('https://git-lfs.github.com/spec/v1', 'https://hawser.github.com/spec/v1')],
    ['git-media version', CANONICAL.replace('https://git-lfs.github.com/spec/v1', 'http://git-media.io/v/2')],
    ['explicit plus sign on size', CANONICAL.replace('size 12345', 'size +12345')],
    ['trailing spaces after the last line (trimmed as a whole)', CANONICAL.replace('size 12345\n', 'size 12345  \n')]
  ])('lenient form accepted, not canonical: %s', (_name, text) => {
    const pointer = parseLfsPointer(bytes(text))
    expect(pointer).not.toBeNull()
    expect(pointer?.oid).toBe(OID)
    expect(pointer?.canonical).toBe(false)
  })

  test('ext lines before oid are accepted', () => {
    expect(fixture('ext.pt')).toMatchObject({ size: '7', extensions: [`ext-0-foo sha256:${OID}`], canonical: true })
  })

  test.each([
    ['63-digit oid', CANONICAL.replace(OID, OID.slice(1))],
    ['65-digit oid', CANONICAL.replace(OID, `${OID}0`)],
    ['upper-case oid', CANONICAL.replace(OID, OID.toUpperCase())],
    ['sha1 oid type', CANONICAL.replace('sha256:', 'sha1:')],
    ['size before oid', `version https://git-lfs.github.com/spec/v1\nsize 1\noid sha256:${OID}\n`],
    ['negative size', CANONICAL.replace('size 12345', 'size -1')],
    ['oid with trailing space', CANONICAL.replace(`${OID}\n`, `${OID} \n`)],
    ['size with inner space', CANONICAL.replace('size 12345', 'size 123 45')],
    ['size past int64', CANONICAL.replace('size 12345', 'size 9223372036854775808')],
    ['unknown version', CANONICAL.replace('spec/v1', 'spec/v2')],
    ['missing size', `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\n`],
    ['extra line', `${CANONICAL}extra 1\n`],
    ['ext after size', `${CANONICAL}ext-0-foo sha256:${OID}\n`],
    ['key without value', CANONICAL.replace('size 12345', 'size')],
    ['over 1024 bytes', CANONICAL + ' '.repeat(1024)],
    ['empty', ''],
    ['plain text', 'hello world\n']
  ])('near-miss rejected: %s', (_name, text) => {
    expect(parseLfsPointer(bytes(text))).toBeNull()
  })

  test('invalid UTF-8 is not a pointer', () => {
    const b = bytes(CANONICAL)
    expect(parseLfsPointer(new Uint8Array([...b, 0xff]))).toBeNull()
  })

  test.each(['bad-oid.pt', 'bad-order.pt', 'bad-size.pt', 'upper-oid.pt'])('fixture %s is not a pointer', (name) => {
    expect(fixture(name)).toBeNull()
  })

  test.each(['model.safetensors', 'crlf.bin', 'hawser.pkl'])('fixture %s is a pointer', (name) => {
    expect(fixture(name)).not.toBeNull()
  })
})

describe('lfsPointerFinding', () => {
  test('names oid and size and says how to fetch the object', () => {
    const finding = lfsPointerFinding(parseLfsPointer(bytes(CANONICAL))!)
    expect(finding).toMatchObject({ rule: 'lfs/pointer', severity: 'medium', oid: `sha256:${OID}`, size: '12345', canonical: true })
    expect(finding.message).toContain(`sha256:${OID}`)
    expect(finding.message).toContain('12345 bytes')
    expect(finding.message).toContain('not scanned')
    expect(finding.message).toContain('lfs: true')
  })
})
