/**
 * The first Ctrl-C or SIGTERM asks the run to stop: no new operations start, those in flight
 * finish, and an incomplete result is still written. A second one exits at once.
 */
export function stopOnSignals(onFirst: () => void, onSecond?: () => void): {signal: AbortSignal; pause: () => void; resume: () => void; dispose: () => void} {
  const controller = new AbortController()
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      onSecond?.()
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    }
    onFirst()
    controller.abort()
  }
  const listen = (): void => {
    if (process.listeners('SIGINT').includes(handler)) return
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  }
  const dispose = (): void => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
  listen()
  // pause: the signals' default action (end the process at once) applies until resume.
  return {signal: controller.signal, pause: dispose, resume: listen, dispose}
}
