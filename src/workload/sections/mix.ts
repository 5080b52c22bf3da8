import {z} from 'zod'
import {boundedNumber} from '../fields.js'
import type {MixSpec} from '../types.js'

function weight(kind: string) {
  return boundedNumber({min: 0}, `Relative weight of ${kind} operations (missing means 0).`).prefault(0)
}

export const DEFAULT_MIX = {read: 95, write: 5} as const

export const mixSection: z.ZodType<MixSpec, unknown> = z
  .strictObject({read: weight('read'), write: weight('write'), delete: weight('delete')})
  .check((ctx) => {
    const {read, write, delete: remove} = ctx.value
    if (read + write + remove === 0) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: [],
        message: 'weights are all zero; give at least one of read, write, delete a positive weight',
        continue: true,
      })
    }
  })
  .transform(({read, write, delete: remove}): MixSpec => {
    const total = read + write + remove
    return {read: read / total, write: write / total, delete: remove / total}
  })
  .meta({description: 'Operation mix: weights of read, write and delete, normalised to fractions.'})
