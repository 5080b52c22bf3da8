import {InputError, TargetError} from '../../errors.js'
import {PartialCleanup, type CachedValue, type CacheTarget, type TargetStats} from '../cache-target.js'
import type {CallbackCommands} from '../callback-commands.js'
import {KeyBytes} from '../key-bytes.js'
import {KeyNames} from '../key-names.js'
import {classifyCommandError} from '../command-error.js'
import {ConsistentHashRing} from '../consistent-hash.js'
import type {TargetContext} from '../target-context.js'
import type {TargetUrl} from '../target-url.js'
import {decodeValueInPlace, encodeValue, VALUE_HEADER_BYTES} from '../value-codec.js'
import {flushingControl} from '../flushing-control.js'
import type {TargetControl} from '../target-control.js'
import {WrittenKeys} from '../written-keys.js'
import {formatLimit} from '../../workload/limits.js'
import type {ValueSizeSpec} from '../../workload/types.js'
import {formatSize} from '../../workload/units.js'
import {memcachedExpiry} from './memcached-expiry.js'
import {checkMemcachedKeys} from './memcached-keys.js'
import {chooseMemcachedClient, createNode, type MemcachedClientName} from './memcached-clients.js'
import type {NodeClient, NodeSettings} from './node-client.js'
import {NodeCounters, sumNodeCounters, type NodeStats} from './memcached-stats.js'

export const DEFAULT_MEMCACHED_PORT = 11211
/** Deletes in flight at once during cleanup. */
const CLEANUP_BATCH = 512
/** Key ids probed for existing keys: every id of a keyspace this small, else this many from its start and as many spread over it. */
const PROBE_KEYS = 256

/** Any value at all, ours or another data set's, counts as found. */
const anyValue = (): true => true

function* probeBatches(keyCount: number): Generator<number[]> {
  const ids = new Set<number>()
  for (let key = 0; key < Math.min(keyCount, PROBE_KEYS); key++) ids.add(key)
  if (keyCount > PROBE_KEYS) for (let step = 0; step < PROBE_KEYS; step++) ids.add(Math.floor((step * keyCount) / PROBE_KEYS))
  const all = [...ids]
  for (let start = 0; start < all.length; start += CLEANUP_BATCH) yield all.slice(start, start + CLEANUP_BATCH)
}

/**
 * One memcached server or a client-side sharded pool (`memcached://h1:p1,h2:p2`), through the
 * lean meta-protocol client or memjs (binary protocol, SASL): see memcached-clients.ts. Keys
 * are placed on the pool's nodes by ketama consistent hashing, so the placement matches other
 * ketama clients and survives pool changes with ~1/n of keys moving.
 * Never sends flush_all: cleanup deletes exactly the keys the run wrote.
 */
export class MemcachedTarget implements CacheTarget {
  readonly kind = 'memcached'
  private readonly ring: ConsistentHashRing
  /** Node index + 1 per key id, filled on first use: placing a key costs an MD5, done once. */
  private readonly placement: Uint16Array | null
  private readonly written: WrittenKeys
  private counters: NodeCounters[] = []
  /** Node failures (flush_all on the node, or the user's command) and whole-pool flushes. */
  readonly control: TargetControl
  readonly callbacks?: CallbackCommands
  private readonly keyNames: KeyNames

  constructor(
    readonly displayUrl: string,
    /** Which client path speaks to the nodes, recorded in the result as `target.client`. */
    readonly client: MemcachedClientName,
    private readonly nodes: NodeClient[],
    keyPrefix: string,
    private readonly keyCount: number,
    private readonly connectTimeoutMs: number,
    allowFlush = false,
    /** The largest value the run writes (a trace's are not known up front: null). */
    private readonly largestValueBytes: number | null = null,
  ) {
    this.ring = new ConsistentHashRing(nodes.map((node) => node.name))
    this.placement = nodes.length > 1 ? new Uint16Array(keyCount) : null
    this.written = new WrittenKeys(keyCount)
    this.keyNames = new KeyNames(keyPrefix, keyCount)
    this.control = flushingControl({
      scheme: 'memcached',
      flushCommand: 'flush_all',
      allowFlush,
      nodeNames: () => this.nodes.map((node) => node.name),
      holds: (node) => (key) => this.nodeIndexOf(key) === node,
      flushNode: (node) => this.nodes[node].flush(),
    })
    if (nodes.every((node) => node.getThen)) this.callbacks = this.callbackCommands()
  }

