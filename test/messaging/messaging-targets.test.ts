import {describe, expect, it} from 'vitest'
import {messagingRefusal} from '../../src/messaging/messaging-targets.js'
import {parseTargetUrl} from '../../src/targets/target-url.js'
import {messagingWorkload} from './helpers.js'

const sharded = messagingWorkload(`messaging:
  publish: {rate: 100/s}
  pubsub: {subscribers: 2, sharded: true}
load: {operations: 10, warmup: 0}
`).messaging!

describe('which targets can carry a messaging workload', () => {
  it('runs sharded Pub/Sub where the scheme has slots to shard by (a cluster, or simulated), and refuses it on one server', () => {
    expect(messagingRefusal(parseTargetUrl('redis-cluster://127.0.0.1:7000'), sharded)).toBeNull()
    expect(messagingRefusal(parseTargetUrl('builtin://'), sharded)).toBeNull()
    expect(messagingRefusal(parseTargetUrl('redis://127.0.0.1:6379'), sharded)).toBe(
      'messaging.pubsub.sharded needs a redis-cluster:// target (SPUBLISH / SSUBSCRIBE), not redis://127.0.0.1:6379.',
    )
    expect(messagingRefusal(parseTargetUrl('memcached://127.0.0.1:11211'), sharded)).toMatch(/^Target memcached:\/\/127\.0\.0\.1:11211 is Memcached, which has no Pub\/Sub/)
  })
})
