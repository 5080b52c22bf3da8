import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {itemBytes} from '../../src/engine/item-size.js'
import {InputError} from '../../src/errors.js'
import {loadCatalog, type Catalog} from '../../src/plan/catalog.js'
import {hitRatioWithOneNodeFailed} from '../../src/plan/node-sizing.js'
import {planCapacity} from '../../src/plan/plan-capacity.js'
import {renderPlanMarkdown, renderPlanTerminal} from '../../src/plan/render-plan.js'
import {planHtmlRenderer} from '../../src/report/plan/html.js'
import {testWorkload} from '../helpers/workload.js'

const dir = mkdtempSync(join(tmpdir(), 'cache-bench-plan-'))

function catalogFile(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

const CATALOG = `version: 1
source: test figures
checked: 2026-01-01
region: test-1
currency: USD
redisReservedMemoryPercent: 25
memcachedConnectionsOverhead: 100KiB
nodeTypes:
  - {name: small, memory: 1MiB, vcpus: 2, network: "1 Gbps", pricePerHour: 0.5}
  - {name: large, memory: 8MiB, vcpus: 4, network: "5 Gbps", pricePerHour: 3}
`

const KEYS = 20_000
const VALUE_BYTES = 200
/** Uniform keys, reads only: an LRU cache of C bytes holds C / item bytes of the keys and hits that fraction of reads. */
const uniform = testWorkload({
  keyspace: {count: KEYS, distribution: 'uniform'},
  values: {distribution: 'fixed', bytes: VALUE_BYTES},
  mix: {read: 1, write: 0, delete: 0},
  load: {rate: 10_000, operations: 600_000, warmup: {operations: 300_000}},
})
const ITEM = itemBytes(KEYS - 1, VALUE_BYTES)

describe('cache-bench plan', () => {
  const catalog: Catalog = loadCatalog(catalogFile('catalog.yaml', CATALOG))

  it('picks the smallest memory meeting every goal, then sizes it on each node type', async () => {
    const plan = await planCapacity(uniform, {goals: {hitRatio: 0.5, originReadsPerSec: 6000}, catalog, replicas: 1, curve: {}})
    const [curve] = plan.curve
    // Half the keys must fit: about 0.5 × keys × item bytes, found on a grid of ratio ~1.075.
    const needed = 0.5 * KEYS * ITEM
    expect(curve.memoryBytes).toBeGreaterThanOrEqual(needed * 0.98)
    expect(curve.memoryBytes).toBeLessThanOrEqual(needed * 1.08)
    const index = curve.points.findIndex((point) => point.capacityBytes === curve.memoryBytes)
    expect(curve.points[index].hitRatio).toBeGreaterThanOrEqual(0.5)
    expect(curve.points[index - 1].hitRatio).toBeLessThan(0.5)
    const small = plan.rows.find((row) => row.nodeType === 'small')
    const usable = Math.floor(1024 * 1024 * 0.75)
    expect(small).toMatchObject({strategy: 'lazy-loading', usableBytesPerNode: usable, nodes: Math.ceil(curve.memoryBytes / usable), memoryBytes: curve.memoryBytes})
    expect(small?.provisionedBytes).toBe((small?.nodes ?? 0) * usable)
    // A primary and one replica per node, 730 hours a month at 0.5 an hour.
    expect(small?.monthlyCost).toBeCloseTo((small?.nodes ?? 0) * 2 * 0.5 * 730, 2)
    expect(small?.originReadsPerSec).toBeCloseTo(10_000 * (1 - (small?.hitRatio ?? 0)), 6)
    expect(plan.rows.map((row) => row.nodeType)).toEqual(['small', 'large'])
    // With a replica per node, a failed primary fails over: nothing is lost.
    expect(small?.oneNodeFailed).toMatchObject({hitRatio: small?.hitRatio, meetsGoals: true, nodesToMeetGoals: small?.nodes})
  })

  it('sizes memcached nodes as memory minus the connections overhead', async () => {
    // An engine model is simulated at each size: a short run will do.
    const short = {...uniform, load: {...uniform.load, operations: 12_000, warmup: {operations: 6_000}}}
    const plan = await planCapacity(short, {goals: {hitRatio: 0.3}, catalog, engine: 'memcached', replicas: 0, curve: {threads: 1}})
    const large = plan.rows.find((row) => row.nodeType === 'large')
    expect(large?.usableBytesPerNode).toBe(8 * 1024 * 1024 - 100 * 1024)
    expect(plan.engine).toBe('memcached')
    // One large node holds the lot; losing it loses the cache, and a second node is what N+1 takes.
    expect(large).toMatchObject({nodes: 1, oneNodeFailed: {hitRatio: 0, meetsGoals: false, nodesToMeetGoals: 2}})
  })

  it('refuses goals no cache size meets, in one sentence', async () => {
    // Without a warm-up, the first read of each key misses whatever the size: 20k of 300k reads.
    const cold = {...uniform, load: {...uniform.load, operations: 300_000, warmup: {operations: 0}}}
    const plan = planCapacity(cold, {goals: {hitRatio: 0.99}, catalog, replicas: 0, curve: {}})
    await expect(plan).rejects.toThrow(InputError)
    await expect(plan).rejects.toThrow(/^no cache size up to .* meets every goal for lazy-loading: there, hit ratio 0\.9[0-4]\d < 0\.99; the curve is flat there, so the misses left are first reads of keys: more --operations or --warmup count fewer of them\.$/)
  })

  it('plans the strategies some size serves and says why the others have no plan; refuses when none has one', async () => {
    // Uniform keys, 80% reads: with invalidateOnWrite a read hits only if its key's last access was
    // a read (probability 0.8), so ~0.8 is its ceiling; plain lazy loading keeps the key, ~1 once all fit.
    const mixed = {...uniform, mix: {read: 0.8, write: 0.2, delete: 0}, load: {...uniform.load, operations: 200_000, warmup: {operations: 100_000}}}
    const strategies = ['lazy-loading', 'lazy-loading+invalidateOnWrite']
    const plan = await planCapacity(mixed, {goals: {hitRatio: 0.9}, strategies, catalog, replicas: 0, curve: {}})
    expect(plan.curve.map((curve) => curve.strategy)).toEqual(['lazy-loading'])
    expect(new Set(plan.rows.map((row) => row.strategy))).toEqual(new Set(['lazy-loading']))
    expect(plan.unmet.map((unmet) => unmet.strategy)).toEqual(['lazy-loading+invalidateOnWrite'])
    const [unmet] = plan.unmet
    expect(unmet.reason).toMatch(/^no cache size up to .* meets every goal for lazy-loading\+invalidateOnWrite: there, hit ratio 0\.(79|80|81)\d < 0\.9/)
    expect(unmet.points.at(-1)?.hitRatio).toBeCloseTo(0.8, 1)
    // Every report says so, under the plans made.
    const sentence = `${unmet.reason.replace(/^n/, 'N')}.`
    const terminal = renderPlanTerminal(plan)
    expect(terminal.indexOf(sentence)).toBeGreaterThan(terminal.indexOf('lazy-loading: '))
    expect(renderPlanMarkdown(plan)).toContain(`### lazy-loading+invalidateOnWrite: no plan\n\n${sentence.replaceAll('<', '&lt;')}`)
    expect(planHtmlRenderer.render(plan, {colour: false, width: 80})).toContain('<h2>lazy-loading+invalidateOnWrite: no plan</h2>')
    // Cold, every key's first read misses: lazy loading's ceiling is 1 − 20k first reads of 160k reads ≈ 0.875.
    const cold = {...mixed, load: {...mixed.load, warmup: {operations: 0}}}
    const neither = planCapacity(cold, {goals: {hitRatio: 0.95}, strategies, catalog, replicas: 0, curve: {}})
    await expect(neither).rejects.toThrow(InputError)
    await expect(neither).rejects.toThrow(/^no cache size .* for lazy-loading: there, hit ratio 0\.8[6-8]\d < 0\.95.*\. No cache size .* for lazy-loading\+invalidateOnWrite: there, hit ratio 0\.[67]\d\d < 0\.95.*\.$/)
  })

  it('refuses to size a cache for a strategy that never uses one', async () => {
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, strategies: ['none', 'lazy-loading'], catalog, replicas: 0, curve: {}})).rejects.toThrow(
      /^--strategy none never uses the cache, so a plan has no cache to size for it; leave it out\.$/,
    )
    const none = {...uniform, name: 'direct', strategy: {...uniform.strategy, name: 'none' as const}}
    await expect(planCapacity(none, {goals: {hitRatio: 0.5}, catalog, replicas: 0, curve: {}})).rejects.toThrow(/^direct's strategy is none, which never uses the cache: there is no cache to size; name strategies that cache with --strategy/)
  })

  it('refuses a catalog whose node types leave no memory for data, before any curve, naming the rule and the nodes', async () => {
    // 1 B less 25% is 0 bytes of maxmemory; 1 MiB less a 100 MiB overhead is none either.
    const tiny = loadCatalog(catalogFile('tiny.yaml', CATALOG.replace(/nodeTypes:[\s\S]*/, 'nodeTypes:\n  - {name: tiny, memory: 1B, vcpus: 1, network: x, pricePerHour: 0.01}\n')))
    const file = tiny.file.replaceAll('.', '\\.')
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.3}, catalog: tiny, replicas: 0, curve: {}})).rejects.toThrow(
      new RegExp(`^no node type of the catalog ${file} leaves memory for data on a Redis node \\(node memory − 25% reserved-memory-percent\\): tiny has 1B\\.$`),
    )
    const overhead = loadCatalog(catalogFile('overhead.yaml', CATALOG.replace('memcachedConnectionsOverhead: 100KiB', 'memcachedConnectionsOverhead: 100MiB')))
    const memcached = planCapacity(uniform, {goals: {hitRatio: 0.3}, catalog: overhead, engine: 'memcached', replicas: 0, curve: {}})
    await expect(memcached).rejects.toThrow(InputError)
    await expect(memcached).rejects.toThrow(/on a Memcached node \(node memory − 100MiB memcached_connections_overhead\): small has 1MiB, large has 8MiB\.$/)
  })

  it('says which cache model its curves used: the workload model without --engine, the engine model with it', async () => {
    const plain = await planCapacity(uniform, {goals: {hitRatio: 0.5}, catalog, replicas: 0, curve: {}})
    expect([plain.engine, plain.curveModel]).toEqual(['redis', 'ideal'])
    expect(renderPlanTerminal(plain)).toContain("curves of the workload's ideal cache model (--engine redis models a Redis node's memory and eviction)")
    const modelled = await planCapacity(uniform, {goals: {hitRatio: 0.5}, engine: 'memcached', catalog, replicas: 0, curve: {}})
    expect([modelled.engine, modelled.curveModel]).toEqual(['memcached', 'memcached'])
    expect(renderPlanTerminal(modelled)).toContain('memcached nodes from')
    expect(renderPlanTerminal(modelled)).toContain('curves of the memcached cache model')
  })

  it('refuses a strategy listed twice, under an alias too, and says why cache-only misses at every size', async () => {
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, strategies: ['lazy-loading', 'cache-aside'], catalog, replicas: 0, curve: {}})).rejects.toThrow(
      /^--strategy lists lazy-loading twice \(as "cache-aside"\)\.$/,
    )
    // Reads only: cache-only never fills its cache, so the curve is 0 at every size.
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, strategies: ['cache-only'], catalog, replicas: 0, curve: {}})).rejects.toThrow(
      /for cache-only: there, hit ratio 0\.000 < 0\.5; the curve is flat there: cache-only fills the cache by writes alone, so reads of keys never written miss at every size\.$/,
    )
  })

  it('refuses a catalog date that is no day of the calendar and an empty list of node types, by field', () => {
    for (const checked of ['2024-13-45', "'2024-02-30'"]) {
      const file = catalogFile('bad-date.yaml', CATALOG.replace('checked: 2026-01-01', `checked: ${checked}`))
      expect(() => loadCatalog(file)).toThrow(`catalog ${file}: checked must be a date such as 2026-11-29, or null (got "${checked.replaceAll("'", '')}").`)
    }
    expect(loadCatalog(catalogFile('quoted-date.yaml', CATALOG.replace('checked: 2026-01-01', "checked: '2026-01-05'"))).checked).toBe('2026-01-05')
    const empty = catalogFile('empty.yaml', CATALOG.replace(/nodeTypes:[\s\S]*/, 'nodeTypes: []\n'))
    expect(() => loadCatalog(empty)).toThrow(`catalog ${empty}: nodeTypes must list at least one node type (got an empty list).`)
  })

  it('leaves out a node type that would need more than 500 nodes, saying so, and refuses a catalog of only such', async () => {
    // 1 KiB less 25% is 768 B a node: half of 20k keys of ITEM bytes needs thousands of them.
    const speck = '  - {name: speck, memory: 1KiB, vcpus: 1, network: x, pricePerHour: 0.01}\n'
    const mixed = loadCatalog(catalogFile('speck.yaml', CATALOG + speck))
    const plan = await planCapacity(uniform, {goals: {hitRatio: 0.5}, catalog: mixed, replicas: 0, curve: {}})
    const needed = Math.ceil(plan.curve[0].memoryBytes / 768)
    expect(needed).toBeGreaterThan(500)
    expect(plan.rows.map((row) => row.nodeType).sort()).toEqual(['large', 'small'])
    expect(plan.assumptions.at(-1)).toBe(`Left out, needing more than 500 nodes (ElastiCache's largest cluster): speck (${needed.toLocaleString('en-US')} nodes of 768B for lazy-loading).`)
    const only = loadCatalog(catalogFile('specks.yaml', CATALOG.replace(/nodeTypes:[\s\S]*/, `nodeTypes:\n${speck}`)))
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, catalog: only, replicas: 0, curve: {}})).rejects.toThrow(
      `no node type of the catalog ${only.file} holds the cache in at most 500 nodes, ElastiCache's largest cluster: speck (${needed.toLocaleString('en-US')} nodes of 768B for lazy-loading).`,
    )
  })

  it('refuses replicas on Memcached nodes and more than a shard can have, before any curve', async () => {
    // Both refused up front: a curve of this workload would take seconds, the refusals none.
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, catalog, engine: 'memcached', replicas: 1, curve: {}})).rejects.toThrow(
      /^--replicas is for Redis nodes: a Memcached node has no replicas .*\(got --replicas 1 with --engine memcached\)\.$/,
    )
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, catalog, replicas: 6, curve: {}})).rejects.toThrow(/^--replicas is at most 5: .* \(got 6\)\.$/)
    await expect(planCapacity(uniform, {goals: {hitRatio: 0.5}, catalog, replicas: 6, curve: {}})).rejects.toThrow(InputError)
  })

  it('refuses an origin-reads goal without a request rate', async () => {
    // The refusal does not depend on the run's length: a short one.
    const closed = {...uniform, load: {...uniform.load, rate: null, operations: 12_000, warmup: {operations: 6_000}}}
    await expect(planCapacity(closed, {goals: {originReadsPerSec: 100}, catalog, replicas: 0, curve: {}})).rejects.toThrow(/--origin-reads needs the rate of requests/)
    // The same on a simulated curve (a TTL): each size's closed loop runs at a throughput of its own, no rate to judge by.
    const simulated = {...closed, strategy: {...closed.strategy, ttlMs: 60_000}}
    await expect(planCapacity(simulated, {goals: {originReadsPerSec: 100}, catalog, replicas: 0, curve: {}})).rejects.toThrow(/--origin-reads needs the rate of requests/)
  })

  it('predicts the hit ratio with one node failed from the ring shares', () => {
    // A cache that hits in proportion to its size up to 1 MB: four nodes of 250 kB each hold it
    // all; with one down each survivor (about a third of the keys) caps at 250 kB, so ≈ 0.75.
    const hitAt = (bytes: number) => Math.min(1, bytes / 1_000_000)
    expect(hitRatioWithOneNodeFailed(4, 100_000, 250_000, hitAt)).toBeCloseTo(0.75, 2)
    expect(hitRatioWithOneNodeFailed(1, 100_000, 1_000_000, hitAt)).toBe(0)
    // Plenty of room: losing a node costs nothing.
    expect(hitRatioWithOneNodeFailed(3, 100_000, 1_000_000, hitAt)).toBe(1)
  })

  const broken: Array<[string, string, RegExp]> = [
    ['a size that is not one', CATALOG.replace('memory: 8MiB', 'memory: lots'), /nodeTypes\[1\]\.memory "lots" is not a positive size/],
    ['a missing price', CATALOG.replace(', pricePerHour: 0.5', ''), /nodeTypes\[0\]\.pricePerHour is missing; it must be a number\.$/],
    ['an unknown field', CATALOG.replace('region: test-1', 'regoin: test-1'), /unknown field "regoin"; did you mean "region"\?$/],
    ['another version', CATALOG.replace('version: 1', 'version: 2'), /: version must be 1 \(got 2\)\.$/],
    ['a name listed twice', CATALOG.replace('name: large', 'name: small'), /nodeTypes\[1\]\.name: "small" is listed twice/],
    ['an empty file', '', /: the catalog must be a mapping of field: value pairs \(got an empty value\)\.$/],
  ]
  for (const [label, text, message] of broken) {
    it(`names the catalog file and field for ${label}`, () => {
      const file = catalogFile(`${label.replaceAll(' ', '-')}.yaml`, text)
      expect(() => loadCatalog(file)).toThrow(InputError)
      expect(() => loadCatalog(file)).toThrow(new RegExp(`^catalog ${file.replaceAll('.', '\\.')}: `))
      expect(() => loadCatalog(file)).toThrow(message)
    })
  }
})
