/**
 * Which messaging targets each URL scheme offers. Adding one: its file, and one line here.
 * Memcached has neither Pub/Sub nor Streams, so a messaging workload against it is refused at
 * validation, before anything connects.
 */
import {InputError} from '../errors.js'
import {createBuiltinPubSub} from './builtin-pubsub.js'
import {createRedisPubSub} from './redis/redis-pubsub.js'
import type {TargetUrl} from '../targets/target-url.js'
import {resolveTargetKind} from '../targets/target-registry.js'
import type {MessagingSpec, Workload} from '../workload/types.js'
import type {MessagingContext, MessagingTarget, MessagingTargetFactory} from './messaging-target.js'
import {createBuiltinStreamsTarget} from './streams/builtin/builtin-streams-target.js'
import {createRedisStreamsTarget} from './streams/redis-streams-target.js'

type Kind = 'pubsub' | 'streams'

/** A scheme's targets, and whether it offers sharded Pub/Sub (SPUBLISH / SSUBSCRIBE), which needs a cluster's slots. */
interface SchemeTargets extends Partial<Record<Kind, MessagingTargetFactory>> {
  shardedPubSub?: true
}

const FACTORIES: Record<string, SchemeTargets> = {
  builtin: {pubsub: createBuiltinPubSub, streams: createBuiltinStreamsTarget, shardedPubSub: true},
  redis: {pubsub: createRedisPubSub, streams: createRedisStreamsTarget},
  rediss: {pubsub: createRedisPubSub, streams: createRedisStreamsTarget},
  'redis-cluster': {pubsub: createRedisPubSub, streams: createRedisStreamsTarget, shardedPubSub: true},
  memcached: {},
}

export function messagingKind(messaging: MessagingSpec): Kind {
  return messaging.streams ? 'streams' : 'pubsub'
}

/** One sentence when `url` cannot carry the workload; checked by `validate --target` and `run` before connecting. */
export function messagingRefusal(url: TargetUrl, messaging: MessagingSpec): string | null {
  const kind = messagingKind(messaging)
  const label = kind === 'pubsub' ? 'Pub/Sub' : 'Streams'
  if (url.scheme === 'memcached') {
    return `Target ${url.url} is Memcached, which has no ${label}: a messaging workload needs builtin://, redis:// or redis-cluster://.`
  }
  if (FACTORIES[url.scheme]?.[kind] === undefined) return `Target ${url.url} cannot run ${label} workloads yet.`
  if (messaging.pubsub?.sharded && !FACTORIES[url.scheme].shardedPubSub) {
    return `messaging.pubsub.sharded needs a redis-cluster:// target (SPUBLISH / SSUBSCRIBE), not ${url.url}.`
  }
  return null
}

export function createMessagingTarget(url: TargetUrl, context: MessagingContext): MessagingTarget {
  const refusal = messagingRefusal(url, context.messaging)
  if (refusal !== null) throw new InputError(refusal)
  const factory = FACTORIES[url.scheme][messagingKind(context.messaging)] as MessagingTargetFactory
  return factory(url, context)
}

/** `validate --target`: a messaging workload the target cannot carry is refused, with the file named. */
export function checkMessagingTarget(target: string, workload: Workload): void {
  const {url} = resolveTargetKind(target)
  if (!workload.messaging) return
  const refusal = messagingRefusal(url, workload.messaging)
  if (refusal !== null) throw new InputError(`${workload.file ?? workload.name}: ${refusal}`)
}
