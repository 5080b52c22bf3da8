import {describe, expect, it} from 'vitest'
import {DeliveryTracker} from '../../src/messaging/delivery-tracker.js'
import {encodeMessage} from '../../src/messaging/message-codec.js'
import {receiverLayout} from '../../src/messaging/receiver-layout.js'
import type {MessagingSpec} from '../../src/workload/types.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import {messagingWorkload} from './helpers.js'

/** Two consumer groups on one stream: every message is expected once by each. */
function twoGroups(): DeliveryTracker {
  const workload = messagingWorkload(`
messaging:
  channels: {count: 1}
  streams: {groups: 2, consumersPerGroup: 1}
load: {operations: 10}
`)
  const tracker = new DeliveryTracker(receiverLayout(workload.messaging as MessagingSpec), new VirtualClock())
  tracker.startMeasuring()
  return tracker
}

// The order in which a server's delivery and a publisher's failed reply reach the run is a race;
// both orders must give the same account: the message is a publish error, received by both groups.
describe('a failed publish that reached its receivers all the same', () => {
  for (const order of ['delivered, then the publish fails', 'the publish fails, then it is delivered'] as const) {
    it(`${order}: one publish error whose two receipts are delivered, not expected, and nothing lost`, () => {
      const tracker = twoGroups()
      const confirmed = tracker.nextMessage(0, 0)
      tracker.sent(confirmed, 0)
      const unknown = tracker.nextMessage(0, 1)
      tracker.sent(unknown, 0)
      const deliver = (header: typeof unknown) => [0, 1].forEach((group) => tracker.received(group, encodeMessage(header, 24)))
      deliver(confirmed)
      if (order === 'delivered, then the publish fails') {
        deliver(unknown)
        tracker.failed(unknown, 0)
      } else {
        tracker.failed(unknown, 0)
        deliver(unknown)
      }
      const summary = tracker.summary()
      expect(summary).toMatchObject({published: 1, publishErrors: 1, expectedDeliveries: 2, delivered: 4, lost: 0, duplicated: 0})
      for (const receiver of summary.perReceiver) expect(receiver).toMatchObject({expected: 1, delivered: 2, lost: 0})
      expect(tracker.outstanding()).toBe(0)
      tracker.destroy()
    })
  }
})

// A receiver is counted down from the moment its disconnect starts, but the server may still
// deliver a message published in that instant (or already deliver again before it is counted up).
describe('a message published while its receiver was counted away that reached it all the same', () => {
  for (const fails of [false, true]) {
    it(`is an expected delivery, not a missed one${fails ? ', and a publish error when its publish fails' : ''}`, () => {
      const tracker = twoGroups()
      tracker.receiverDown(0)
      const header = tracker.nextMessage(0, 0)
      tracker.sent(header, 0)
      expect(tracker.summary()).toMatchObject({missed: 1, expectedDeliveries: 1})
      ;[0, 1].forEach((group) => tracker.received(group, encodeMessage(header, 24)))
      tracker.receiverUp(0)
      if (fails) tracker.failed(header, 0)
      const summary = tracker.summary()
      if (fails) expect(summary).toMatchObject({published: 0, publishErrors: 1, missed: 0, expectedDeliveries: 0, delivered: 2, lost: 0})
      else expect(summary).toMatchObject({published: 1, missed: 0, expectedDeliveries: 2, delivered: 2, lost: 0})
      expect(tracker.outstanding()).toBe(0)
      tracker.destroy()
    })
  }
})
