import {Redis} from 'ioredis'
import {grownFloat64, grownLength} from '../../engine/typed-array-growth.js'
import {InputError} from '../../errors.js'
import type {TargetOptions} from '../target-options.js'
import {redisConnectionOptions} from './client-options.js'
import type {RedisEndpoint} from './redis-endpoint.js'

/** No version acknowledged for the key by the old primary. */
const NONE = -1

/**
 * The replica of `redis://primary?replica=host:port` and the bookkeeping a failover needs: the
 * last version each key's write was acknowledged with by the old primary (to count what the
 * promotion lost, replication being asynchronous), and a connection to each server for the
 * promotion, the read-back and the cleanup of the keys left on the old primary.
 */
export class ReplicaFailover {
  readonly replicaName: string
  /** Per key id: the version of its last write the old primary acknowledged, or NONE. */
  private acked: Float64Array
  private readonly replicaAdmin: Redis
  private readonly primaryAdmin: Redis
  promoted = false

  constructor(
    private readonly endpoint: RedisEndpoint,
    options: TargetOptions,
    keyCount: number,
  ) {
    const replica = endpoint.replica as {host: string; port: number}
    this.replicaName = `${replica.host}:${replica.port}`
    this.acked = new Float64Array(keyCount).fill(NONE)
    const admin = (host: string, port: number): Redis => {
      const client = new Redis({...redisConnectionOptions(endpoint, options), host, port, retryStrategy: () => null})
      client.on('error', () => {})
      return client
    }
    this.replicaAdmin = admin(replica.host, replica.port)
    this.primaryAdmin = admin(endpoint.hosts[0].host, endpoint.hosts[0].port)
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    if (count > this.acked.length) this.acked = grownFloat64(this.acked, grownLength(this.acked.length, count), NONE)
  }

  /** The endpoint the target switches to: the replica, with the primary's credentials and TLS. */
  get replicaEndpoint(): RedisEndpoint {
    return {...this.endpoint, hosts: [this.endpoint.replica as {host: string; port: number}], replica: null}
  }

  /** Connects to both servers and checks that the replica is one. */
  async connect(): Promise<void> {
    await Promise.all([this.replicaAdmin.connect(), this.primaryAdmin.connect()])
    const role = /^role:(\w+)/m.exec(await this.replicaAdmin.info('replication'))?.[1]
    if (role !== 'slave') {
      throw new InputError(`${this.endpoint.displayUrl}: the replica ${this.replicaName} is not a replica (its role is ${role ?? 'unknown'}), so there is nothing to fail over to.`)
    }
  }

  /** The old primary acknowledged writing `version` of the key (the caller knows where it sent it). */
  acknowledged(key: number, version: number): void {
    this.acked[key] = version
  }

  /** REPLICAOF NO ONE: the replica stops following the primary and takes writes. */
  async promote(): Promise<void> {
    this.promoted = true
    await this.replicaAdmin.call('REPLICAOF', 'NO', 'ONE')
  }

  /**
   * Keys whose last write acknowledged by the old primary is absent or older on the new one,
   * read back in batches; `keyOf` names a key id on the server.
   */
  async acknowledgedWritesLost(keyOf: (key: number) => string, decodeVersion: (buffer: Buffer | null) => number | null): Promise<number> {
    const batch: number[] = []
    let lost = 0
    const check = async (): Promise<void> => {
      const pipeline = this.replicaAdmin.pipeline()
      for (const key of batch) pipeline.getBuffer(keyOf(key))
      const replies = (await pipeline.exec()) ?? []
      replies.forEach(([error, buffer], index) => {
        const version = error ? null : decodeVersion(buffer as Buffer | null)
        if (version === null || version < this.acked[batch[index]]) lost++
      })
      batch.length = 0
    }
    for (let key = 0; key < this.acked.length; key++) {
      if (this.acked[key] === NONE) continue
      batch.push(key)
      if (batch.length === 500) await check()
    }
    if (batch.length > 0) await check()
    return lost
  }

  /** UNLINKs on the old primary the keys written there before the switch. */
  unlinkOnOldPrimary(names: string[]): Promise<number> {
    return this.primaryAdmin.unlink(...names)
  }

  close(): void {
    this.replicaAdmin.disconnect()
    this.primaryAdmin.disconnect()
  }
}
