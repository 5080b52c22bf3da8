import {describe, expect, it} from 'vitest'
import {cellWorkload} from '../../src/compare/cell-workload.js'
import {expandMatrix} from '../../src/compare/matrix.js'
import {cellTimelineIntervals} from '../../src/compare/run-comparison.js'
import {testWorkload} from '../helpers/workload.js'

const messageOf = (action: () => unknown): string => {
  try {
    action()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('the compare matrix', () => {
  it('is the cartesian product of the lists, strategy varying slowest, labelled by what varies', () => {
    const cells = expandMatrix({strategy: 'none,write-through', mix: '95:5,90:5:5', ttl: '30s'})
    expect(cells.map((cell) => cell.label)).toEqual(['none 95:5', 'none 90:5:5', 'write-through 95:5', 'write-through 90:5:5'])
    expect(cells[3].settings).toEqual({strategy: 'write-through', mix: '90:5:5', ttl: '30s'})
    expect(cells[1].mix?.mix).toEqual({read: 0.9, write: 0.05, delete: 0.05})
    expect(cells[0].ttl?.ttlMs).toBe(30_000)
    expect(expandMatrix({strategy: 'cache-aside+singleFlight,write-behind', ttl: 'none,5m'}).map((cell) => cell.label)).toEqual([
      'lazy-loading+singleFlight ttl none',
      'lazy-loading+singleFlight ttl 5m',
      'write-behind ttl none',
      'write-behind ttl 5m',
    ])
    // One cell varies nothing: it is named by what its flags set, not as the workload file has it.
    expect(expandMatrix({strategy: 'none'}).map((cell) => cell.label)).toEqual(['none'])
    expect(expandMatrix({strategy: 'cache-only', mix: '50:50', ttl: '10s'}).map((cell) => cell.label)).toEqual(['cache-only 50:50 ttl 10s'])
  })

  it('rejects bad values with a sentence naming the flag', () => {
    expect(messageOf(() => expandMatrix({strategy: 'lazy-loading,write-thru'}))).toBe(
      '--strategy "write-thru" is not a strategy (did you mean "write-through"?); use none, lazy-loading, write-through, cache-only, write-behind, refresh-ahead.',
    )
    expect(messageOf(() => expandMatrix({strategy: 'none+lease'}))).toMatch(/^--strategy "none\+lease": \+singleFlight and \+lease apply only to/)
    expect(messageOf(() => expandMatrix({strategy: 'write-through+invalidateOnWrite'}))).toMatch(/invalidateOnWrite applies only to lazy-loading/)
    expect(messageOf(() => expandMatrix({mix: '95:5,ninety'}))).toBe(
      '--mix "ninety" is not a mix; use read:write or read:write:delete weights such as 95:5 or 90:5:5.',
    )
    expect(messageOf(() => expandMatrix({mix: '0:0'}))).toMatch(/^--mix "0:0" is not a mix/)
    expect(messageOf(() => expandMatrix({ttl: 'none,0s'}))).toBe('--ttl "0s" is not a TTL; use none or a positive duration such as 30s or 5m.')
    expect(messageOf(() => expandMatrix({ttl: '30s,,5m'}))).toMatch(/^--ttl "30s,,5m" has an empty value/)
    expect(messageOf(() => expandMatrix({ttl: '5m,5m'}))).toBe('--ttl lists "5m" twice.')
    expect(messageOf(() => expandMatrix({}))).toMatch(/^compare needs at least one of --strategy, --mix or --ttl/)
  })

  it('refuses more than 1,000 cells, saying which lists made how many', () => {
    const mixes = Array.from({length: 101}, (_, index) => `${index}:${100 - index}`)
    mixes[0] = '1:0' // 0:100 is a mix too; 1:0 keeps the list free of repeats
    const ttls = Array.from({length: 10}, (_, index) => `${index + 1}s`)
    expect(messageOf(() => expandMatrix({mix: mixes.join(','), ttl: ttls.join(',')}))).toBe(
      'compare runs at most 1,000 cells, and 101 mixes × 10 TTLs make 1,010; split the matrix over several comparisons.',
    )
    expect(expandMatrix({mix: mixes.slice(0, 100).join(','), ttl: ttls.join(',')})).toHaveLength(1000)
  })

  it('gives each cell a share of 200,000 timeline intervals, from 200 up to the 10,000 of a run', () => {
    expect(cellTimelineIntervals(1)).toBe(10_000)
    expect(cellTimelineIntervals(36)).toBe(5555)
    expect(cellTimelineIntervals(1000)).toBe(200)
  })

  it('a cell runs exactly what its label says; other strategy settings come from the file', () => {
    const base = testWorkload({
      name: 'wl',
      strategy: {name: 'lazy-loading', ttlMs: 60_000, ttlJitter: 0.1, invalidateOnWrite: true, singleFlight: false, flushDelayMs: 250},
    })
    const [plain, leased] = expandMatrix({strategy: 'lazy-loading,write-behind+lease', mix: '50:50'})
    const describe = (cell: {label: string}) => cell.label
    const first = cellWorkload(base, plain, describe)
    expect(first.name).toBe('wl [lazy-loading]')
    expect(first.strategy).toMatchObject({name: 'lazy-loading', ttlMs: 60_000, ttlJitter: 0.1, invalidateOnWrite: false, lease: null})
    expect(first.mix).toEqual({read: 0.5, write: 0.5, delete: 0})
    const second = cellWorkload(base, leased, describe)
    expect(second.strategy).toMatchObject({name: 'write-behind', flushDelayMs: 250, invalidateOnWrite: false, lease: {retryAfterMs: 5, timeoutMs: 1000}})
    const [ttlCell] = expandMatrix({ttl: 'none'})
    expect(cellWorkload(base, ttlCell, describe).strategy).toMatchObject({name: 'lazy-loading', invalidateOnWrite: true, ttlMs: null})
  })
})
