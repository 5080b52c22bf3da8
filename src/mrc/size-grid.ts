import {InputError} from '../errors.js'
import {ITEM_OVERHEAD_BYTES} from '../engine/item-size.js'
import type {ValueSizeSpec, Workload} from '../workload/types.js'
import {parseSize} from '../workload/units.js'

/** Whether a curve's sizes count items (`maxItems`) or bytes (`capacity`). */
export type SizeUnit = 'items' | 'bytes'

export interface CurveSizes {
  unit: SizeUnit
  /** Ascending, distinct. */
  values: number[]
}

const COUNT_SUFFIXES: Record<string, number> = {'': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9}
/** Points of a default curve, and of a range given as `A..B`, per doubling at most. */
const DEFAULT_POINTS = 16

/** `1k`, `250`, `1.5M` as a whole number of items. */
function parseCount(text: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kKMG]?)\s*$/.exec(text)
  const value = match ? Math.round(Number(match[1]) * COUNT_SUFFIXES[match[2]]) : Number.NaN
  if (!(value >= 1)) throw new InputError(`${flag} "${text}" is not a number of items: use e.g. 1000, 10k or 1M.`)
  return value
}

/** `A,B,C` or a range `A..B` (a point per doubling, ends included). */
function parseList(text: string, flag: string, parse: (part: string) => number): number[] {
  const range = text.split('..')
  if (range.length === 2) {
    const [low, high] = range.map((part) => parse(part))
    if (!(low < high)) throw new InputError(`${flag} "${text}": the range must run from a smaller to a larger size.`)
    return geometric(low, high, Math.ceil(Math.log2(high / low)) + 1)
  }
  if (range.length > 2) throw new InputError(`${flag} "${text}": a range is two sizes joined by "..", e.g. 16MiB..64GiB.`)
  return distinctAscending(text.split(',').map((part) => parse(part)))
}

/** `count` sizes spaced evenly on a log scale from low to high, whole numbers, distinct. */
export function geometric(low: number, high: number, count: number): number[] {
  if (count <= 1 || low === high) return [Math.round(high)]
  const ratio = (high / low) ** (1 / (count - 1))
  return distinctAscending(Array.from({length: count}, (_, i) => Math.round(i === count - 1 ? high : low * ratio ** i)))
}

function distinctAscending(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b)
}

function meanValueBytes(values: ValueSizeSpec): number {
  if (values.distribution === 'fixed') return values.bytes
  if (values.distribution === 'uniform') return (values.minBytes + values.maxBytes) / 2
  return values.meanBytes
}

/** What the whole keyspace takes in the built-in engine's accounting: the largest size worth asking about. */
export function keyspaceBytes(workload: Workload): number {
  const keyBytes = 2 + String(workload.keyspace.count).length
  return Math.ceil(workload.keyspace.count * (meanValueBytes(workload.values) + keyBytes + ITEM_OVERHEAD_BYTES))
}

/**
 * The sizes a curve is drawn at: `--sizes` (items) or `--capacities` (bytes), else 16 points
 * from 1/1000 of the keyspace to all of it, in bytes when the workload sizes its cache in
 * bytes alone or models a real node (which has no item limit), in items otherwise.
 */
export function curveSizes(workload: Workload, flags: {sizes?: string; capacities?: string}): CurveSizes {
  if (flags.sizes !== undefined && flags.capacities !== undefined) throw new InputError('give --sizes (items) or --capacities (bytes), not both.')
  const model = workload.cache.model
  if (flags.sizes !== undefined) {
    // A model of a real node has no item limit: every size in items would be the same cache.
    if (model !== 'ideal') throw new InputError(`--sizes counts items, and the ${model} model, like the node it stands for, holds as many items as its memory does; give --capacities (e.g. 16MiB..1GiB).`)
    return {unit: 'items', values: parseList(flags.sizes, '--sizes', (part) => parseCount(part, '--sizes'))}
  }
  if (flags.capacities !== undefined) {
    const values = parseList(flags.capacities, '--capacities', (part) => parseSize(part.trim(), '--capacities'))
    if (values[0] < 1) throw new InputError(`--capacities "${flags.capacities}": every capacity must be at least 1B.`)
    return {unit: 'bytes', values}
  }
  const byBytes = model !== 'ideal' || (workload.cache.capacityBytes !== null && workload.cache.maxItems === null)
  const whole = byBytes ? keyspaceBytes(workload) : workload.keyspace.count
  return {unit: byBytes ? 'bytes' : 'items', values: geometric(Math.max(1, whole / 1000), whole, DEFAULT_POINTS)}
}
