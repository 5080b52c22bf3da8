import {describe, expect, it} from 'vitest'
import {PLAN_SCHEMA, type PlanResult, type PlanRow} from '../../src/plan/plan-result.js'
import {getRenderer} from '../../src/report/renderers.js'

const MiB = 1024 ** 2

function row(nodeType: string, monthlyCost: number): PlanRow {
  return {
    strategy: 'lazy-loading',
    nodeType,
    nodes: 1,
    replicasPerNode: 0,
    memoryBytes: 1.26 * MiB,
    provisionedBytes: 384 * MiB,
    usableBytesPerNode: 384 * MiB,
    hitRatio: 0.702,
    originReadsPerSec: 1329,
    readP99Ms: 19.6,
    monthlyCost,
    oneNodeFailed: {hitRatio: 0, originReadsPerSec: 4465, meetsGoals: false, nodesToMeetGoals: 2},
  }
}

/** A plan like `plan read-heavy --rate 5k/s --hit-ratio 0.7` on the bundled catalog prints. */
function plan(): PlanResult {
  const points = [0.156, 0.304, 0.537, 0.702, 0.772, 0.802].map((hitRatio, index) => ({capacityBytes: 2 ** index * 0.16 * MiB, hitRatio, missRatio: 1 - hitRatio, originReadsPerSec: 5000 * (1 - hitRatio)}))
  return {
    schema: PLAN_SCHEMA,
    tool: {name: 'cache-bench', version: '0.0.0'},
    workload: {name: 'read-heavy', file: 'workloads/read-heavy.yaml'},
    engine: 'redis',
    curveModel: 'ideal',
    goals: {hitRatio: 0.7},
    catalog: {file: '/opt/cache-bench/catalogs/elasticache.yaml', source: 'pricing page', checked: null, region: 'us-east-1', currency: 'USD'},
    curve: [{strategy: 'lazy-loading', method: 'simulation', memoryBytes: points[3].capacityBytes, points}],
    rows: [row('cache.t4g.micro', 12), row('cache.r6g.4xlarge', 1199)],
    unmet: [],
    assumptions: [
      'One node failed: the node with the largest key share on a ketama ring leaves; its keys spread over the others, each node acting as the whole cache would at its memory ÷ its key share.',
    ],
  }
}

describe('plan in the terminal', () => {
  it('fits 80 columns: sentences wrap, bars shrink and the node table splits in two', () => {
    const text = getRenderer('terminal', 'plan').render(plan(), {colour: false, width: 80})
    const lines = text.trimEnd().split('\n')
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80)
    expect(text).toContain('◀ smallest meeting every goal')
    expect(lines).toContain('  node type          nodes  cache memory  per month')
    expect(lines).toContain('  cache.r6g.4xlarge      1        384MiB  1,199 USD')
    expect(lines).toContain('  node type          hit, 1 node down  origin/s, 1 node down        N+1 ok')
    expect(lines).toContain('  cache.r6g.4xlarge                0%                  4,465  with 2 nodes')
    expect(text).toContain('  - One node failed: the node with the largest key share on a ketama ring\n    leaves;')
  })

  it('keeps the table whole where it fits', () => {
    const text = getRenderer('terminal', 'plan').render(plan(), {colour: false, width: 160})
    expect(text).toContain('\n  node type          nodes  cache memory  per month  hit, 1 node down  origin/s, 1 node down        N+1 ok\n')
    expect(text).toContain('\n  cache.t4g.micro        1        384MiB     12 USD                0%                  4,465  with 2 nodes\n')
  })
})
