import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runComparison} from '../../src/compare/run-comparison.js'
import {InputError} from '../../src/errors.js'
import {computeCurve} from '../../src/mrc/compute-curve.js'
import {BUNDLED_WORKLOADS_DIR} from '../../src/workload/bundled.js'
import {loadWorkload} from '../../src/workload/load-workload.js'

const bundled = (name: string) => loadWorkload(join(BUNDLED_WORKLOADS_DIR, `${name}.yaml`))
const sizes = {unit: 'items' as const, values: [100, 1000]}

// A miss-ratio curve counts reads of cached keys: these workloads have none, and their curves
// read 0% hits at every size; a comparison of strategies would run the same run in every cell.
describe('workloads without cache reads', () => {
  it.each([
    ['pubsub-fanout', /pubsub-fanout is a messaging workload \(Pub\/Sub\): it reads no cached keys/],
    ['sensor-stream', /sensor-stream is a messaging workload \(Streams\)/],
    ['leaderboard', /leaderboard's mix has only data-structure operations \(zincrby, zrevrange, zrank\)/],
    ['dashboard-feed', /dashboard-feed's mix has only data-structure operations \(lpush, lrange\)/],
    ['no-cache', /^no-cache's strategy is none, which never uses the cache: its hit ratio is 0 at every size/],
  ])('%s has no miss-ratio curve (mrc, plan): one sentence, bad input', async (name, sentence) => {
    const attempt = computeCurve(bundled(name), {sizes})
    await expect(attempt).rejects.toBeInstanceOf(InputError)
    await expect(attempt).rejects.toThrow(sentence)
  })

  it('a messaging workload, or strategies over data-structure operations alone, are no comparison', async () => {
    await expect(runComparison(bundled('pubsub-fanout'), {strategy: 'lazy-loading,write-through'})).rejects.toThrow(/is a messaging workload: compare varies/)
    await expect(runComparison(bundled('leaderboard'), {strategy: 'lazy-loading,write-through', ttl: 'none,10s'})).rejects.toThrow(
      /leaderboard's mix has only data-structure operations .* every cell would be the same run/,
    )
  })

  it('a workload with reads still has its curve', async () => {
    const curve = await computeCurve({...bundled('ycsb-c'), load: {...bundled('ycsb-c').load, operations: 20_000, warmup: {operations: 0}}}, {sizes})
    expect(curve.points.map((point) => point.hitRatio).every((ratio) => ratio > 0)).toBe(true)
  })
})
