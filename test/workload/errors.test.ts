import {describe, expect, it} from 'vitest'
import {ExitCode, InputError} from '../../src/errors.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import {STRATEGY_NAMES} from '../../src/workload/types.js'

/** The one sentence a file with these lines (after `version: 1`) is refused with. */
function problem(yaml: string, file = 'x.yaml'): string {
  try {
    parseWorkload(`version: 1\n${yaml}`, file)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).exitCode).toBe(ExitCode.badInput)
    return (error as Error).message
  }
  throw new Error(`accepted: ${yaml}`)
}

describe('unknown fields', () => {
  it('names the full path and suggests the nearest valid name', () => {
    expect(problem('keyspace: {distrbution: zipfian}')).toBe('x.yaml: unknown field "keyspace.distrbution"; did you mean "distribution"?')
    expect(problem('treshold: []')).toBe('x.yaml: unknown field "treshold"; did you mean "thresholds"?')
    // A size's own form one level too high: pointed to where it goes.
    expect(problem('values: {distribution: normal, mean: 1KiB, stddev: 100B}')).toBe(
      'x.yaml: unknown field "values.distribution"; a size\'s distribution and bounds go under size, as values: {size: {distribution: …}}',
    )
    expect(problem('origin: {latency: {distribution: lognormal, median: 5ms, p99: 9ms, p90: 7ms}}')).toBe(
      'x.yaml: unknown field "origin.latency.p90"; did you mean "p99"?',
    )
    expect(problem('keyspace: {hotspot: {hotfraction: 0.1}}')).toBe(
      'x.yaml: unknown field "keyspace.hotspot.hotfraction"; did you mean "hotFraction"?',
    )
  })

  it('omits the suggestion when nothing is close', () => {
    expect(problem('load: {banana: 3}')).toBe('x.yaml: unknown field "load.banana".')
  })
})

describe('wrong types and impossible values', () => {
  it('names the field, the allowed range and the value given', () => {
    expect(problem('keyspace: {count: -5}')).toBe('x.yaml: keyspace.count must be a whole number from 1 to 100,000,000 (got -5).')
    expect(problem('keyspace: {count: 2.5}')).toBe('x.yaml: keyspace.count must be a whole number from 1 to 100,000,000 (got 2.5).')
    expect(problem('keyspace: {count: lots}')).toBe('x.yaml: keyspace.count must be a whole number from 1 to 100,000,000 (got "lots").')
    expect(problem('keyspace: {theta: 12}')).toBe('x.yaml: keyspace.theta must be greater than 0 and at most 10 (got 12).')
    expect(problem('keyspace: {hotspot: {hotOpFraction: 1.5}}')).toBe('x.yaml: keyspace.hotspot.hotOpFraction must be between 0 and 1 (got 1.5).')
    expect(problem('strategy: {ttlJitter: 1}')).toBe('x.yaml: strategy.ttlJitter must be at least 0 and less than 1 (got 1).')
    expect(problem('mix: {read: -1}')).toBe('x.yaml: mix.read must be a number ≥ 0 (got -1).')
    expect(problem('seed: -1')).toBe('x.yaml: seed must be a whole number ≥ 0 (got -1).')
    expect(problem('strategy: {invalidateOnWrite: yes}')).toBe('x.yaml: strategy.invalidateOnWrite must be true or false (got "yes").')
    expect(problem('keyspace: 5')).toBe('x.yaml: keyspace must be a mapping of field: value pairs (got 5).')
    expect(problem('thresholds: ["hitRatio > 0.5", 3]')).toBe(
      'x.yaml: thresholds[1] must be a threshold expression such as "hitRatio >= 0.9" (got 3).',
    )
  })

  it('says which unit a duration or size wants', () => {
    expect(problem('load: {duration: 10 parsecs}')).toMatch(/^x\.yaml: load\.duration must be a positive duration such as 5ms or 30s.*\(got "10 parsecs"\)\.$/)
    expect(problem('load: {duration: 0s}')).toMatch(/^x\.yaml: load\.duration must be a positive duration .*\(got 0\)\.$/)
    expect(problem('strategy: {ttl: soon}')).toBe('x.yaml: strategy.ttl must be a positive duration such as 5m, or none for no expiry (got "soon").')
    expect(problem('cache: {capacity: 64 megs}')).toMatch(/^x\.yaml: cache\.capacity must be a size such as 512B or 4KiB.* \(got "64 megs"\)\.$/)
    expect(problem('values: {size: true}')).toMatch(/^x\.yaml: values\.size must be a size such as 1KiB, .*or normal.* \(got true\)\.$/)
    expect(problem('origin: {latency: fast}')).toMatch(/^x\.yaml: origin\.latency must be a duration such as 2ms, or a mapping with distribution fixed.*lognormal.* \(got "fast"\)\.$/)
    expect(problem('load: {warmup: a while}')).toBe(
      'x.yaml: load.warmup must be a whole number of operations from 0 to 10,000,000,000, or a duration such as 10s (got "a while").',
    )
  })

  it('reports a missing required field', () => {
    expect(() => parseWorkload('name: x', 'x.yaml')).toThrow(/^x\.yaml: version is missing; it must be 1\.$/)
    expect(problem('origin: {latency: {distribution: lognormal, median: 5ms}}')).toMatch(/^x\.yaml: origin\.latency\.p99 is missing; it must be a positive duration/)
  })

  it('refuses another format version', () => {
    expect(() => parseWorkload('version: 2', 'x.yaml')).toThrow(/^x\.yaml: version must be 1 \(got 2\)\.$/)
    // The right text in quotes: it read 'did you mean "1"?', the very text given.
    expect(() => parseWorkload('version: "1"', 'x.yaml')).toThrow(/^x\.yaml: version must be 1 \(got "1"\); write it without quotes: 1\.$/)
  })

  it('refuses a document that is not a mapping, or is empty', () => {
    expect(() => parseWorkload('- version: 1', 'x.yaml')).toThrow(/^x\.yaml: the workload must be a mapping .*\(got a list of 1 item\)\.$/)
    expect(() => parseWorkload('# nothing here\n', 'x.yaml')).toThrow(/^x\.yaml: the file is empty/)
  })
})

