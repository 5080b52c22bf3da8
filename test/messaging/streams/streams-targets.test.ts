import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DeliveryTracker} from '../../../src/messaging/delivery-tracker.js'
import {encodeMessage} from '../../../src/messaging/message-codec.js'
import type {MessagingFinal, MessagingTarget} from '../../../src/messaging/messaging-target.js'
import {createMessagingTarget} from '../../../src/messaging/messaging-targets.js'
import {receiverLayout} from '../../../src/messaging/receiver-layout.js'
import {defaultTargetOptions} from '../../../src/targets/target-options.js'
import {parseTargetUrl} from '../../../src/targets/target-url.js'
import type {Clock} from '../../../src/time/clock.js'
import {RealClock} from '../../../src/time/real-clock.js'
import {VirtualClock} from '../../../src/time/virtual-clock.js'
import type {MessagingSpec} from '../../../src/workload/types.js'
import {testWorkload} from '../../helpers/workload.js'
import {type RedisServer, startRedis} from '../../servers/redis-servers.js'

const MESSAGING: MessagingSpec = {
  channels: {count: 5, distribution: 'uniform', theta: 0.99, hotspot: {hotFraction: 0.2, hotOpFraction: 0.8}, exponential: {percentile: 95, fraction: 0.8571428571}},
  payloadBytes: 64,
  publishers: 2,
  pubsub: null,
  streams: {maxlen: 100_000, groups: 2, consumersPerGroup: 2, blockMs: 50},
  disconnects: [],
}
const MESSAGES = 1000

interface Outcome {
  counts: ReturnType<DeliveryTracker['summary']>
  final: MessagingFinal
  sampledWhileAway: number
}

/**
 * What the runner does with a messaging target, in order: connect, publish (registering each
 * message with the tracker first), take group 0's two consumers away for the middle third of
 * the messages, wait for every expected delivery, finish.
 */
async function exercise(url: string, clock: Clock, keyPrefix: string): Promise<Outcome> {
  const layout = receiverLayout(MESSAGING)
  const tracker = new DeliveryTracker(layout, clock)
  const workload = testWorkload({cache: {latency: {distribution: 'uniform', minMs: 0.1, maxMs: 0.5}}})
  const options = {...defaultTargetOptions(), keyPrefix, timeoutMs: 2000}
  const target: MessagingTarget = createMessagingTarget(parseTargetUrl(url), {workload, messaging: MESSAGING, layout, clock, options, sink: tracker})
  let sampledWhileAway = -1
  try {
    await target.connect()
    tracker.startMeasuring()
    for (let index = 0; index < MESSAGES; index++) {
      if (index === 300) await target.disconnect('consumer', [0, 1])
      if (index === 600) {
        sampledWhileAway = (await target.sample())!.lag
        await target.reconnect('consumer', [0, 1])
      }
      const publisher = index % 2
      const channel = index % MESSAGING.channels.count
      const header = tracker.nextMessage(publisher, clock.now())
      tracker.sent(header, channel)
      await target.publish(publisher, channel, encodeMessage(header, MESSAGING.payloadBytes))
    }
    for (let waits = 0; tracker.outstanding() > 0 && waits < 10_000; waits++) await clock.sleep(2)
    return {counts: tracker.summary(), final: await target.finish(), sampledWhileAway}
  } finally {
    target.close()
    tracker.destroy()
  }
}

function expectNothingLost({counts, final, sampledWhileAway}: Outcome): void {
  expect(counts).toMatchObject({published: MESSAGES, expectedDeliveries: 2 * MESSAGES, delivered: 2 * MESSAGES, lost: 0, missed: 0, foreign: 0})
  expect(final).toMatchObject({pending: 0, trimmedBeforeRead: 0, warnings: []})
  // Group 0 was away for messages 300..599, each published after the previous one's XADD returned.
  expect(sampledWhileAway).toBe(300)
}

describe('Streams messaging targets', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('redis://: a group away and back receives every message once; the streams are deleted after', async () => {
    const outcome = await exercise(server.url, new RealClock(), 'cbtest:target:')
    expectNothingLost(outcome)
    expect(outcome.final.keysDeleted).toBe(MESSAGING.channels.count)
    expect(await server.cli('--scan', '--pattern', 'cbtest:target:*')).toBe('')
  })

  it('builtin://: the same in simulated time', async () => {
    const clock = new VirtualClock()
    const [outcome] = await Promise.all([exercise('builtin://', clock, 'cbtest:builtin:'), clock.drive()])
    expectNothingLost(outcome)
  })
})
