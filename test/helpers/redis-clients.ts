/** The Redis client paths a single-server test runs on: every such test must pass on both. */
export const REDIS_CLIENTS = ['lean', 'ioredis'] as const
export type RedisClientName = (typeof REDIS_CLIENTS)[number]

/** `url` asking for the client path: `client=` added to its query (after any /db path). */
export function onClient(url: string, client: RedisClientName): string {
  return `${url}${url.includes('?') ? '&' : '?'}client=${client}`
}
