/**
 * One messaging run: connect the receivers, publish as the load says, wait for what is still in
 * flight, and report what arrived where (docs/contracts.md, Messaging). The runner counts; the
 * target moves the messages.
 */
import {performance} from 'node:perf_hooks'
import {InputError} from '../errors.js'
import {createKeyDistribution} from '../generators/distributions.js'
import {createRandom, Stream} from '../generators/random.js'
import type {Result} from '../metrics/result.js'
import {planLoad} from '../runner/load-plan.js'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import type {Clock} from '../time/clock.js'
import {RealClock} from '../time/real-clock.js'
import {VirtualClock} from '../time/virtual-clock.js'
import type {MessagingSpec, Workload} from '../workload/types.js'
import {DeliveryTracker} from './delivery-tracker.js'
import {scheduleDisconnects} from './disconnect-events.js'
import {encodeMessage} from './message-codec.js'
import {messagingResult} from './messaging-result.js'
import {MessagingTimeline} from './messaging-timeline.js'
import type {MessagingTarget} from './messaging-target.js'
import {createMessagingTarget, messagingKind} from './messaging-targets.js'
import {runPublishLoad} from './publish-load.js'
import {receiverLayout} from './receiver-layout.js'

export interface MessagingRunOptions {
  target?: string
  targetOptions?: Partial<TargetOptions>
  intervalMs?: number
  signal?: AbortSignal
  onLoadStart?: () => void
  /** How long the run waits after the last publish for deliveries still in flight; the command timeout (at least a second) by default. */
  drainMs?: number
}

const DEFAULT_INTERVAL_MS = 1000

export async function runMessaging(workload: Workload, options: MessagingRunOptions = {}): Promise<Result> {
  const wallStart = performance.now()
  const messaging = workload.messaging as MessagingSpec
  const {url, kind} = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  const targetOptions: TargetOptions = {...defaultTargetOptions(), ...options.targetOptions}
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  if (!(intervalMs > 0)) throw new InputError(`The timeline interval must be a positive duration (got ${intervalMs} ms).`)
  const clock: Clock = kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const layout = receiverLayout(messaging)
  const tracker = new DeliveryTracker(layout, clock)
  const sink = {
    received: (receiver: number, payload: Uint8Array) => tracker.received(receiver, payload),
    receiverDown: (receiver: number) => tracker.receiverDown(receiver),
    receiverUp: (receiver: number) => tracker.receiverUp(receiver),
  }
  const target = createMessagingTarget(url, {workload, messaging, layout, clock, options: targetOptions, sink})
  const startedAt = new Date()
  try {
    await target.connect()
    return await publishAndCount({workload, messaging, target, clock, tracker, options, intervalMs, startedAt, wallStart, keyPrefix: kind.clock === 'real' ? targetOptions.keyPrefix : null, url, drainMs: options.drainMs ?? Math.max(1000, targetOptions.timeoutMs)})
  } finally {
    target.close()
    tracker.destroy()
  }
}

interface Run {
  workload: Workload
  messaging: MessagingSpec
  target: MessagingTarget
  clock: Clock
  tracker: DeliveryTracker
  options: MessagingRunOptions
  intervalMs: number
  startedAt: Date
  wallStart: number
  keyPrefix: string | null
  url: ReturnType<typeof resolveTargetKind>['url']
  drainMs: number
}

async function publishAndCount(run: Run): Promise<Result> {
  const {workload, messaging, target, clock, tracker} = run
  const channels = createKeyDistribution(messaging.channels, createRandom(workload.seed, Stream.keys))
  const fanout = {sum: 0, count: 0, max: 0}
  let errors = 0
  const errorMessages = new Map<string, number>()
  const timeline = new MessagingTimeline(run.intervalMs, clock, tracker, target, () => errors)
  let measuringSince: number | undefined
  const disconnects = scheduleDisconnects(messaging.disconnects, clock, target, () => measuringSince)
  const publish = async (publisher: number, measured: boolean, intendedMs: number): Promise<void> => {
    const channel = channels.nextKey()
    const header = tracker.nextMessage(publisher, intendedMs)
    tracker.sent(header, channel)
    try {
      const receivers = await target.publish(publisher, channel, encodeMessage(header, messaging.payloadBytes))
      if (measured && receivers !== null) {
        fanout.sum += receivers
        fanout.count++
        if (receivers > fanout.max) fanout.max = receivers
      }
    } catch (error) {
      tracker.failed(header, channel)
      if (!measured) return
      errors++
      const reason = error instanceof Error ? error.message : String(error)
      errorMessages.set(reason, (errorMessages.get(reason) ?? 0) + 1)
    }
  }
  const setupMs = performance.now() - run.wallStart
  clock.startLoad?.()
  run.options.onLoadStart?.()
  const load = runPublishLoad({
    workload,
    plan: planLoad(workload.load),
    clock,
    publishers: messaging.publishers,
    publish,
    stop: run.options.signal ?? new AbortController().signal,
    onMeasurementStart: () => {
      measuringSince = clock.now()
      tracker.startMeasuring()
      timeline.begin()
    },
  }).then(async (outcome) => {
    await drain(clock, tracker, run.drainMs)
    disconnects.stop()
    timeline.stop()
    return outcome
  })
  const [outcome] = await Promise.all([load, clock instanceof VirtualClock ? clock.drive() : undefined])
  await disconnects.done
  const rows = await timeline.finish(outcome.end)
  const final = await target.finish()
  const warnings = [...errorMessages].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([message, count]) => `${count.toLocaleString('en-US')} publish${count === 1 ? '' : 'es'} failed: ${message}`)
  if (tracker.outstanding() > 0 && clock.kind === 'real') {
    warnings.push(
      `${tracker.outstanding()} expected deliveries had not arrived ${run.drainMs} ms after the last publish and are counted as lost (a subscriber whose connection dropped loses what was on its way to it).`,
    )
  }
  return messagingResult({
    workload,
    kind: messagingKind(messaging),
    url: run.url,
    clock: clock.kind,
    keyPrefix: run.keyPrefix,
    startedAt: run.startedAt,
    wallMs: performance.now() - run.wallStart,
    setupMs,
    complete: !run.options.signal?.aborted,
    outcome,
    tracker,
    fanout,
    errors,
    final,
    lag: timeline.lag,
    timeline: rows,
    timelineIntervalMs: run.intervalMs,
    events: disconnects.outcomes,
    warnings,
  })
}

/**
 * After the last publish: waits until every expected delivery has arrived, or `drainMs` has
 * passed without the count of outstanding deliveries falling. Simulated time has delivered
 * everything once its events have run.
 */
async function drain(clock: Clock, tracker: DeliveryTracker, drainMs: number): Promise<void> {
  if (clock.kind === 'virtual') return
  let outstanding = tracker.outstanding()
  let progressAt = clock.now()
  while (outstanding > 0 && clock.now() - progressAt < drainMs) {
    await clock.sleep(1)
    const now = tracker.outstanding()
    if (now < outstanding) progressAt = clock.now()
    outstanding = now
  }
}
