/**
 * Plan → execute → measurements: connects the target, drives (or simulates) the load with the
 * strategy and origin, and collects what was measured once it is over.
 */
import {performance} from 'node:perf_hooks'
import {asSentence, CacheBenchError, TargetError} from '../errors.js'
import {classifyCommandError} from '../targets/command-error.js'
import {createKeyDistribution} from '../generators/distributions.js'
import type {KeyDistribution} from '../generators/key-distribution.js'
import {createOperationMix} from '../generators/operation-mix.js'
import {createRandom, Stream} from '../generators/random.js'
import {EventLoopMonitor} from '../metrics/event-loop-monitor.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import {simulateLoad, simulationChosen, simulationRefusal} from '../simulation/simulate-load.js'
import {PartialCleanup, type CacheTarget} from '../targets/cache-target.js'
import {refuseOccupiedPrefix} from '../targets/key-prefix-guard.js'
import {serverOnlySettings, type TargetOptions} from '../targets/target-options.js'
import {VirtualClock} from '../time/virtual-clock.js'
import {implausibleSettings} from '../workload/plausibility.js'
import {driveLoad, type LoadDriveOutcome} from './drive-load.js'
import {planLoad} from './load-plan.js'
import {MeasurementStart} from './measurement-start.js'
import type {Measurements} from './measurements.js'
import {callbackCommandsFor, type CommandPath, createCallbackRunner} from './callback-runner.js'
import {createOperationRunner} from './operation-runner.js'
import {partWarnings} from './part-workload.js'
import {partSources, wholeRunSources, withClaim, type OperationSources} from './partition.js'
import {isPhased, PhasedLoad, type PhaseRunnerParts} from './phases.js'
import {reportProgress} from './progress.js'
import type {EventRecord} from './run-events.js'
import type {RunParts} from './run-parts.js'
import type {RunPlan} from './run-plan.js'
import type {RunOptions} from './run-options.js'
import {structureOperationsFor} from './structure-operations.js'

/** Runs the plan's load on its parts; `setupStart` is when preparing the run began (performance.now()). */
export async function executeRun(plan: RunPlan, parts: RunParts, options: RunOptions, setupStart: number): Promise<Measurements> {
  const {workload, part, targetOptions} = plan
  const {clock, target, metrics} = parts
  const monitor = clock.kind === 'real' ? new EventLoopMonitor() : undefined
  const startedAt = new Date()
  const departures = target.watchDepartures?.((key) => metrics.wasted.left(key))
  await setUpStep(target, () => target.connect())
  const warnings: string[] = [...implausibleSettings(workload), ...(part ? partWarnings(plan.whole, part) : []), ...ignoredSettings(target, options.targetOptions)]
  let stopProgress: (() => void) | undefined
  const phased = isPhased(workload) ? new PhasedLoad({workload, clock, target, origin: parts.origin, metrics}) : undefined
  try {
    if (!options.prefixChecked) await setUpStep(target, () => refuseOccupiedPrefix(target, targetOptions))
    const start = new MeasurementStart({...parts, intervalMs: plan.intervalMs, part: part !== undefined, maxTimelineIntervals: options.maxTimelineIntervals, phased, eventLoop: monitor})
    const eventLog: EventRecord[] = []
    const load = prepareLoad(plan, parts, {phased, start, eventLog, options})
    // The schedule starts when the load can: set-up is reported on its own, not as latency or as a late event loop.
    await options.beforeLoad?.()
    const setupMs = performance.now() - setupStart
    clock.startLoad?.()
    monitor?.start()
    stopProgress = options.onProgress ? reportProgress(options.onProgress, workload, clock, metrics, plan.trace?.fractionRead) : undefined
    options.onLoadStart?.()
    const outcome = await load().catch(async (error: unknown) => {
      // The load stopped on an error with nothing left in flight: the keys it wrote go all the same.
      await cleanUpAfterFailure(target, targetOptions, error)
      throw error
    })
    stopProgress?.()
    // Sets that expired unread have left the cache for every reader, even where lazy expiry still holds them.
    departures?.reportExpired()
    const eventLoopDelay = monitor?.stop()
    const statsAfter = await target.stats()
    const phases = await phased?.finish(outcome, statsAfter)
    if (options.afterLoad) {
      // The builtin's commands wait on the simulated clock, which has to keep running for them.
      await Promise.all([options.afterLoad(target), clock instanceof VirtualClock ? clock.drive() : undefined])
    }
    const keysDeleted = await cleanUp(target, targetOptions, warnings)
    const statsBefore = await start.statsBefore
    const commands: CommandPath = callbackCommandsFor(target, plan.events, options.engine) ? 'callbacks' : 'promises'
    return {startedAt, setupMs, outcome, statsBefore, statsAfter, originPeak: start.originPeak(), phases, eventLog, eventLoopDelay, keysDeleted, warnings, commands}
  } finally {
    stopProgress?.()
    monitor?.stop()
    phased?.destroy()
  }
}

interface LoadContext {
  phased: PhasedLoad | undefined
  start: MeasurementStart
  eventLog: EventRecord[]
  options: RunOptions
}

