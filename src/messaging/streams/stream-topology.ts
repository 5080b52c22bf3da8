import {Cluster, Redis} from 'ioredis'
import {clusterOptions, redisConnectionOptions} from '../../targets/redis/client-options.js'
import type {RedisClient} from '../../targets/redis/command-channel.js'
import {keySlot} from '../../targets/redis/key-slot.js'
import type {RedisEndpoint} from '../../targets/redis/redis-endpoint.js'
import type {TargetOptions} from '../../targets/target-options.js'

/** Streams one XREADGROUP may name together, and how a consumer opens its blocking connection for them. */
export interface ReadSet {
  keys: readonly string[]
  open(): Redis
}

/**
 * Where the streams live and how to reach them: one stream per channel; the commands client
 * (publishers, XINFO, cleanup) routes each key itself; a consumer holds one blocking connection
 * per read set, because XREADGROUP … BLOCK holds its connection until it answers.
 */
export interface StreamTopology {
  /** Stream key of each channel. */
  keys: readonly string[]
  readSets: readonly ReadSet[]
  command(): RedisClient
}

/**
 * Connects a commands client. A cluster client opens its node connections lazily, and commands
 * to a node still opening one fail with "Connection is closed.": they are all opened first.
 */
export async function connectClient(client: RedisClient): Promise<void> {
  client.on('error', () => {})
  await client.connect()
  if (client instanceof Cluster) await Promise.all(client.nodes('master').map((node) => node.ping()))
}

/** A consumer's XREADGROUP may rightly take `blockMs` before it answers: its command timeout is the block time plus the usual one. */
function blockingOptions(endpoint: RedisEndpoint, options: TargetOptions, blockMs: number) {
  return {...redisConnectionOptions(endpoint, options), commandTimeout: blockMs + options.timeoutMs}
}

/** One server: every stream in one read set. */
export function singleServerTopology(endpoint: RedisEndpoint, options: TargetOptions, channels: number, blockMs: number): StreamTopology {
  const {host, port} = endpoint.hosts[0]
  const keys = Array.from({length: channels}, (_, channel) => `${options.keyPrefix}stream:${channel}`)
  return {
    keys,
    readSets: [{keys, open: () => new Redis({...blockingOptions(endpoint, options, blockMs), host, port})}],
    command: () => new Redis({...redisConnectionOptions(endpoint, options), host, port}),
  }
}

/**
 * Redis Cluster: a multi-key XREADGROUP must name keys of one slot, so the channels are dealt
 * to the primaries in turn and each primary's streams share a hash tag whose slot it serves;
 * a consumer reads each primary's streams on a connection to that primary.
 */
export async function clusterTopology(endpoint: RedisEndpoint, options: TargetOptions, channels: number, blockMs: number): Promise<StreamTopology> {
  const probe = new Cluster(endpoint.hosts, clusterOptions(endpoint, options))
  let owners: string[]
  try {
    await connectClient(probe)
    owners = probe.slots.map((nodes) => nodes[0])
  } finally {
    probe.disconnect()
  }
  const primaries = [...new Set(owners.filter((owner) => owner !== undefined))].sort()
  const tags = primaries.map((primary) => tagServedBy(primary, owners))
  const keys = Array.from({length: channels}, (_, channel) => `${options.keyPrefix}stream:{${tags[channel % primaries.length]}}:${channel}`)
  const readSets = primaries.flatMap((primary, index) => {
    const mine = keys.filter((_, channel) => channel % primaries.length === index)
    const [host, port] = splitHostPort(primary)
    return mine.length === 0 ? [] : [{keys: mine, open: () => new Redis({...blockingOptions(endpoint, options, blockMs), host, port})}]
  })
  return {keys, readSets, command: () => new Cluster(endpoint.hosts, clusterOptions(endpoint, options))}
}

/** The first of the tags s0, s1, … whose slot `primary` serves (a few hundred tries at most with three primaries). */
function tagServedBy(primary: string, owners: readonly string[]): string {
  for (let i = 0; i < 100_000; i++) if (owners[keySlot(`s${i}`)] === primary) return `s${i}`
  throw new Error(`no hash tag maps to a slot of ${primary}`)
}

function splitHostPort(node: string): [string, number] {
  const at = node.lastIndexOf(':')
  return [node.slice(0, at), Number(node.slice(at + 1))]
}
