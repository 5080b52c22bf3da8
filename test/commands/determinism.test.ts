import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

/** Everything but when the run happened and how long it took on this machine. */
function withoutWallClock(stdout: string): Record<string, unknown> {
  const {startedAt, wallMs, setupMs, ...rest} = JSON.parse(stdout) as Result
  expect(typeof startedAt).toBe('string')
  expect(wallMs).toBeGreaterThan(0)
  expect(setupMs ?? 0).toBeGreaterThanOrEqual(0)
  return rest
}

describe('what is deterministic: same seed + workload + flags on the built-in target ⇒ the same result', () => {
  const cases = [
    ['read-heavy', '--operations', '20000', '--warmup', '2000'],
    ['write-heavy', '--operations', '20000', '--rate', '5k/s'],
    ['read-heavy', '--operations', '20000', '--warmup', '2000', '--workers', '2'],
  ]
  for (const args of cases) {
    it(args.join(' '), async () => {
      const [first, second] = await Promise.all([cli(['run', ...args, '--json']), cli(['run', ...args, '--json'])])
      expect(first.exitCode).toBe(0)
      expect(second.exitCode).toBe(0)
      expect(withoutWallClock(second.stdout)).toEqual(withoutWallClock(first.stdout))
    })
  }

  it('but not across concurrencies: with a TTL, simulated time per operation differs, and so do the counts', async () => {
    const at = async (concurrency: string) =>
      (JSON.parse((await cli(['run', 'read-heavy', '--operations', '20000', '--warmup', '2000', '--concurrency', concurrency, '--json'])).stdout) as Result).summary
    const [one, many] = await Promise.all([at('1'), at('32')])
    expect(one.operations).toBe(many.operations)
    expect(one.hits).not.toBe(many.hits)
  })
})
