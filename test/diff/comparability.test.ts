import {describe, expect, it} from 'vitest'
import {diffResults} from '../../src/diff/diff-results.js'
import {InputError} from '../../src/errors.js'
import {mergeResults} from '../../src/merge/merge-results.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'

const workload = testWorkload({keyspace: {count: 500, distribution: 'zipfian', theta: 0.9}, load: {concurrency: 4, operations: 4000}})

describe('diff refuses results that cover different parts of one run', () => {
  it('a shard against the whole run, or against another shard, is not comparable (exit 2)', async () => {
    const whole = await runWorkload(workload)
    const [first, second] = await Promise.all([0, 1].map((index) => runWorkload(workload, {part: {index, count: 2}})))
    expect(() => diffResults(first, whole, {failOn: ['hitRatio < -0.01']})).toThrow(InputError)
    expect(() => diffResults(first, whole, {failOn: []})).toThrow('part of the run differs (baseline shard 1/2, new the whole run)')
    expect(() => diffResults(first, second, {failOn: []})).toThrow('part of the run differs (baseline shard 1/2, new shard 2/2)')
    const partial = mergeResults([{result: first, source: 'shard-1.json'}], {partial: true})
    expect(() => diffResults(whole, partial, {failOn: []})).toThrow('part of the run differs (baseline the whole run, new shards 1 of 2)')
  })

  it('the same shard, and a merge of every shard against the whole run, still compare', async () => {
    const whole = await runWorkload(workload)
    const parts = await Promise.all([0, 1].map((index) => runWorkload(workload, {part: {index, count: 2}})))
    expect(diffResults(parts[0], parts[0], {failOn: []}).mismatches).toEqual([])
    const merged = mergeResults(parts.map((result, index) => ({result, source: `shard-${index + 1}.json`})))
    expect(diffResults(whole, merged, {failOn: []}).mismatches).toEqual([])
  })
})
