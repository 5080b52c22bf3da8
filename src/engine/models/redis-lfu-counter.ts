/*
 * Redis's LFU counter (evict.c LFULogIncr / LFUDecrAndReturn, redis 7.0): 8 bits, new keys start
 * at LFU_INIT_VAL 5 (server.h); an access increments with probability 1 / ((c − 5) × lfu-log-factor
 * + 1); every lfu-decay-time minutes without access takes one off. Defaults (redis.conf):
 * lfu-log-factor 10, lfu-decay-time 1.
 */
export const LFU_INIT_VAL = 5
const LFU_LOG_FACTOR = 10
const LFU_DECAY_MINUTES = 1
const COUNTER_MAX = 255

/** The counter after `minutes` without access. */
export function lfuDecayed(counter: number, minutes: number): number {
  const periods = Math.floor(minutes / LFU_DECAY_MINUTES)
  return periods > counter ? 0 : counter - periods
}

/** One access; `draw` is uniform in [0, 1). */
export function lfuIncremented(counter: number, draw: number): number {
  if (counter === COUNTER_MAX) return COUNTER_MAX
  const base = Math.max(0, counter - LFU_INIT_VAL)
  return draw < 1 / (base * LFU_LOG_FACTOR + 1) ? counter + 1 : counter
}
