/**
 * One run: workload → plan → execute → measurements → result (docs/contracts.md, Runs and
 * results). Each arrow is one module: run-plan, run-parts and execute-run here, then
 * src/result/run-result.
 */
import {performance} from 'node:perf_hooks'
import type {Result} from '../metrics/result.js'
import {runResult} from '../result/run-result.js'
import {checkKeyPrefix, refuseOccupiedPrefix} from '../targets/key-prefix-guard.js'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import {RealClock} from '../time/real-clock.js'
import type {Workload} from '../workload/types.js'
import {executeRun} from './execute-run.js'
import {checkMemoryFor} from './memory-check.js'
import type {RunOptions} from './run-options.js'
import {assembleRun, type RunParts} from './run-parts.js'
import {planRun} from './run-plan.js'

export type {RunOptions} from './run-options.js'

export async function runWorkload(wholeWorkload: Workload, options: RunOptions = {}): Promise<Result> {
  if (wholeWorkload.messaging) {
    // Imported only for a messaging workload: its Redis clients need not load with every run.
    const {runMessagingWorkload} = await import('../messaging/messaging-entry.js')
    return runMessagingWorkload(wholeWorkload, options)
  }
  const setupStart = performance.now()
  checkMemoryFor(wholeWorkload, 1)
  const plan = planRun(wholeWorkload, options)
  let parts: RunParts | undefined
  try {
    parts = await assembleRun(plan, options.prefixChecked === true)
    const measured = await executeRun(plan, parts, options, setupStart)
    return runResult(plan, parts, measured, setupStart, !options.signal?.aborted)
  } finally {
    parts?.metrics.destroy()
    plan.trace?.close()
    await parts?.target.close()
  }
}

/** For runs split over threads: refuses a prefix that is too short or already in use, before any part writes. */
export async function checkRunPrefix(wholeWorkload: Workload, options: RunOptions): Promise<void> {
  const {kind, url} = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  if (kind.clock !== 'real') return
  const targetOptions: TargetOptions = {...defaultTargetOptions(), ...options.targetOptions}
  const target = await kind.create(url, {workload: wholeWorkload, clock: new RealClock(), options: targetOptions})
  if (!target.findExistingKey) return
  checkKeyPrefix(targetOptions)
  await target.connect()
  try {
    await refuseOccupiedPrefix(target, targetOptions)
  } finally {
    await target.close()
  }
}
