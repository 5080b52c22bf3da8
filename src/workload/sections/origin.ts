import {z} from 'zod'
import {wholeNumber} from '../fields.js'
import {latencyField} from '../latency-field.js'
import type {OriginSpec} from '../types.js'

export const originSection: z.ZodType<OriginSpec, unknown> = z
  .strictObject({
    latency: latencyField('Latency of one origin (database) read.').prefault('2ms'),
    writeLatency: latencyField('Latency of one origin write; the read latency model when absent.').nullable().optional(),
    concurrency: wholeNumber(1, 'Origin queries in flight at once; the rest queue.').prefault(64),
  })
  .transform(({latency, writeLatency, concurrency}): OriginSpec => ({latency, writeLatency: writeLatency ?? null, concurrency}))
  .meta({description: 'The simulated system of record behind the cache.'})