/**
 * The load, ready to start: the simulation core when it can run this plan (and was not told
 * otherwise), else the async load loop over one operation runner per phase.
 */
function prepareLoad(plan: RunPlan, parts: RunParts, context: LoadContext): () => Promise<LoadDriveOutcome> {
  const {workload, part, trace, events} = plan
  const {clock, target, origin, strategy, metrics, background} = parts
  const {phased, options} = context
  const seed = workload.seed
  const drawKeys = (): KeyDistribution => createKeyDistribution(workload.keyspace, createRandom(seed, Stream.keys))
  const keys = trace?.keys ?? options.keyTapes?.keys(JSON.stringify([workload.keyspace, seed, Stream.keys]), drawKeys) ?? drawKeys()
  const mix = trace?.mix ?? createOperationMix(workload.mix, createRandom(seed, Stream.mix))
  const arrivalGap = workload.load.rate === null ? trace?.arrivalGap ?? undefined : undefined
  const openLoop = workload.load.rate !== null || arrivalGap !== undefined
  const structures = structureOperationsFor(workload, target, clock, metrics)
  const sources = part ? partSources(part, mix, keys, structures) : wholeRunSources(mix, keys, structures)
  const callbacks = callbackCommandsFor(target, events, options.engine)
  const runnerOver = (runSources: OperationSources, runMetrics: RunMetrics) => {
    const deps = {clock, target, origin, strategy, metrics: runMetrics, background, openLoop, ...runSources}
    return withClaim(callbacks ? createCallbackRunner(deps, callbacks) : createOperationRunner(deps), runSources.claim)
  }
  const loadPlan = trace ? {...planLoad(workload.load), operations: trace.operations, sourceEnded: trace.ended} : planLoad(workload.load)
  const arrivals = arrivalGap && {nextGap: arrivalGap}
  const onMeasurementStart = context.start.begin
  const stop = options.signal
  const phaseSources = (phase: PhaseRunnerParts): OperationSources => {
    const phaseStructures = structureOperationsFor(phase.workload, target, clock, phase.metrics)
    return part ? partSources(part, phase.mix, phase.keys, phaseStructures) : wholeRunSources(phase.mix, phase.keys, phaseStructures)
  }
  const refusal = simulationRefusal({workload, clock, target, origin, strategy, metrics, events})
  const eventLog = context.eventLog
  if (options.engine !== 'async' && simulationChosen(options.engine, refusal)) {
    const phases = phased && {load: phased, sourcesOf: phaseSources}
    return () => simulateLoad({workload, plan: loadPlan, arrivals, phases, clock, target, origin, strategy, metrics, sources, events, eventLog, onMeasurementStart, stop})
  }
  const runOperation = phased ? phased.runner((phase) => runnerOver(phaseSources(phase), phase.metrics)) : runnerOver(sources, metrics)
  return () => driveLoad({workload, plan: loadPlan, arrivals, clock, target, strategy, background, events, eventLog, stop, phases: phased, runOperation, onMeasurementStart})
}

/**
 * A run that ends on an error deletes its keys too; when that fails as well, the error says which
 * keys were left, since no result will.
 */
async function cleanUpAfterFailure(target: CacheTarget, options: TargetOptions, failure: unknown): Promise<void> {
  const left: string[] = []
  await cleanUp(target, options, left)
  if (left.length === 0 || !(failure instanceof Error)) return
  failure.message = `${asSentence(failure.message)} ${left[0]}`
}

/**
 * A command that fails while the run sets up — the server lost between the connect and its first
 * questions (INFO, the prefix's SCAN) — is the target's failure (exit 3), not an internal error
 * (exit 5, as a compare whose server was killed between two cells once ended).
 */
async function setUpStep(target: CacheTarget, step: () => Promise<void>): Promise<void> {
  try {
    await step()
  } catch (error) {
    if (error instanceof CacheBenchError || classifyCommandError(error) === 'server') throw error
    throw new TargetError(asSentence(`${target.displayUrl} failed while the run was setting up: ${error instanceof Error ? error.message : String(error)}`))
  }
}

/** Connection flags given for a run on the built-in engine, which has no connection: said, not silently dropped. */
function ignoredSettings(target: CacheTarget, given: Partial<TargetOptions> | undefined): string[] {
  const flags = target.simulated === undefined ? [] : serverOnlySettings(given)
  if (flags.length === 0) return []
  return [`${flags.join(', ')} ${flags.length === 1 ? 'applies' : 'apply'} to real servers (redis://, memcached://): the built-in engine ignored ${flags.length === 1 ? 'it' : 'them'}.`]
}

/** Deleting our keys is a courtesy to the server's owner; failing at it must not lose the result. */
async function cleanUp(target: CacheTarget, options: TargetOptions, warnings: string[]): Promise<number> {
  if (options.keepKeys) return 0
  try {
    return await target.cleanup()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    warnings.push(`Could not delete the keys under ${options.keyPrefix} at the end of the run: ${asSentence(reason)}`)
    // Some keys may have gone before the failure: the result counts them as its warning does.
    return error instanceof PartialCleanup ? error.deleted : 0
  }
}
