// A stand-in for @actions/github (jest.unstable_mockModule('@actions/github', () => github)).
// Tests set `context` fields and give getOctokit an octokit (a fake, or a real client
// pointed at the loopback API of github-api.ts).
import { jest } from '@jest/globals'

export const context = {
  eventName: '',
  sha: '',
  repo: { owner: 'acme', repo: 'models' },
  payload: {} as Record<string, unknown>
}

export const getOctokit = jest.fn<(token: string) => unknown>()
