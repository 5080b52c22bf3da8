import {cellWorkload} from '../compare/cell-workload.js'
import {parseStrategyChoice} from '../compare/matrix.js'
import {InputError} from '../errors.js'
import {stackDistanceObstacle} from '../mrc/cache-accesses.js'
import {computeCurve, type CurveOptions} from '../mrc/compute-curve.js'
import {engineModelOf, withEngineModel} from '../mrc/engine-model.js'
import {pointSize, type MrcPoint, type MrcResult} from '../mrc/mrc-result.js'
import {geometric, keyspaceBytes} from '../mrc/size-grid.js'
import {strategyUsesCache} from '../strategies/strategy-parts.js'
import {TOOL} from '../version.js'
import {LAZILY_FILLING_STRATEGIES} from '../workload/sections/strategy.js'
import type {StrategyName, Workload} from '../workload/types.js'
import {formatSize} from '../workload/units.js'
import type {Catalog} from './catalog.js'
import {missedGoals, type PlanGoals} from './goals.js'
import {engineName, HOURS_PER_MONTH, hitRatioWithOneNodeFailed, usableBytes, usableMemoryRule, type NodeEngine} from './node-sizing.js'
import {PLAN_SCHEMA, type PlanResult, type PlanRow, type StrategyCurve, type UnmetStrategy, unmetSentence} from './plan-result.js'
import {readP99, sampleReadLatencies} from './read-latency.js'

/** Read replicas a shard may have (ElastiCache for Redis: 0 to 5 per shard). */
const MAX_REPLICAS = 5

export interface PlanOptions {
  goals: PlanGoals
  /** `--strategy a,b`: the workload's own strategy when absent. */
  strategies?: string[]
  /** Node family; also the engine model the curve is computed with. Redis when absent. */
  engine?: NodeEngine
  catalog: Catalog
  replicas: number
  curve: Omit<CurveOptions, 'sizes'>
}

/** Points on a stack-distance curve (cheap) and on a simulated one (a run each). */
const STACK_POINTS = 96
const SIMULATED_POINTS = 12
/** How many nodes beyond the plan's are tried in search of N+1 headroom. */
const MAX_EXTRA_NODES = 16
/**
 * The most nodes a priced row may have: ElastiCache's largest cluster, 500 shards of Redis with
 * cluster mode. A node type that would need more (a catalog entry of a few KiB) is left out, and
 * the plan says so: each count past it also builds a ketama ring of that many nodes, up to 16
 * times, and a 1 KiB node's 11,600 ran out of memory.
 */
const MAX_NODES = 500

/** Hit ratio at any size, interpolated on a log scale of size between the curve's points. */
export function hitRatioAt(points: MrcPoint[], bytes: number): number {
  if (bytes <= pointSize(points[0])) return points[0].hitRatio
  for (let i = 1; i < points.length; i++) {
    const [low, high] = [pointSize(points[i - 1]), pointSize(points[i])]
    if (bytes <= high) {
      const at = Math.log(bytes / low) / Math.log(high / low)
      return points[i - 1].hitRatio + at * (points[i].hitRatio - points[i - 1].hitRatio)
    }
  }
  return (points.at(-1) as MrcPoint).hitRatio
}

/** Each strategy to plan for, as a workload; a strategy that never uses the cache has nothing to size. */
function strategyWorkloads(workload: Workload, strategies: string[] | undefined): Array<[string, Workload]> {
  if (strategies === undefined) {
    if (!strategyUsesCache(workload.strategy.name)) {
      throw new InputError(`${workload.name}'s strategy is ${workload.strategy.name}, which never uses the cache: there is no cache to size; name strategies that cache with --strategy (e.g. lazy-loading,write-through).`)
    }
    return [[workload.strategy.name, workload]]
  }
  const labels = new Set<string>()
  return strategies.map((text) => {
    const choice = parseStrategyChoice(text.trim())
    if (!strategyUsesCache(choice.name)) throw new InputError(`--strategy ${choice.label} never uses the cache, so a plan has no cache to size for it; leave it out.`)
    // "lazy-loading,cache-aside" is one strategy twice: every row would be printed twice.
    if (labels.has(choice.label)) throw new InputError(`--strategy lists ${choice.label} twice${choice.label === text.trim() ? '' : ` (as "${text.trim()}")`}.`)
    labels.add(choice.label)
    return [choice.label, cellWorkload(workload, {index: 0, label: choice.label, settings: {strategy: choice.label}, strategy: choice}, () => choice.label)]
  })
}

