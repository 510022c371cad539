// ESM + ts-jest: tests import sources with '.js' suffixes, the resolver maps them to '.ts'.
const tsJest = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: 'ts-jest-resolver',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true, diagnostics: { ignoreCodes: [151002] } }] },
  testPathIgnorePatterns: ['/dist/', '/node_modules/']
}

export default {
  clearMocks: true,
  projects: [
    { ...tsJest, displayName: 'unit', testMatch: ['<rootDir>/__tests__/*.test.ts'] },
    { ...tsJest, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/*.test.ts'] }
  ]
}
