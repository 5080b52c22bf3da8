/** Reconnect soon after a failure, backing off to at most a second so a restarted server is picked up quickly. */
export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 5), 1000)
}
