import {InputError} from '../errors.js'
import {LAZILY_FILLING_STRATEGIES, STRATEGY_ALIASES} from '../workload/sections/strategy.js'
import {suggestNearest} from '../workload/suggest.js'
import {STRATEGY_NAMES, type MixSpec, type StrategyName} from '../workload/types.js'
import {isDuration, parseDuration} from '../workload/units.js'

/** Options a strategy value may carry after `+`: `lazy-loading+invalidateOnWrite`, `write-through+lease`. */
export const STRATEGY_VARIANTS = ['invalidateOnWrite', 'singleFlight', 'lease'] as const
export type StrategyVariant = (typeof STRATEGY_VARIANTS)[number]

export interface StrategyChoice {
  name: StrategyName
  variants: StrategyVariant[]
  label: string
}

export interface MixChoice {
  mix: MixSpec
  /** As given: `95:5`. */
  label: string
}

export interface TtlChoice {
  ttlMs: number | null
  label: string
}

/** One cell of the matrix: a value from each axis given (an axis not given keeps the file's setting). */
export interface Cell {
  index: number
  /** The varying settings only, e.g. `write-through 95:5 ttl 30s`: what tells cells apart. */
  label: string
  /** Every axis value of the cell. */
  settings: {strategy?: string; mix?: string; ttl?: string}
  strategy?: StrategyChoice
  mix?: MixChoice
  ttl?: TtlChoice
}

export interface MatrixFlags {
  strategy?: string
  mix?: string
  ttl?: string
}

/**
 * Most cells a comparison runs. Every cell's whole result is kept and written together (the
 * comparison JSON, its HTML report), and a document past about 512 MB cannot even be made into
 * one string; 1,000 cells of a few minutes each already take a quarter of an hour on two cores.
 */
export const MAX_CELLS = 1000

/** The workload format's other names for strategies, so `--strategy` takes what a workload file takes. */
const ALIASES: Readonly<Record<string, StrategyName>> = STRATEGY_ALIASES

/** The cartesian product of the axes given, strategy varying slowest. */
export function expandMatrix(flags: MatrixFlags): Cell[] {
  const strategies = flags.strategy === undefined ? [undefined] : listOf(flags.strategy, '--strategy').map(parseStrategyChoice)
  const mixes = flags.mix === undefined ? [undefined] : listOf(flags.mix, '--mix').map(parseMixChoice)
  const ttls = flags.ttl === undefined ? [undefined] : listOf(flags.ttl, '--ttl').map(parseTtlChoice)
  if (flags.strategy === undefined && flags.mix === undefined && flags.ttl === undefined) {
    throw new InputError('compare needs at least one of --strategy, --mix or --ttl, each a comma-separated list of values to compare.')
  }
  const count = strategies.length * mixes.length * ttls.length
  if (count > MAX_CELLS) {
    const sizes = [flags.strategy && `${strategies.length} strategies`, flags.mix && `${mixes.length} mixes`, flags.ttl && `${ttls.length} TTLs`].filter(Boolean).join(' × ')
    throw new InputError(`compare runs at most ${MAX_CELLS.toLocaleString('en-US')} cells, and ${sizes} make ${count.toLocaleString('en-US')}; split the matrix over several comparisons.`)
  }
  const cells: Cell[] = []
  const axisLengths = [strategies.length, mixes.length, ttls.length]
  for (const strategy of strategies) {
    for (const mix of mixes) {
      for (const ttl of ttls) {
        // Named by the axes that vary; a one-cell comparison varies none, and is named by what its flags set ("none", "ttl 10s").
        const named = [strategy?.label, mix?.label, ttl ? `ttl ${ttl.label}` : undefined]
        const given = named.filter((part) => part !== undefined)
        const varying = named.filter((part, axis) => part !== undefined && axisLengths[axis] > 1)
        cells.push({
          index: cells.length,
          label: (varying.length > 0 ? varying : given).join(' '),
          settings: {strategy: strategy?.label, mix: mix?.label, ttl: ttl?.label},
          strategy,
          mix,
          ttl,
        })
      }
    }
  }
  return cells
}