  async connect(): Promise<void> {
    const opened = await Promise.allSettled(this.nodes.map((node) => node.open()))
    const failed = opened.flatMap((outcome, index) => (outcome.status === 'rejected' ? [{index, error: outcome.reason as unknown}] : []))
    if (failed.length > 0) {
      await this.close()
      const [{index, error}] = failed
      const others = failed.length > 1 ? ` (and ${failed.length - 1} more of the ${this.nodes.length} nodes)` : ''
      throw new TargetError(`Cannot connect to memcached at ${this.nodes[index].name}${others}: ${this.unreachableReason(error)}.`)
    }
    this.counters = opened.map((outcome) => new NodeCounters((outcome as PromiseFulfilledResult<NodeStats>).value))
    await this.checkItemSize()
  }

  /**
   * Refuses, before any traffic, values larger than a node stores (its item_size_max, memcached
   * -I, 1 MiB by default): every set of them would fail (SERVER_ERROR object too large for cache)
   * and the run end on its error limit. An item is its value (with cache-bench's header), its key
   * and about ITEM_OVERHEAD_BYTES of memcached's own; a node that does not answer `stats settings`
   * is not held to it.
   */
  private async checkItemSize(): Promise<void> {
    if (this.largestValueBytes === null) return
    const itemBytes = Math.max(this.largestValueBytes, VALUE_HEADER_BYTES) + Buffer.byteLength(this.keyNames.of(this.keyCount - 1)) + ITEM_OVERHEAD_BYTES
    // Every node asked at once; the first, in the URL's order, too small for the values is named.
    const limits = await Promise.all(this.nodes.map(async (node) => Number((await node.serverSettings().catch(() => ({}) as Record<string, string>)).item_size_max)))
    const index = limits.findIndex((limit) => limit > 0 && itemBytes > limit)
    if (index < 0) return
    await this.close()
    const needed = Math.ceil(itemBytes / (1024 * 1024))
    throw new InputError(
      `values up to ${formatSize(this.largestValueBytes)} do not fit memcached at ${this.nodes[index].name}, whose item size limit is ${formatSize(limits[index])} (memcached -I): use smaller values (values.size), or start memcached with -I ${needed}m or more.`,
    )
  }

  get(key: number): Promise<CachedValue | null> {
    return this.nodeOf(key).get(this.keyNames.of(key), decodeValueInPlace)
  }

  /** The lean nodes' callback commands, keyed and encoded as get/set/delete do. */
  private callbackCommands(): CallbackCommands {
    const keyBytes = new KeyBytes(this.keyNames, this.keyCount)
    return {
      get: (key, replied, failed) => this.nodeOf(key).getThen!<CachedValue | null>(keyBytes, key, decodeValueInPlace, replied, failed),
      set: (key, value, ttlMs, replied, failed) => {
        // Noted before sending, as set() does.
        this.written.add(key)
        this.nodeOf(key).setThen!(keyBytes, key, encodeValue(value), memcachedExpiry(ttlMs), replied, failed)
      },
      delete: (key, replied, failed) => this.nodeOf(key).deleteThen!(keyBytes, key, replied, failed),
    }
  }

  async set(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    // Recorded before sending: a set that times out may still have been stored.
    this.written.add(key)
    await this.nodeOf(key).set(this.keyNames.of(key), encodeValue(value), memcachedExpiry(ttlMs))
  }

  async delete(key: number): Promise<void> {
    await this.nodeOf(key).delete(this.keyNames.of(key))
  }

  /**
   * Neither client path lists memcached's keys (memjs has no key dump; the lean client asks for none), so this
   * asks for the run's own key names: all of them in a small keyspace, else the first ids and
   * ids spread over the whole range — enough to catch a prefix that another data set uses.
   */
  async findExistingKey(): Promise<string | null> {
    for (const batch of probeBatches(this.keyCount)) {
      const names = batch.map((key) => this.keyNames.of(key))
      const replies = await Promise.all(batch.map((key, index) => this.nodeOf(key).get(names[index], anyValue)))
      const found = replies.findIndex((reply) => reply !== null)
      if (found >= 0) return names[found]
    }
    return null
  }

  /** Never fails: a node that cannot answer keeps its last known counters (see NodeCounters). */
  async stats(): Promise<TargetStats> {
    const replies = await Promise.allSettled(this.nodes.map((node) => node.stats()))
    const nodes = replies.map((reply, index) => {
      const counters = this.counters[index]
      if (reply.status === 'fulfilled') counters.update(reply.value)
      return {counters, answered: reply.status === 'fulfilled'}
    })
    return sumNodeCounters(nodes)
  }