describe('allowed values', () => {
  it('lists the allowed values and suggests the nearest', () => {
    expect(problem('keyspace: {distribution: zipfain}')).toBe(
      'x.yaml: keyspace.distribution must be one of uniform, zipfian, scrambled-zipfian, hotspot, latest, sequential, exponential (got "zipfain"); did you mean "zipfian"?',
    )
    expect(problem('strategy: lazy-laoding')).toBe(
      `x.yaml: strategy must be one of ${[...STRATEGY_NAMES, 'cache-aside'].join(', ')} (got "lazy-laoding"); did you mean "lazy-loading"?`,
    )
    expect(problem('strategy: {name: writethrough}')).toMatch(/^x\.yaml: strategy\.name must be one of .* \(got "writethrough"\); did you mean "write-through"\?$/)
    expect(problem('cache: {eviction: clock}')).toBe(
      'x.yaml: cache.eviction must be one of lru, lfu, fifo, sieve, s3-fifo, 2q, arc, w-tinylfu, segmented-lru, noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, volatile-ttl (got "clock").',
    )
  })

  it('names the evictions the chosen engine model accepts', () => {
    expect(problem('cache: {model: redis, eviction: lru}')).toBe(
      'x.yaml: cache.eviction "lru" is not an eviction of model redis; it accepts noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, volatile-ttl.',
    )
    expect(problem('cache: {model: memcached, eviction: allkeys-lru}')).toBe(
      'x.yaml: cache.eviction "allkeys-lru" is not an eviction of model memcached; it accepts segmented-lru.',
    )
    expect(problem('cache: {model: redi}')).toBe('x.yaml: cache.model must be one of ideal, memcached, redis (got "redi"); did you mean "redis"?')
  })

  it('treats the distribution of a latency or size object the same way', () => {
    expect(problem('origin: {latency: {distribution: lognormall, median: 5ms, p99: 9ms}}')).toBe(
      'x.yaml: origin.latency.distribution must be one of fixed, uniform, lognormal (got "lognormall"); did you mean "lognormal"?',
    )
    expect(problem('values: {size: {distribution: gaussian, mean: 1KiB}}')).toBe(
      'x.yaml: values.size.distribution must be one of fixed, uniform, normal (got "gaussian").',
    )
  })
})

