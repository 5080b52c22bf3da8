import {z} from 'zod'
import {boundedNumber} from '../fields.js'
import {MIX_KINDS, OPERATION_KINDS, STRUCTURE_OPERATION_KINDS, type MixSpec, type StructureOperationKind} from '../types.js'

function weight(kind: string) {
  return boundedNumber({min: 0}, `Relative weight of ${kind} operations (missing means 0).`).prefault(0)
}

const STRUCTURE_WEIGHT_NAMES: Record<StructureOperationKind, string> = {
  zincrby: 'zincrby (add to a member’s score in a sorted set)',
  zrevrange: 'zrevrange (read the top of a sorted set)',
  zrank: 'zrank (a member’s rank, highest score first)',
  hset: 'hset (write one field of a hash)',
  hgetall: 'hgetall (read a whole hash)',
  expire: 'expire (set a hash’s time to live)',
  lpush: 'lpush (push onto a capped list, then trim it)',
  lrange: 'lrange (read the head of a list)',
}

export const DEFAULT_MIX = {read: 95, write: 5} as const

export const mixSection: z.ZodType<MixSpec, unknown> = z
  .strictObject({
    read: weight('read'),
    write: weight('write'),
    delete: weight('delete'),
    ...(Object.fromEntries(STRUCTURE_OPERATION_KINDS.map((kind) => [kind, weight(STRUCTURE_WEIGHT_NAMES[kind])])) as Record<StructureOperationKind, ReturnType<typeof weight>>),
  })
  .check((ctx) => {
    if (MIX_KINDS.every((kind) => ctx.value[kind] === 0)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: [],
        message: 'weights are all zero; give at least one of read, write, delete a positive weight',
        continue: true,
      })
    }
  })
  .transform((weights): MixSpec => {
    // Weights near 1e308 would sum to Infinity: those are scaled down by the largest first.
    const sumOf = (scale: number): number => MIX_KINDS.reduce((sum, kind) => sum + weights[kind] / scale, 0)
    const scale = Number.isFinite(sumOf(1)) ? 1 : Math.max(...MIX_KINDS.map((kind) => weights[kind]))
    const total = sumOf(scale)
    const fraction = (kind: (typeof MIX_KINDS)[number]): number => weights[kind] / scale / total
    const mix: MixSpec = {read: fraction('read'), write: fraction('write'), delete: fraction('delete')}
    for (const kind of STRUCTURE_OPERATION_KINDS) {
      if (weights[kind] > 0) mix[kind] = fraction(kind)
    }
    return mix
  })
  .meta({
    description: `Operation mix: weights of ${[...OPERATION_KINDS, ...STRUCTURE_OPERATION_KINDS].join(', ')}, normalised to fractions.`,
  })
