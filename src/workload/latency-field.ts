/**
 * A latency model field (origin.latency, origin.writeLatency, cache.latency): a bare duration
 * for a fixed latency, or an object naming a distribution.
 */
import {z} from 'zod'
import {crossFieldIssue, duration} from './fields.js'
import {MAX_LATENCY_MS} from './limits.js'
import type {LatencySpec} from './types.js'
import {formatDuration} from './units.js'

const FORMS_REQUIREMENT =
  'must be a duration such as 2ms, or a mapping with distribution fixed (value), uniform (min, max) or lognormal (median, p99)'

const fixed = z.strictObject({
  distribution: z.literal('fixed'),
  value: duration({description: 'The latency of every call.', maxMs: MAX_LATENCY_MS}),
})

const uniform = z
  .strictObject({
    distribution: z.literal('uniform'),
    min: duration({description: 'Shortest latency.', maxMs: MAX_LATENCY_MS}),
    max: duration({description: 'Longest latency.', maxMs: MAX_LATENCY_MS}),
  })
  .check((ctx) => {
    if (ctx.value.max < ctx.value.min) {
      ctx.issues.push(
        crossFieldIssue(
          ctx.value,
          'max',
          `(${formatDuration(ctx.value.max)}) must be at least min (${formatDuration(ctx.value.min)})`,
        ),
      )
    }
  })

const lognormal = z
  .strictObject({
    distribution: z.literal('lognormal'),
    median: duration({positive: true, description: 'Median latency (50th percentile).', maxMs: MAX_LATENCY_MS}),
    p99: duration({positive: true, description: '99th percentile latency; at least the median.', maxMs: MAX_LATENCY_MS}),
  })
  .check((ctx) => {
    if (ctx.value.p99 < ctx.value.median) {
      ctx.issues.push(
        crossFieldIssue(
          ctx.value,
          'p99',
          `(${formatDuration(ctx.value.p99)}) must be at least the median (${formatDuration(ctx.value.median)})`,
        ),
      )
    }
  })

type LatencyForm = z.output<typeof fixed> | z.output<typeof uniform> | z.output<typeof lognormal>

function toLatencySpec(form: number | LatencyForm): LatencySpec {
  if (typeof form === 'number') return {distribution: 'fixed', ms: form}
  switch (form.distribution) {
    case 'fixed':
      return {distribution: 'fixed', ms: form.value}
    case 'uniform':
      return {distribution: 'uniform', minMs: form.min, maxMs: form.max}
    case 'lognormal':
      return {distribution: 'lognormal', medianMs: form.median, p99Ms: form.p99}
  }
}

export function latencyField(description: string) {
  return z
    .union([
      duration({description: 'A fixed latency.', requirement: FORMS_REQUIREMENT, maxMs: MAX_LATENCY_MS}),
      z.discriminatedUnion('distribution', [fixed, uniform, lognormal], {error: FORMS_REQUIREMENT}),
    ], {error: FORMS_REQUIREMENT})
    .transform(toLatencySpec)
    .meta({description})
}
