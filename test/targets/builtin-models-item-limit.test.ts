import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {curveSizes} from '../../src/mrc/size-grid.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import {testWorkload} from '../helpers/workload.js'

const MIB = 1024 * 1024

// Uniform reads over 1,000 keys of 100 B. An ideal LRU of 100 items hits about 100/1000 of them;
// a memcached node of 64 MiB holds every key, so after the warm-up nearly every read hits.
const SMALL_IDEAL = testWorkload({
  cache: {model: 'ideal', maxItems: 100},
  load: {operations: 10_000, warmup: {operations: 2000}},
})

describe('a model of a real node has no item limit', () => {
  it("the URL's memcached model drops the file's maxItems, says so, and reports the memory it ran with", async () => {
    const ideal = await runWorkload(SMALL_IDEAL)
    expect(ideal.summary.hitRatio).toBeGreaterThan(0.07)
    expect(ideal.summary.hitRatio).toBeLessThan(0.13)
    const node = await runWorkload(SMALL_IDEAL, {target: 'builtin://?model=memcached'})
    expect(node.summary.hitRatio).toBeGreaterThan(0.95)
    expect(node.cache).toEqual({model: 'memcached', eviction: 'segmented-lru', maxItems: null, capacityBytes: 64 * MIB})
    expect(node.warnings).toContain(
      'cache.maxItems applies to the ideal model only and was ignored: the memcached model, like the node it stands for, holds as many items as its memory does (capacity, 64MiB when absent).',
    )
    const pool = await runWorkload(SMALL_IDEAL, {target: 'builtin://?model=memcached&nodes=2'})
    expect(pool.cache).toMatchObject({capacityBytes: 2 * 64 * MIB, nodes: 2})
  })

  it('refuses an item limit given with a model in one place: the file, or the URL', async () => {
    expect(() => parseWorkload('version: 1\ncache: {model: memcached, maxItems: 1000}\n', 'm.yaml')).toThrow(
      /^m\.yaml: cache\.maxItems applies to the ideal model only: a memcached node holds as many items as its memory does; size it with cache\.capacity\.$/,
    )
    const attempt = runWorkload(SMALL_IDEAL, {target: 'builtin://?model=redis&capacity=64MiB&eviction=allkeys-lru&maxItems=10'})
    await expect(attempt).rejects.toBeInstanceOf(InputError)
    await expect(attempt).rejects.toThrow(/^builtin:\/\/\?maxItems applies to the ideal model only: a redis node holds as many items as its memory does; size it with \?capacity\.$/)
  })

  it("draws a model's miss-ratio curve in bytes, and refuses sizes in items for it", () => {
    const memcached = parseWorkload('version: 1\ncache: {model: memcached}\n', 'm.yaml')
    expect(curveSizes(memcached, {}).unit).toBe('bytes')
    expect(() => curveSizes(memcached, {sizes: '1k..8k'})).toThrow(/^--sizes counts items, and the memcached model, .* give --capacities/)
    expect(curveSizes(parseWorkload('version: 1\ncache: {maxItems: 1000}\n', 'i.yaml'), {}).unit).toBe('items')
  })
})
