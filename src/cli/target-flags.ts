import {Flags} from '@oclif/core'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {InputError} from '../errors.js'
import {MAX_LATENCY_MS} from '../workload/limits.js'
import {formatDuration, parseDuration} from '../workload/units.js'

// Shown in --help; the values themselves apply in the target options, not as flag defaults.
const DEFAULTS = defaultTargetOptions('<run id>')
const MAX_CONNECTIONS = 10_000

/** Connection and safety flags for real servers (docs/contracts.md, Target URLs). */
export const targetFlags = {
  target: Flags.string({char: 't', description: 'Where cache commands go: builtin://, redis://host:port, rediss://…, redis-cluster://h1:p1,h2:p2, memcached://h1:p1[,h2:p2]. [default: builtin://]', helpValue: 'URL', helpGroup: 'TARGET'}),
  'key-prefix': Flags.string({description: 'Prefix of every key written. [default: cb:<run id>:]', helpGroup: 'TARGET'}),
  'keep-keys': Flags.boolean({description: 'Leave the keys the run wrote instead of deleting them at the end.', helpGroup: 'TARGET'}),
  'own-keyspace': Flags.boolean({description: 'The server holds nothing but benchmark data: allow a short or empty --key-prefix and keys already present under it.', helpGroup: 'TARGET'}),
  'allow-flush': Flags.boolean({description: 'Permit FLUSHALL / flush_all (never sent otherwise).', helpGroup: 'TARGET'}),
  // 10,000 a node: far above what saturates a server, and below the file descriptors a process
  // may hold (past them, connecting fails with EMFILE after seconds of trying and gigabytes of sockets).
  connections: Flags.integer({description: `Client connections per node (at most ${MAX_CONNECTIONS.toLocaleString('en-US')}). [default: ${DEFAULTS.connections}]`, min: 1, max: MAX_CONNECTIONS, helpGroup: 'TARGET'}),
  pipeline: Flags.integer({description: `Redis: commands per pipelined batch; memcached: requests of one event-loop tick per socket write (1 = no pipelining). [default: ${DEFAULTS.pipeline}]`, min: 1, helpGroup: 'TARGET'}),
  timeout: Flags.string({description: `Per-command timeout, e.g. 500ms; a slower command counts as a timeout error. [default: ${formatDuration(DEFAULTS.timeoutMs)}]`, helpGroup: 'TARGET'}),
  'connect-timeout': Flags.string({description: `Time allowed to connect before the target counts as unreachable (exit 3). [default: ${formatDuration(DEFAULTS.connectTimeoutMs)}]`, helpGroup: 'TARGET'}),
  'tls-ca': Flags.string({description: 'rediss://: CA certificate file to trust.', helpGroup: 'TARGET'}),
  'tls-insecure': Flags.boolean({description: 'rediss://: do not verify the server certificate.', helpGroup: 'TARGET'}),
}

export interface TargetFlagValues {
  'key-prefix'?: string
  'keep-keys'?: boolean
  'own-keyspace'?: boolean
  'allow-flush'?: boolean
  connections?: number
  pipeline?: number
  timeout?: string
  'connect-timeout'?: string
  'tls-ca'?: string
  'tls-insecure'?: boolean
}

export function targetOptionsFromFlags(flags: TargetFlagValues): Partial<TargetOptions> {
  const options: Partial<TargetOptions> = {
    keepKeys: flags['keep-keys'] ?? false,
    ownKeyspace: flags['own-keyspace'] ?? false,
    allowFlush: flags['allow-flush'] ?? false,
    tls: {caFile: flags['tls-ca'] ?? null, insecure: flags['tls-insecure'] ?? false},
  }
  if (flags['key-prefix'] !== undefined) options.keyPrefix = flags['key-prefix']
  if (flags.connections !== undefined) options.connections = flags.connections
  if (flags.pipeline !== undefined) options.pipeline = flags.pipeline
  if (flags.timeout !== undefined) options.timeoutMs = timeLimit(flags.timeout, '--timeout')
  if (flags['connect-timeout'] !== undefined) options.connectTimeoutMs = timeLimit(flags['connect-timeout'], '--connect-timeout')
  return options
}

/**
 * A time limit of the client: above 0 and at most an hour, as a modelled call may take. Past 2^31
 * ms (24.8 days) Node's timers fire at once, so a limit typed in hours by mistake failed every
 * command or connect at once.
 */
function timeLimit(text: string, flag: string): number {
  const ms = parseDuration(text, flag)
  if (!(ms > 0 && ms <= MAX_LATENCY_MS)) throw new InputError(`${flag} must be longer than 0 and at most ${formatDuration(MAX_LATENCY_MS)}, e.g. 500ms (got "${text}").`)
  return ms
}