describe('rules across fields', () => {
  it('needs a positive mix weight', () => {
    expect(problem('mix: {read: 0, write: 0}')).toBe(
      'x.yaml: mix weights are all zero; give at least one of read, write, delete a positive weight.',
    )
  })

  it('keeps the warm-up shorter than the run, counting the default run length', () => {
    expect(problem('load: {warmup: 200000}')).toBe('x.yaml: load.warmup (200000) must be less than load.operations (100000); shorten it in the file or with --warmup, e.g. --warmup 10000.')
    expect(problem('load: {operations: 500, warmup: 500}')).toBe('x.yaml: load.warmup (500) must be less than load.operations (500); shorten it in the file or with --warmup, e.g. --warmup 50.')
    expect(problem('load: {duration: 30s, warmup: 1m}')).toBe('x.yaml: load.warmup (60s) must be shorter than load.duration (30s).')
  })

  it('names an event past the end of the run in as many digits as tell the two times apart', () => {
    expect(problem('load: {duration: 1001ms}\nevents: [{at: 1001ms, action: flush}]')).toBe('x.yaml: events[0].at (1.001s) must be within the run, which lasts 1.001s.')
    expect(problem('load: {duration: 1s}\nevents: [{at: 1001ms, action: flush}]')).toBe('x.yaml: events[0].at (1.001s) must be within the run, which lasts 1s.')
  })

  it('bounds every other duration at a year, quoting the duration as written', () => {
    expect(problem('strategy: {name: lazy-loading, ttl: 1e308}')).toBe(
      'x.yaml: strategy.ttl must be a positive duration such as 5m, or none for no expiry, at most 8760h (a year) (got 2.777777777777778e+301h).',
    )
    expect(problem('strategy: {name: write-behind, flushDelay: 9000h}')).toBe(
      'x.yaml: strategy.flushDelay must be a positive duration such as 5ms or 30s, or a number of milliseconds above 0, at most 8760h (a year) (got 9000h).',
    )
    expect(() => parseWorkload('version: 1\nstrategy: {name: lazy-loading, ttl: 8760h}', 'x.yaml')).not.toThrow()
  })

  it('bounds a run: at most ten billion operations and a week, an open loop by what its rates start', () => {
    expect(problem('load: {operations: 1e15}')).toBe('x.yaml: load.operations must be a whole number from 1 to 10,000,000,000 (got 1000000000000000).')
    expect(problem('load: {duration: 200h}')).toMatch(/^x\.yaml: load\.duration must be a positive duration .*, at most 168h \(got 200h\)\.$/)
    expect(problem('load: {duration: 10s, warmup: 20000000000}')).toMatch(/^x\.yaml: load\.warmup must be a whole number of operations from 0 to 10,000,000,000/)
    // 10M/s for 1001 s is 10.01 billion starts; for 1000 s, exactly the limit, which is allowed.
    expect(problem('load: {rate: 10M/s, duration: 1001s}')).toBe('x.yaml: load.rate (10,000,000/s) starts 10,010,000,000 operations in 16.7m, more than the 10,000,000,000 a run may have.')
    expect(() => parseWorkload('version: 1\nload: {rate: 10M/s, duration: 1000s}', 'x.yaml')).not.toThrow()
    // A ramp from 0 to 20M/s over 1001 s starts half of 20M × 1001.
    const ramp = 'load: {rate: 1000}\nphases:\n  - {duration: 1001s, rate: {from: 0, to: 20M/s}}'
    expect(problem(ramp)).toBe('x.yaml: phases start, at their rates, 10,010,000,000 operations in 16.7m, more than the 10,000,000,000 a run may have.')
    expect(problem('phases:\n  - {duration: 100h}\n  - {duration: 100h}')).toBe('x.yaml: phases last 200h together, more than a run may (168h).')
    const messaging = 'messaging:\n  channels: {count: 10}\n  publish: {rate: 10M/s}\n  pubsub: {subscribers: 1}\nload: {duration: 1001s}'
    expect(problem(messaging)).toBe('x.yaml: messaging.publish.rate (10,000,000/s) publishes 10,010,000,000 messages in 16.7m, more than the 10,000,000,000 a run may have.')
  })

  it('wants operations or duration, not both', () => {
    expect(problem('load: {operations: 10, duration: 5s}')).toBe(
      'x.yaml: load.operations and load.duration are both set; give only one of them.',
    )
  })

  it('allows invalidateOnWrite only with lazy-loading', () => {
    expect(problem('strategy: {name: write-through, invalidateOnWrite: true}')).toBe(
      'x.yaml: strategy.invalidateOnWrite applies only to lazy-loading (strategy is write-through).',
    )
  })

  it('orders the bounds of latency and size distributions', () => {
    expect(problem('origin: {latency: {distribution: lognormal, median: 5ms, p99: 1ms}}')).toBe(
      'x.yaml: origin.latency.p99 (1ms) must be at least the median (5ms).',
    )
    expect(problem('cache: {latency: {distribution: uniform, min: 2ms, max: 1ms}}')).toBe(
      'x.yaml: cache.latency.max (1ms) must be at least min (2ms).',
    )
    expect(problem('values: {size: {distribution: uniform, min: 4KiB, max: 1KiB}}')).toBe(
      'x.yaml: values.size.max (1KiB) must be at least min (4KiB).',
    )
    expect(problem('values: {size: {distribution: normal, mean: 1KiB, stddev: 10B, min: 2KiB, max: 4KiB}}')).toBe(
      'x.yaml: values.size.mean (1KiB) must lie between min (2KiB) and max (4KiB).',
    )
  })
})

describe('every message', () => {
  const broken = [
    'keyspace: {count: 0}',
    'keyspace: {distribution: 3}',
    'values: {size: {distribution: uniform, min: 1B}}',
    'values: {size: []}',
    'mix: 95',
    'strategy: 7',
    'strategy: {ttl: -5}',
    'origin: {writeLatency: {value: 3ms}}',
    'origin: {concurrency: 1.5}',
    'cache: {maxItems: "many"}',
    'load: {concurrency: 0}',
    'load: {warmup: -1}',
    'thresholds: "hitRatio > 0.5"',
    'description: 5',
    'name: ""',
  ]
  it.each(broken)('is one sentence naming the file and the field, without zod wording: %s', (yaml) => {
    const message = problem(yaml)
    const section = yaml.split(':')[0]
    expect(message.startsWith(`x.yaml: ${section}`)).toBe(true)
    expect(message).toMatch(/[.?]$/)
    expect(message.split('\n')).toHaveLength(1)
    expect(message).not.toMatch(/Invalid input|expected|received|ZodError/i)
  })
})
