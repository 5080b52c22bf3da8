import {runWorkload} from './src/runner/run-workload.js'
import {parseWorkload} from './src/workload/load-workload.js'
import {startRedis} from './test/servers/redis-servers.js'
const pipeline = Number(process.argv[2] ?? 16)
const client = process.argv[3] ?? 'lean'
const server = await startRedis()
try {
  const w = (mix: string, dist: string, conc: number, ops: number) => parseWorkload(`version: 1\nname: p\nseed: 1\nkeyspace: {count: 10000, distribution: ${dist}}\nvalues: {size: 100B}\nmix: {${mix}: 100}\nstrategy: {name: cache-only}\nload: {concurrency: ${conc}, operations: ${ops}, warmup: 0}\n`, 'p.yaml')
  await runWorkload(w('write', 'sequential', 50, 10000), {target: server.url, targetOptions: {keyPrefix: 'bench:', keepKeys: true, ownKeyspace: true}})
  const t0 = process.cpuUsage()
  const r = await runWorkload(w('read', 'uniform', 50 * pipeline, 400000), {target: `${server.url}?client=${client}`, targetOptions: {keyPrefix: 'bench:', keepKeys: true, ownKeyspace: true, connections: 50, pipeline}})
  const c = process.cpuUsage(t0)
  console.log(client, pipeline, Math.round(r.summary.throughput), 'ops/s', ((c.user + c.system) / 400000).toFixed(2), 'us/op', r.summary.errors, r.summary.misses)
} finally { await server.stop() }
