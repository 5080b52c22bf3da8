/**
 * Polls `check` until it holds: how tests wait for a readiness signal (a server has seen traffic,
 * a replica is in sync) instead of sleeping for a guessed time. Fails naming `what` after `timeoutMs`.
 */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