/** Why no size on the curve meets every goal: the largest size's shortfalls. */
function shortfall(curve: MrcResult, goals: PlanGoals, label: string, strategy: StrategyName): string {
  const largest = curve.points.at(-1) as MrcPoint
  // A flat end means only first reads miss there: a longer stream would count fewer of them.
  const flat = curve.points.length > 1 && (curve.points.at(-2) as MrcPoint).hitRatio === largest.hitRatio
  // cache-only never fills the cache on a read: its reads of keys not yet written miss at every size.
  const hint = !flat
    ? ''
    : LAZILY_FILLING_STRATEGIES.includes(strategy)
      ? '; the curve is flat there, so the misses left are first reads of keys: more --operations or --warmup count fewer of them'
      : `; the curve is flat there: ${strategy} fills the cache by writes alone, so reads of keys never written miss at every size`
  return `no cache size up to ${formatSize(pointSize(largest))} (1.5 × the whole keyspace) meets every goal for ${label}: there, ${missedGoals(largest, goals).join(', ')}${hint}`
}

async function curveFor(workload: Workload, goals: PlanGoals, options: PlanOptions): Promise<MrcResult> {
  // Stale reads come only from a simulation; stack distances do not see versions.
  const simulate = options.curve.simulate === true || goals.staleRatio !== undefined
  const whole = keyspaceBytes(workload) * 1.5
  const count = simulate || stackDistanceObstacle(workload, 'bytes') !== null ? SIMULATED_POINTS : STACK_POINTS
  const curve = await computeCurve(workload, {...options.curve, simulate, sizes: {unit: 'bytes', values: geometric(whole / 1000, whole, count)}})
  if (goals.originReadsPerSec !== undefined && curve.points.some((point) => point.originReadsPerSec === null)) {
    throw new InputError('--origin-reads needs the rate of requests: give --rate (e.g. --rate 20k/s) or use an open-loop workload (load.rate).')
  }
  if (curve.method !== 'simulation') {
    const samples = sampleReadLatencies(workload)
    for (const point of curve.points) point.readP99Ms = readP99(samples, point.missRatio)
  }
  return curve
}

/** The smallest memory meeting every goal, per strategy, and what it takes on each node type of the catalog. */
export async function planCapacity(base: Workload, options: PlanOptions): Promise<PlanResult> {
  const {goals, catalog, replicas} = options
  const engine = options.engine ?? 'redis'
  if (!(Number.isInteger(replicas) && replicas >= 0)) throw new InputError(`--replicas must be a whole number ≥ 0 (got ${replicas}).`)
  if (replicas > 0 && engine === 'memcached') {
    throw new InputError(`--replicas is for Redis nodes: a Memcached node has no replicas (ElastiCache for Memcached does not replicate), so none can be priced (got --replicas ${replicas} with --engine memcached).`)
  }
  if (replicas > MAX_REPLICAS) {
    throw new InputError(`--replicas is at most ${MAX_REPLICAS}: ElastiCache for Redis gives a shard up to ${MAX_REPLICAS} read replicas (got ${replicas}).`)
  }
  checkSomeNodeHoldsData(catalog, engine)
  const curves: StrategyCurve[] = []
  const rows: PlanRow[] = []
  // Strategies no size serves: the plan goes on with the others, and says why these have no rows.
  const unmet: UnmetStrategy[] = []
  /** Node types some strategy would need more than MAX_NODES of: "a (11,600 nodes of 768B for lazy-loading)". */
  const tooSmall = new Map<string, string>()
  for (const [label, strategyWorkload] of strategyWorkloads(base, options.strategies)) {
    const workload = options.engine === undefined ? strategyWorkload : withEngineModel(strategyWorkload, options.engine)
    const curve = await curveFor(workload, goals, options)
    const chosen = curve.points.find((point) => missedGoals(point, goals).length === 0)
    if (chosen === undefined) {
      unmet.push({strategy: label, method: curve.method, reason: shortfall(curve, goals, label, workload.strategy.name), points: curve.points})
      continue
    }
    const memoryBytes = pointSize(chosen)
    curves.push({strategy: label, method: curve.method, memoryBytes, points: curve.points})
    const readsPerSec = chosen.hitRatio < 1 && chosen.originReadsPerSec !== null ? chosen.originReadsPerSec / (1 - chosen.hitRatio) : curve.readsPerSec
    for (const node of catalog.nodeTypes) {
      const usable = usableBytes(node, engine, catalog)
      if (usable <= 0) continue
      const nodes = Math.max(1, Math.ceil(memoryBytes / usable))
      if (nodes > MAX_NODES) {
        if (!tooSmall.has(node.name)) tooSmall.set(node.name, `${node.name} (${nodes.toLocaleString('en-US')} nodes of ${formatSize(usable)} for ${label})`)
        continue
      }
      const hitAt = (bytes: number) => hitRatioAt(curve.points, bytes)
      const oneDown = (count: number) => {
        // A Redis primary with a replica fails over to it: the data, and the hit ratio, stay.
        const hitRatio = engine === 'redis' && replicas > 0 ? chosen.hitRatio : hitRatioWithOneNodeFailed(count, workload.keyspace.count, usable, hitAt)
        const originReadsPerSec = readsPerSec === null ? null : readsPerSec * (1 - hitRatio)
        const meetsGoals = missedGoals({...chosen, hitRatio, missRatio: 1 - hitRatio, originReadsPerSec}, {hitRatio: goals.hitRatio, originReadsPerSec: goals.originReadsPerSec}).length === 0
        return {hitRatio, originReadsPerSec, meetsGoals}
      }
      const failed = oneDown(nodes)
      let nodesForOneDown: number | null = failed.meetsGoals ? nodes : null
      for (let count = nodes + 1; nodesForOneDown === null && count <= nodes + MAX_EXTRA_NODES; count++) {
        if (oneDown(count).meetsGoals) nodesForOneDown = count
      }
      rows.push({
        strategy: label,
        nodeType: node.name,
        nodes,
        replicasPerNode: replicas,
        memoryBytes,
        provisionedBytes: nodes * usable,
        usableBytesPerNode: usable,
        hitRatio: chosen.hitRatio,
        originReadsPerSec: chosen.originReadsPerSec,
        readP99Ms: chosen.readP99Ms ?? null,
        monthlyCost: Math.round(nodes * (1 + replicas) * node.pricePerHour * HOURS_PER_MONTH * 100) / 100,
        oneNodeFailed: {...failed, nodesToMeetGoals: nodesForOneDown},
      })
    }
  }
  if (curves.length === 0) {
    // The first sentence follows "Error: ", as every refusal's does.
    throw new InputError([`${unmet[0].reason}.`, ...unmet.slice(1).map(unmetSentence)].join(' '))
  }
  const leftOut = [...tooSmall.values()].join(', ')
  if (rows.length === 0) {
    throw new InputError(`no node type of the catalog ${catalog.file} holds the cache in at most ${MAX_NODES} nodes, ElastiCache's largest cluster: ${leftOut}.`)
  }
  rows.sort((a, b) => a.strategy.localeCompare(b.strategy) || a.monthlyCost - b.monthlyCost)
  return {
    schema: PLAN_SCHEMA,
    tool: TOOL,
    workload: {name: base.name, file: base.file},
    engine,
    curveModel: options.engine ?? engineModelOf(base),
    goals,
    catalog: {file: catalog.file, source: catalog.source, checked: catalog.checked, region: catalog.region, currency: catalog.currency},
    curve: curves,
    rows,
    unmet,
    assumptions: [
      ...assumptions(engine, catalog, replicas, curves),
      ...(tooSmall.size > 0 ? [`Left out, needing more than ${MAX_NODES} nodes (ElastiCache's largest cluster): ${leftOut}.`] : []),
    ],
  }
}

