import type {DurationHistogram} from './histogram.js'
import {RunMetrics} from './run-metrics.js'

/**
 * The figures of the operations that started in one phase of a run, kept beside the whole
 * run's: the phase's operations record through `recorder`, which counts into both at once, so
 * the phases add up to the whole by construction.
 */
export class PhaseMetrics {
  /**
   * This phase's counters and histograms. Per-key state (wasted-write tracking, origin reads in
   * flight) belongs to the whole run, since a key's story crosses phase boundaries, so this one
   * tracks no keys.
   */
  readonly own = new RunMetrics(0)
  /** What the phase's operations record into. */
  readonly recorder: RunMetrics

  constructor(whole: RunMetrics) {
    const own = this.own
    forwardHistograms(own.latency, whole.latency)
    forwardHistograms(own.serviceTime, whole.serviceTime)
    own.staleness.alsoRecordInto = whole.staleness
    own.originQueue.alsoRecordInto = whole.originQueue
    this.recorder = new PhaseRecorder(own, whole)
  }

  destroy(): void {
    this.own.destroy()
  }
}

/**
 * A phase's operations' view of its figures and the whole run's, as a class: an object literal
 * with accessors and methods is kept in dictionary mode, so every property its users read on the
 * hot path (`latency`, `counters`, `timeline`) was a hash lookup.
 */
class PhaseRecorder implements RunMetrics {
  readonly latency: RunMetrics['latency']
  readonly staleness: RunMetrics['staleness']
  readonly originQueue: RunMetrics['originQueue']
  readonly serviceTime: RunMetrics['serviceTime']
  readonly counters: RunMetrics['counters']
  readonly structures: RunMetrics['structures']
  readonly errorsByKind: RunMetrics['errorsByKind']
  readonly errorMessages: RunMetrics['errorMessages']
  readonly wasted: RunMetrics['wasted']
  /** Phases are synthetic (a trace replaces them), so their key tables never grow: the reference stays current. */
  readonly originReadsInFlight: RunMetrics['originReadsInFlight']

  constructor(
    private readonly own: RunMetrics,
    private readonly whole: RunMetrics,
  ) {
    this.latency = own.latency
    this.staleness = own.staleness
    this.originQueue = own.originQueue
    this.serviceTime = own.serviceTime
    this.counters = bothCounters(own.counters, whole.counters)
    this.structures = bothCounters(own.structures, whole.structures)
    this.errorsByKind = own.errorsByKind
    this.errorMessages = own.errorMessages
    this.wasted = whole.wasted
    this.originReadsInFlight = whole.originReadsInFlight
  }

  /** The timeline is the whole run's, created when measurement begins. */
  get timeline(): RunMetrics['timeline'] {
    return this.whole.timeline
  }

  set timeline(timeline: RunMetrics['timeline']) {
    this.whole.timeline = timeline
  }

  noteError(error: unknown, at: number): void {
    this.own.noteError(error, at)
    this.whole.noteError(error, at)
  }

  reserveKeys(count: number): void {
    this.whole.reserveKeys(count)
  }

  destroy(): void {
    this.own.destroy()
  }
}

function forwardHistograms<Name extends string>(own: Record<Name, DurationHistogram>, whole: Record<Name, DurationHistogram>): void {
  for (const name of Object.keys(own) as Name[]) own[name].alsoRecordInto = whole[name]
}

/**
 * Counters that read as the phase's own and add every change to the whole's as well, so code
 * written against one set of counters (`counters.reads++`, `counters[event] += n`) feeds both.
 * The accessors sit on a prototype made once per set of counter names: every view of that shape
 * shares one hidden class, so the counting call sites stay monomorphic (accessors defined on each
 * view made it a dictionary object, ~6% of a phased run's profile).
 */
function bothCounters<Counters extends object>(own: Counters, whole: Counters): Counters {
  const names = Object.keys(own)
  const shape = names.join(',')
  let View = counterViews.get(shape)
  if (View === undefined) {
    View = counterView(names)
    counterViews.set(shape, View)
  }
  return new View(own as unknown as Record<string, number>, whole as unknown as Record<string, number>) as unknown as Counters
}

interface CounterView {
  own: Record<string, number>
  whole: Record<string, number>
}

type CounterViewClass = new (own: Record<string, number>, whole: Record<string, number>) => CounterView

const counterViews = new Map<string, CounterViewClass>()

function counterView(names: string[]): CounterViewClass {
  class View implements CounterView {
    constructor(
      readonly own: Record<string, number>,
      readonly whole: Record<string, number>,
    ) {}
  }
  for (const name of names) Object.defineProperty(View.prototype, name, {enumerable: true, ...namedAccessors(name)})
  return View
}

/**
 * One getter and setter per counter name, each compiled with the name written into its property
 * accesses. Closures over a `name` variable would share one function literal, and so one
 * inline cache for every counter: `this.own[name]` then looks up a different key each call
 * (megamorphic, a hash lookup per count). A constant key in brackets compiles as a named access.
 */
function namedAccessors(name: string): {get: () => number; set: (value: number) => void} {
  const key = `[${JSON.stringify(name)}]`
  return {
    get: new Function(`return this.own${key}`) as () => number,
    set: new Function('value', `this.whole${key} += value - this.own${key}; this.own${key} = value`) as (value: number) => void,
  }
}
