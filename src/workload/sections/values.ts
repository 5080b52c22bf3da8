import {z} from 'zod'
import {crossFieldIssue, size} from '../fields.js'
import {MAX_VALUE_BYTES} from '../limits.js'
import type {ValueSizeSpec} from '../types.js'
import {formatSize} from '../units.js'

const FORMS_REQUIREMENT =
  'must be a size such as 1KiB, a whole number of bytes, or a mapping with distribution fixed (value), uniform (min, max) or normal (mean, stddev, min, max)'

const fixed = z.strictObject({
  distribution: z.literal('fixed'),
  value: size({description: 'Size of every value.', maxBytes: MAX_VALUE_BYTES}),
})

const uniform = z
  .strictObject({
    distribution: z.literal('uniform'),
    min: size({description: 'Smallest value size.', maxBytes: MAX_VALUE_BYTES}),
    max: size({description: 'Largest value size.', maxBytes: MAX_VALUE_BYTES}),
  })
  .check((ctx) => {
    const {min, max} = ctx.value
    if (max < min) ctx.issues.push(crossFieldIssue(ctx.value, 'max', `(${formatSize(max)}) must be at least min (${formatSize(min)})`))
  })

const normal = z
  .strictObject({
    distribution: z.literal('normal'),
    mean: size({description: 'Mean value size.', maxBytes: MAX_VALUE_BYTES}),
    stddev: size({description: 'Standard deviation of the value size.', minBytes: 0, maxBytes: MAX_VALUE_BYTES}),
    min: size({description: 'Draws below this are clamped to it (default 1B).', maxBytes: MAX_VALUE_BYTES}).optional(),
    max: size({description: 'Draws above this are clamped to it (default mean + 6 stddev, at most 512MiB).', maxBytes: MAX_VALUE_BYTES}).optional(),
  })
  .check((ctx) => {
    const {meanBytes, minBytes, maxBytes} = normalSpec(ctx.value)
    if (meanBytes < minBytes || meanBytes > maxBytes) {
      ctx.issues.push(
        crossFieldIssue(
          ctx.value,
          'mean',
          `(${formatSize(meanBytes)}) must lie between min (${formatSize(minBytes)}) and max (${formatSize(maxBytes)})`,
        ),
      )
    }
  })

type NormalSizeSpec = Extract<ValueSizeSpec, {distribution: 'normal'}>

function normalSpec({mean, stddev, min, max}: z.output<typeof normal>): NormalSizeSpec {
  // The default bound keeps to the largest value allowed, as a max given in the file must.
  return {distribution: 'normal', meanBytes: mean, stddevBytes: stddev, minBytes: min ?? 1, maxBytes: max ?? Math.min(mean + 6 * stddev, MAX_VALUE_BYTES)}
}

type SizeForm = number | z.output<typeof fixed> | z.output<typeof uniform> | z.output<typeof normal>

function toValueSizeSpec(form: SizeForm): ValueSizeSpec {
  if (typeof form === 'number') return {distribution: 'fixed', bytes: form}
  switch (form.distribution) {
    case 'fixed':
      return {distribution: 'fixed', bytes: form.value}
    case 'uniform':
      return {distribution: 'uniform', minBytes: form.min, maxBytes: form.max}
    case 'normal':
      return normalSpec(form)
  }
}

const valueSize = z
  .union([
    size({description: 'A fixed value size.', requirement: FORMS_REQUIREMENT, maxBytes: MAX_VALUE_BYTES}),
    z.discriminatedUnion('distribution', [fixed, uniform, normal], {error: FORMS_REQUIREMENT}),
  ], {error: FORMS_REQUIREMENT})
  .transform(toValueSizeSpec)
  .meta({description: 'Size of the values written to the cache.'})

export const valuesSection: z.ZodType<ValueSizeSpec, unknown> = z
  .strictObject({size: valueSize.prefault('1KiB')})
  .transform((values) => values.size)
  .meta({description: 'The values stored under the keys.'})
