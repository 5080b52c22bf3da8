/**
 * The first Ctrl-C or SIGTERM asks the run to stop: no new operations start, those in flight
 * finish, and an incomplete result is still written. A second one exits at once.
 */
export function stopOnSignals(onFirst: () => void): {signal: AbortSignal; dispose: () => void} {
  const controller = new AbortController()
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    onFirst()
    controller.abort()
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    },
  }
}
