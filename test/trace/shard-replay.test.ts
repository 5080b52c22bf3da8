import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {skewedRequests, traceDir, twitterLines, writeTrace} from './fixtures.js'

const dir = traceDir()

describe('a trace replay split with --shard', () => {
  it('each shard replays the requests of its keys, and the merge adds up to the whole trace', async () => {
    // One request a second: a miss's fill is done long before the next request, so only first reads miss.
    const requests = skewedRequests({count: 1500, keys: 250, setShare: 0.25, valueBytes: 100, prefix: 'item', seed: 31})
    writeTrace(dir, 'shards.csv', twitterLines(requests))
    const workload = join(dir, 'shards.yaml')
    writeFileSync(workload, 'version: 1\ntrace: {file: shards.csv, format: twitter}\nstrategy: {name: lazy-loading}\ncache: {maxItems: 100000}\n')
    // Key ids are dense in order of first appearance; shard i of 2 owns the ids with id % 2 === i - 1.
    const ids = new Map<string, number>()
    const idOf = (key: string) => ids.get(key) ?? (ids.set(key, ids.size), ids.size - 1)
    const expected = [0, 1].map((owner) => {
      const mine = requests.filter((request) => idOf(request.key) % 2 === owner)
      const reads = mine.filter((request) => request.command === 'get')
      const keysRead = new Set(reads.map((request) => request.key)).size
      return {operations: mine.length, reads: reads.length, writes: mine.length - reads.length, hits: reads.length - keysRead, misses: keysRead}
    })
    const files = [1, 2].map((shard) => join(dir, `shard-${shard}.json`))
    for (const [index, file] of files.entries()) {
      const run = await cli(['run', workload, '--shard', `${index + 1}/2`, '--out', file, '--json'])
      expect(run.exitCode, run.stderr).toBe(0)
      expect(JSON.parse(readFileSync(file, 'utf8')).summary).toMatchObject(expected[index])
    }
    const merged = await cli(['merge', ...files, '--json'])
    expect(merged.exitCode, merged.stderr).toBe(0)
    const mergedResult = JSON.parse(merged.stdout)
    const totals = {
      operations: 1500,
      reads: expected[0].reads + expected[1].reads,
      writes: expected[0].writes + expected[1].writes,
      hits: expected[0].hits + expected[1].hits,
      misses: expected[0].misses + expected[1].misses,
    }
    expect(mergedResult.summary).toMatchObject(totals)
    expect(mergedResult.trace).toMatchObject({requests: 1500, distinctKeys: ids.size})
  }, 120_000)
})
