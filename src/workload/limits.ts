/**
 * How large a size-like value may be: beyond these a run would exhaust memory or never end, so
 * they are refused up front, with the limit in the message. Shared by `validate` and `run`
 * through the schema, so both accept exactly the same files.
 */

/**
 * Distinct keys. Every key has state of its own for the whole run (origin version and commit
 * time, value size, written/in-flight flags, wasted-write tracking: about 40 bytes), and V8
 * cannot hold a plain array of more than 2^27 elements; 10^8 keys need about 4 GB.
 */
export const MAX_KEYS = 100_000_000

/** Closed-loop operations in flight: each is a pending chain of promises and timers (about 1 KB). */
export const MAX_CONCURRENCY = 100_000

/** Open-loop operations in flight at once (load.maxInFlight). */
export const MAX_IN_FLIGHT = 1_000_000

/** Members of a sorted set, entries of a list, fields of a hash: held in memory by the builtin engine. */
export const MAX_STRUCTURE_SIZE = 10_000_000

/** Redis's largest string value is 512 MB (redis.io, "Strings": "A single Redis string can be a maximum of 512 MB"). */
export const MAX_VALUE_BYTES = 512 * 1024 * 1024

/**
 * Operations one run may have, warm-up included (load.operations, or an open loop's rate × its
 * duration). Ten billion take about three hours at the simulation's million a second, a day at
 * 100k a second on a server; a figure past it is a slip (1e15, an extra unit), not a plan, and
 * would run for years with nothing on a piped stdout.
 */
export const MAX_OPERATIONS = 10_000_000_000

/** A run's length (load.duration, or its phases together): a week, the longest soak a benchmark is run for. */
export const MAX_RUN_MS = 7 * 24 * 3_600_000

/**
 * Any other duration (a TTL, a flush delay, a lease's timeout, an event's time): a year. A run
 * lasts at most a week (MAX_RUN_MS), so nothing longer changes what it measures; a figure past it
 * is a slip (`ttl: 1e308`, a bare number of milliseconds), which servers would refuse per
 * command (Redis answers PX 1e+308 with "value is not an integer or out of range").
 */
export const MAX_DURATION_MS = 8760 * 3_600_000

/** One modelled call (origin query or cache command) may take at most an hour. */
export const MAX_LATENCY_MS = 3_600_000

/** A modelled latency at or above this is possible but rarely meant (5m for 5ms): the run warns. */
export const IMPLAUSIBLE_LATENCY_MS = 10_000

/** A TTL below this is possible but rarely meant (`ttl: 10`, a bare number, is 10 ms, not 10 s): the run warns. */
export const IMPLAUSIBLE_TTL_MS = 100

/** "100,000,000" */
export function formatLimit(value: number): string {
  return value.toLocaleString('en-US')
}

/** A message carries a 24-byte header (src/messaging/message-codec.ts), so no payload is smaller. */
export const MESSAGE_HEADER_BYTES = 24

/** Pub/Sub subscribers and stream consumers: each is a connection of its own to the server. */
export const MAX_RECEIVERS = 10_000

/** Channels (or streams): each is subscribed by name, and the builtin target keeps a list of subscribers per channel. */
export const MAX_CHANNELS = 1_000_000
