/**
 * A phased run: the phases' boundaries on the run clock (simulated or real), what each phase's
 * operations draw (mix, key distribution, hot-key shift), how the load changes (an open loop's
 * arrivals, a closed loop's slots), and the per-phase figures. Operations belong to the phase
 * in which they start.
 */
import {createKeyDistribution} from '../generators/distributions.js'
import type {KeyDistribution} from '../generators/key-distribution.js'
import {createOperationMix, type OperationMix} from '../generators/operation-mix.js'
import {createRandom, Stream, type Random} from '../generators/random.js'
import {rotateKeys} from '../generators/rotated-keys.js'
import {encodeHistograms} from '../metrics/encode-histograms.js'
import {PhaseMetrics} from '../metrics/phase-metrics.js'
import type {PhaseResult} from '../metrics/result.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import {summarise, summariseLatencies, summariseServiceTimes} from '../metrics/summarise.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {CacheTarget, TargetStats} from '../targets/cache-target.js'
import type {PhaseSpec, Workload} from '../workload/types.js'
import type {ArrivalSchedule} from './arrival-schedule.js'
import type {Clock} from '../time/clock.js'
import type {OperationRunner} from './closed-loop.js'
import {PhasedArrivals} from './phase-arrivals.js'

export type PhasedWorkload = Workload & {phases: PhaseSpec[]}

export function isPhased(workload: Workload): workload is PhasedWorkload {
  return workload.phases !== undefined && workload.phases.length > 0
}

export interface PhasedLoadDeps {
  workload: PhasedWorkload
  clock: Clock
  target: CacheTarget
  origin: SimulatedOrigin
  /** The whole run's figures; every phase's operations count there too. */
  metrics: RunMetrics
}

/** What one phase's operation runner draws from and records into. */
export interface PhaseRunnerParts {
  index: number
  metrics: RunMetrics
  keys: KeyDistribution
  mix: OperationMix
  /** The workload as it stands in this phase (mix, keyspace, and a seed of its own for the streams a runner starts), e.g. for data-structure operations. */
  workload: Workload
}

/** What a phase looked like when it became the current one, so its deltas can be taken. */
interface PhaseStart {
  stats: Promise<TargetStats>
  wastedWrites: number
}

export class PhasedLoad {
  readonly phases: readonly PhaseSpec[]
  /** Start of each phase on the run clock. */
  readonly starts: readonly number[]
  readonly openLoop: boolean
  private readonly figures: PhaseMetrics[]
  private readonly begun: PhaseStart[] = []
  private readonly originPeaks: number[]
  private wholeOriginPeak = 0
  private schedule: PhasedArrivals | undefined
  /** The latest phase an operation started in; phases only move forward. */
  private current = -1

  constructor(private readonly deps: PhasedLoadDeps) {
    this.phases = deps.workload.phases
    let start = 0
    this.starts = this.phases.map((phase) => {
      const at = start
      start += phase.durationMs
      return at
    })
    this.openLoop = this.phases[0].rate !== null
    this.figures = this.phases.map(() => new PhaseMetrics(deps.metrics))
    this.originPeaks = this.phases.map(() => 0)
  }

  /** Index of the phase that contains `time` (the last one from its start on). */
  phaseAt(time: number): number {
    let index = 0
    while (index + 1 < this.starts.length && time >= this.starts[index + 1]) index++
    return index
  }

  /**
   * One runner per phase, built by `build` from that phase's parts, behind one runner that hands
   * each operation to the runner of the phase it starts in.
   */
  runner(build: (parts: PhaseRunnerParts) => OperationRunner): OperationRunner {
    const runners = this.perPhase(build)
    const route = this.router(runners.map((runner) => runner.claim))
    const run = (slot: number, measured: boolean, intendedStart: number): Promise<void> =>
      runners[route.phaseOf(intendedStart)](slot, measured, intendedStart)
    return route.claim ? Object.assign(run, {claim: route.claim}) : run
  }

  /**
   * One thing per phase (a runner, the simulation core's parts), built by `build` from that
   * phase's parts. Draws continue one seeded stream across phases (keys, mix), so phases with
   * the same settings share one distribution.
   */
  perPhase<T>(build: (parts: PhaseRunnerParts) => T): T[] {
    const {workload} = this.deps
    const keyRandom = createRandom(workload.seed, Stream.keys)
    const mixRandom = createRandom(workload.seed, Stream.mix)
    const seeds = createRandom(workload.seed, Stream.phaseSeeds)
    const distributions = new Map<string, KeyDistribution>()
    const mixes = new Map<string, OperationMix>()
    return this.phases.map((phase, index) =>
      build({
        index,
        metrics: this.figures[index].recorder,
        keys: rotateKeys(shared(distributions, phase.keyspace, () => createKeyDistribution(phase.keyspace, keyRandom)), phase.rotate, phase.keyspace.count),
        mix: shared(mixes, phase.mix, () => createOperationMix(phase.mix, mixRandom)),
        workload: {...workload, mix: phase.mix, keyspace: phase.keyspace, seed: index === 0 ? workload.seed : seeds.nextUint32()},
      }),
    )
  }

