import {randomBytes} from 'node:crypto'

/** How cache-bench talks to a real server; the builtin target ignores all of it. */
export interface TargetOptions {
  /** Every key lives under it, so a run never touches anybody else's data: `cb:<run id>:` by default. */
  keyPrefix: string
  /** Client connections per node (ioredis and memjs use one socket per client). */
  connections: number
  /** Redis: commands sent per batch; memcached: requests per socket write (1 = no pipelining). */
  pipeline: number
  /** Time one command may take before it counts as a timeout. */
  timeoutMs: number
  /** Time to establish the first connection before the target is declared unreachable (exit 3). */
  connectTimeoutMs: number
  tls: {caFile: string | null; insecure: boolean}
  /** Permits FLUSHALL / flush_all; never sent otherwise. */
  allowFlush: boolean
  /** Leave the keys a run wrote in place instead of deleting them at the end. */
  keepKeys: boolean
  /** The user owns every key on the server: any prefix, even keys already present under it, is allowed. */
  ownKeyspace: boolean
}

export function newRunId(): string {
  return randomBytes(4).toString('hex')
}

export function defaultTargetOptions(runId: string = newRunId()): TargetOptions {
  return {
    keyPrefix: `cb:${runId}:`,
    connections: 4,
    pipeline: 1,
    timeoutMs: 1000,
    connectTimeoutMs: 3000,
    tls: {caFile: null, insecure: false},
    allowFlush: false,
    keepKeys: false,
    ownKeyspace: false,
  }
}

/**
 * The settings of `given` that only a real server uses, named by their flags, for a run on the
 * built-in engine to say it ignored them. Not the key prefix: a split run sets one whatever the
 * target (and on the built-in engine it changes nothing either way).
 */
export function serverOnlySettings(given: Partial<TargetOptions> | undefined): string[] {
  if (given === undefined) return []
  const named: Array<[boolean, string]> = [
    [given.connections !== undefined, '--connections'],
    [given.pipeline !== undefined, '--pipeline'],
    [given.timeoutMs !== undefined, '--timeout'],
    [given.connectTimeoutMs !== undefined, '--connect-timeout'],
    [given.tls?.caFile != null, '--tls-ca'],
    [given.tls?.insecure === true, '--tls-insecure'],
    [given.allowFlush === true, '--allow-flush'],
    [given.keepKeys === true, '--keep-keys'],
    [given.ownKeyspace === true, '--own-keyspace'],
  ]
  return named.filter(([isGiven]) => isGiven).map(([, flag]) => flag)
}