function listOf(text: string, flag: string): string[] {
  const values = text.split(',').map((value) => value.trim())
  if (values.some((value) => value === '')) throw new InputError(`${flag} "${text}" has an empty value; give a comma-separated list such as ${example(flag)}.`)
  const repeated = values.find((value, index) => values.indexOf(value) !== index)
  if (repeated !== undefined) throw new InputError(`${flag} lists "${repeated}" twice.`)
  return values
}

function example(flag: string): string {
  return {'--strategy': 'lazy-loading,write-through', '--mix': '95:5,50:50', '--ttl': 'none,30s,5m'}[flag] ?? ''
}

export function parseStrategyChoice(text: string): StrategyChoice {
  const [given, ...variantTexts] = text.split('+')
  const name = ALIASES[given] ?? given
  if (!(STRATEGY_NAMES as readonly string[]).includes(name)) {
    const nearest = suggestNearest(given, [...STRATEGY_NAMES, ...Object.keys(ALIASES)])
    const hint = nearest === undefined ? '' : ` (did you mean "${nearest}"?)`
    throw new InputError(`--strategy "${given}" is not a strategy${hint}; use ${STRATEGY_NAMES.join(', ')}.`)
  }
  const strategy = name as StrategyName
  const variants: StrategyVariant[] = []
  for (const variantText of variantTexts) {
    if (!(STRATEGY_VARIANTS as readonly string[]).includes(variantText)) {
      const nearest = suggestNearest(variantText, STRATEGY_VARIANTS)
      const hint = nearest === undefined ? '' : ` (did you mean "${nearest}"?)`
      throw new InputError(`--strategy "${text}": "${variantText}" is not a strategy option${hint}; use +${STRATEGY_VARIANTS.join(', +')}.`)
    }
    variants.push(variantText as StrategyVariant)
  }
  if (variants.includes('invalidateOnWrite') && strategy !== 'lazy-loading') {
    throw new InputError(`--strategy "${text}": +invalidateOnWrite applies only to lazy-loading.`)
  }
  if ((variants.includes('singleFlight') || variants.includes('lease')) && !LAZILY_FILLING_STRATEGIES.includes(strategy)) {
    throw new InputError(`--strategy "${text}": +singleFlight and +lease apply only to ${LAZILY_FILLING_STRATEGIES.join(', ')}.`)
  }
  if (variants.includes('singleFlight') && variants.includes('lease')) {
    throw new InputError(`--strategy "${text}": +singleFlight and +lease both prevent stampedes; choose one.`)
  }
  return {name: strategy, variants, label: [strategy, ...variants].join('+')}
}

/** `95:5` is read:write, `90:5:5` read:write:delete; weights are normalised. */
export function parseMixChoice(text: string): MixChoice {
  const parts = text.split(':')
  const weights = parts.map(Number)
  const valid = parts.length >= 2 && parts.length <= 3 && parts.every((part) => /^\d+(\.\d+)?$/.test(part.trim()))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  if (!valid || !(total > 0)) {
    throw new InputError(`--mix "${text}" is not a mix; use read:write or read:write:delete weights such as 95:5 or 90:5:5.`)
  }
  const [read, write, remove = 0] = weights
  return {mix: {read: read / total, write: write / total, delete: remove / total}, label: text}
}

export function parseTtlChoice(text: string): TtlChoice {
  if (text === 'none') return {ttlMs: null, label: 'none'}
  const ttlMs = isDuration(text) ? parseDuration(text, '--ttl') : Number.NaN
  if (!(ttlMs > 0)) throw new InputError(`--ttl "${text}" is not a TTL; use none or a positive duration such as 30s or 5m.`)
  return {ttlMs, label: text}
}