  /**
   * Which phase each operation runs in: the one it starts in, entered as it starts. `claims`
   * are the phases' claims when the run is one part of a split run; a claim then decides the
   * phase, so the operation it drew runs there.
   */
  router(claims: ReadonlyArray<(() => boolean) | undefined>): {phaseOf(intendedStart: number): number; claim?: () => boolean} {
    let claimed: number | undefined
    const phaseOf = (intendedStart: number): number => {
      const index = claimed ?? this.phaseAt(intendedStart)
      claimed = undefined
      this.enter(index)
      return index
    }
    if (!claims.some((claim) => claim)) return {phaseOf}
    return {
      phaseOf,
      // An open loop claims an arrival ahead of its intended time, which the schedule knows.
      claim: (): boolean => {
        const index = this.phaseAt(this.schedule?.upcoming ?? this.deps.clock.now())
        claimed = index
        return claims[index]?.() ?? true
      },
    }
  }

  /** Open loop: intended start times following each phase's rate or ramp. */
  arrivals(random: Random): ArrivalSchedule | undefined {
    if (!this.openLoop) return undefined
    this.schedule = new PhasedArrivals(this.phases, this.deps.workload.load.arrival, random)
    return this.schedule
  }

  /** Closed loop: how many operations are in flight at `time`. */
  slotsAt(time: number): number {
    return this.phases[this.phaseAt(time)].concurrency ?? this.deps.workload.load.concurrency
  }

  /** Warm-up is over: the current phase's deltas start from here. */
  measurementStarted(): void {
    this.wholeOriginPeak = 0
    if (this.current >= 0) this.begun[this.current] = this.snapshot()
  }

  /**
   * The per-phase results, once the load is over. `start` and `end` are the measured span of
   * the whole run.
   */
  async finish(span: {start: number | undefined; end: number}, statsAfter: TargetStats): Promise<PhaseResult[]> {
    if (this.current >= 0) this.originPeaks[this.current] = this.deps.origin.limiter.peak
    const wastedAtEnd = this.deps.metrics.wasted.wasted
    const results: PhaseResult[] = []
    for (const [index, phase] of this.phases.entries()) {
      const reached = index <= this.current
      const next = index < this.current ? this.begun[index + 1] : undefined
      const before = reached ? await this.begun[index].stats : statsAfter
      const after = next ? await next.stats : statsAfter
      const own = this.figures[index].own
      own.wasted.wasted = reached ? (next?.wastedWrites ?? wastedAtEnd) - this.begun[index].wastedWrites : 0
      const durationMs = reached ? this.measuredSpan(index, span) : 0
      results.push({
        name: phase.name,
        startMs: this.starts[index],
        durationMs,
        rate: phase.rate,
        concurrency: phase.concurrency,
        summary: summarise({metrics: own, durationMs, statsBefore: before, statsAfter: after, originPeakConcurrency: this.originPeaks[index]}),
        latencyMs: summariseLatencies(own),
        ...(this.openLoop ? {serviceTimeMs: summariseServiceTimes(own)} : {}),
        histograms: encodeHistograms(own),
      })
    }
    return results
  }

  /** The whole measured span's origin peak: the largest of the phases'. */
  originPeak(): number {
    return Math.max(this.wholeOriginPeak, this.deps.origin.limiter.peak)
  }

  destroy(): void {
    for (const figures of this.figures) figures.destroy()
  }

  /** The part of the measured span that belongs to a phase: up to its end, or for the latest phase reached, up to the end of the run. */
  private measuredSpan(index: number, span: {start: number | undefined; end: number}): number {
    if (span.start === undefined) return 0
    const from = Math.max(this.starts[index], span.start)
    const to = index === this.current ? span.end : Math.min(this.starts[index] + this.phases[index].durationMs, span.end)
    return Math.max(to - from, 0)
  }

  private enter(index: number): void {
    const limiter = this.deps.origin.limiter
    while (this.current < index) {
      if (this.current >= 0) {
        const peak = limiter.restartPeak()
        this.originPeaks[this.current] = peak
        this.wholeOriginPeak = Math.max(this.wholeOriginPeak, peak)
      }
      this.current++
      this.begun[this.current] = this.snapshot()
    }
  }

  private snapshot(): PhaseStart {
    return {stats: this.deps.target.stats(), wastedWrites: this.deps.metrics.wasted.wasted}
  }
}

/** One instance per distinct setting, so phases alike continue the same distribution or mix. */
function shared<T>(cache: Map<string, T>, spec: object, create: () => T): T {
  const key = JSON.stringify(spec)
  let value = cache.get(key)
  if (value === undefined) {
    value = create()
    cache.set(key, value)
  }
  return value
}
