// A stand-in for @actions/core (jest.unstable_mockModule('@actions/core', () => core)).
// Inputs come from `inputs`; the summary fake records what was written.
import { jest } from '@jest/globals'
import type * as real from '@actions/core'

/** Input values by name; unset inputs read as '' (what the runner passes for an empty default). */
export const inputs: Record<string, string> = {}

export const getInput = jest.fn<typeof real.getInput>((name) => inputs[name] ?? '')
export const setOutput = jest.fn<typeof real.setOutput>()
export const setFailed = jest.fn<typeof real.setFailed>()
export const debug = jest.fn<typeof real.debug>()
export const info = jest.fn<typeof real.info>()
export const notice = jest.fn<typeof real.notice>()
export const warning = jest.fn<typeof real.warning>()
export const error = jest.fn<typeof real.error>()
export const startGroup = jest.fn<typeof real.startGroup>()
export const endGroup = jest.fn<typeof real.endGroup>()

/** Chainable like core.summary; `written` collects each write()'s text. */
export const summary = {
  buffer: '',
  written: [] as string[],
  addRaw: jest.fn(function (this: typeof summary, text: string) {
    this.buffer += text
    return this
  }),
  write: jest.fn(async function (this: typeof summary) {
    this.written.push(this.buffer)
    this.buffer = ''
    return this
  })
}
