import {describe, expect, it} from 'vitest'
import {parseWorkload} from '../../src/workload/load-workload.js'

const load = (strategy: string) => parseWorkload(`version: 1\nstrategy: ${strategy}\n`, 'x.yaml').strategy
const problem = (strategy: string): string => {
  try {
    load(strategy)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`strategy ${strategy} was accepted`)
}

describe('strategy options for write-behind, refresh-ahead and stampede protection', () => {
  it('reads each option with its unit and fills the defaults', () => {
    expect(load('{name: write-behind, flushDelay: 250ms}')).toMatchObject({name: 'write-behind', flushDelayMs: 250, lease: null})
    expect(load('write-behind').flushDelayMs).toBe(1000)
    expect(load('{name: refresh-ahead, ttl: 1m, refreshAt: 0.25}')).toMatchObject({ttlMs: 60_000, refreshAt: 0.25})
    expect(load('{name: lazy-loading, singleFlight: true}').singleFlight).toBe(true)
    expect(load('{name: write-through, lease: true}').lease).toEqual({retryAfterMs: 5, timeoutMs: 1000})
    expect(load('{name: lazy-loading, lease: {retryAfter: 2ms}}').lease).toEqual({retryAfterMs: 2, timeoutMs: 1000})
    expect(load('{name: lazy-loading, lease: false}').lease).toBeNull()
  })

  it('refuses options that do not belong to the strategy, naming the field', () => {
    expect(problem('{name: lazy-loading, flushDelay: 1s}')).toBe('x.yaml: strategy.flushDelay applies only to write-behind (strategy is lazy-loading).')
    expect(problem('{name: write-behind, refreshAt: 0.5}')).toBe('x.yaml: strategy.refreshAt applies only to refresh-ahead (strategy is write-behind).')
    expect(problem('{name: none, singleFlight: true}')).toMatch(/^x\.yaml: strategy\.singleFlight applies only to strategies that fill the cache on a miss/)
    expect(problem('{name: lazy-loading, singleFlight: true, lease: true}')).toBe(
      'x.yaml: strategy.lease and singleFlight both prevent stampedes; choose one.',
    )
  })

  it('refuses out-of-range values with the requirement', () => {
    expect(problem('{name: refresh-ahead, refreshAt: 1}')).toMatch(/strategy\.refreshAt must be between 0 and 1, exclusive/)
    expect(problem('{name: write-behind, flushDelay: 0s}')).toMatch(/strategy\.flushDelay must be a positive duration/)
    expect(problem('{name: lazy-loading, lease: {retry: 1ms}}')).toMatch(/strategy\.lease/)
  })
})