/** Refused before any curve: with no memory left for data on any node type, no size could be priced. */
function checkSomeNodeHoldsData(catalog: Catalog, engine: NodeEngine): void {
  if (catalog.nodeTypes.some((node) => usableBytes(node, engine, catalog) > 0)) return
  const rule = usableMemoryRule(engine, catalog)
  const nodes = catalog.nodeTypes.map((node) => `${node.name} has ${formatSize(node.memoryBytes)}`).join(', ')
  throw new InputError(`no node type of the catalog ${catalog.file} leaves memory for data on a ${engineName(engine)} node (${rule}): ${nodes}.`)
}

function assumptions(engine: NodeEngine, catalog: Catalog, replicas: number, curves: StrategyCurve[]): string[] {
  return [
    `${engineName(engine)} usable memory per node = ${usableMemoryRule(engine, catalog)}${engine === 'redis' ? " (ElastiCache's default)" : ''}.`,
    `memoryBytes is the smallest point of a ${curves.some((curve) => curve.method === 'simulation') ? 'simulated' : 'stack-distance'} curve on a log-spaced grid meeting every goal; the true minimum lies between it and the grid point below.`,
    'Read p99 on stack-distance curves: hit = one cache get, miss = get + origin read + set, drawn from the workload\'s latency models without origin queueing.',
    engine === 'redis' && replicas > 0
      ? 'One node failed: its replica is promoted, so the data and the hit ratio stay.'
      : 'One node failed: the node with the largest key share on a ketama ring leaves; its keys spread over the others, each node acting as the whole cache would at its memory ÷ its key share. nodesToMeetGoals: the fewest nodes (up to 16 more) whose pool still meets the hit-ratio and origin goals with one down.',
    `Monthly cost = nodes × ${1 + replicas} (1 primary${replicas > 0 ? ` + ${replicas} replica${replicas === 1 ? '' : 's'}` : ''}) × on-demand price per hour × ${HOURS_PER_MONTH} h, ${catalog.region}, ${catalog.currency}; prices from ${catalog.source}${catalog.checked ? `, checked ${catalog.checked}` : ', never checked against the source'}.`,
  ]
}