  /**
   * Deletes every key the run wrote. A node that fails with a timeout or connection error is
   * skipped from then on, so cleanup of a dead node's keys costs one failure, not thousands.
   */
  async cleanup(): Promise<number> {
    let deleted = 0
    let failed = 0
    let firstFailure = ''
    const unreachable = new Set<number>()
    for (const batch of this.written.batches(CLEANUP_BATCH)) {
      await Promise.all(
        batch.map(async (key) => {
          const index = this.nodeIndexOf(key)
          if (unreachable.has(index)) {
            failed++
            return
          }
          try {
            if (await this.nodes[index].delete(this.keyNames.of(key))) deleted++
          } catch (error) {
            failed++
            firstFailure ||= error instanceof Error ? error.message : String(error)
            if (classifyCommandError(error) !== 'server') unreachable.add(index)
          }
        }),
      )
    }
    if (failed > 0) {
      throw new PartialCleanup(`${formatLimit(failed)} of ${formatLimit(this.written.size)} deletes failed (${firstFailure}); ${formatLimit(deleted)} keys were deleted`, deleted)
    }
    return deleted
  }

  async close(): Promise<void> {
    for (const node of this.nodes) node.close()
  }

  private nodeOf(key: number): NodeClient {
    return this.nodes[this.nodeIndexOf(key)]
  }

  private nodeIndexOf(key: number): number {
    const placement = this.placement
    if (placement === null) return 0
    let slot = placement[key]
    if (slot === 0) {
      slot = this.ring.nodeFor(this.keyNames.of(key)) + 1
      placement[key] = slot
    }
    return slot - 1
  }

  private unreachableReason(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error)
    if (/ECONNREFUSED/.test(message)) return 'connection refused'
    if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'host not found'
    if (/authentication/i.test(message)) return 'the server rejected the credentials'
    if (classifyCommandError(error) === 'timeout') return `no answer within ${this.connectTimeoutMs} ms`
    // Something else listens there (Redis, a web server): it answered the first command in its own way.
    const unexpected = /unexpected reply (".*")/.exec(message)
    if (unexpected) return `it does not answer as memcached does (it sent ${unexpected[1]}), so something other than memcached listens on this port`
    return message.replace(/^[^ ]+: /, '').replace(/\.$/, '')
  }
}

const PARAMETERS = new Set(['client'])

/** `memcached://[user:pass@]h1:p1[,h2:p2…]`: SASL credentials apply to every node. */
export function createMemcachedTarget(url: TargetUrl, context: TargetContext): MemcachedTarget {
  if (url.hosts.length === 0) throw new InputError(`memcached:// needs at least one host:port, e.g. memcached://127.0.0.1:${DEFAULT_MEMCACHED_PORT}.`)
  if (url.path !== '' && url.path !== '/') throw new InputError(`memcached:// takes no path (got "${url.path}" in ${url.url}).`)
  const parameter = [...url.params.keys()].find((name) => !PARAMETERS.has(name))
  if (parameter !== undefined) throw new InputError(`memcached:// takes only the query parameter client= (got "${parameter}" in ${url.url}).`)
  if ((url.username === null) !== (url.password === null)) {
    throw new InputError(`memcached:// SASL authentication needs both a user name and a password (${url.url}).`)
  }
  const client = chooseMemcachedClient(url)
  const {options, workload} = context
  checkMemcachedKeys(options.keyPrefix, workload.keyspace.count)
  const seen = new Set<string>()
  const nodes = url.hosts.map(({host, port}) => {
    const settings: NodeSettings = {
      host,
      port: port ?? DEFAULT_MEMCACHED_PORT,
      connections: options.connections,
      pipeline: options.pipeline,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      username: url.username,
      password: url.password,
    }
    const name = `${settings.host}:${settings.port}`
    if (seen.has(name)) throw new InputError(`${url.url} lists ${name} twice.`)
    seen.add(name)
    return settings
  })
  const clients = nodes.map((settings) => createNode(client, settings))
  const largestValue = workload.trace ? null : largestValueBytes(workload.values)
  return new MemcachedTarget(url.url, client, clients, options.keyPrefix, workload.keyspace.count, options.connectTimeoutMs, options.allowFlush, largestValue)
}

/**
 * memcached's own bytes of an item beside its key and value: the item header (48 bytes on 64-bit
 * builds, items.h), the CAS value (8), the key's terminating byte and the value's CRLF.
 */
const ITEM_OVERHEAD_BYTES = 48 + 8 + 1 + 2

/** The largest value size the workload's value-size spec can draw. */
function largestValueBytes(spec: ValueSizeSpec): number {
  return spec.distribution === 'fixed' ? spec.bytes : spec.maxBytes
}
