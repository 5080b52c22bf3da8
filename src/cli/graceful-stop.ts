import {constants as osConstants} from 'node:os'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {resolveTargetKind} from '../targets/target-registry.js'

/**
 * The signals that ask a run to stop. SIGHUP is a closed terminal or a dropped SSH session: by
 * default it ends the process at once, leaving a server run's keys behind with no result.
 */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * The first Ctrl-C, SIGTERM or SIGHUP asks the run to stop: no new operations start, those in
 * flight finish, and an incomplete result is still written. A second one exits at once.
 */
export function stopOnSignals(onFirst: () => void, onSecond?: () => void): {signal: AbortSignal; pause: () => void; resume: () => void; dispose: () => void} {
  const controller = new AbortController()
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      onSecond?.()
      process.exit(128 + osConstants.signals[signal])
    }
    onFirst()
    controller.abort()
  }
  const listen = (): void => {
    if (process.listeners('SIGINT').includes(handler)) return
    for (const signal of STOP_SIGNALS) process.off(signal, whileFinishing)
    for (const signal of STOP_SIGNALS) process.on(signal, handler)
  }
  const stopListening = (): void => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler)
  }
  const dispose = (): void => {
    stopListening()
    finishing = false
    if (!process.listeners('SIGINT').includes(whileFinishing)) for (const signal of STOP_SIGNALS) process.on(signal, whileFinishing)
  }
  listen()
  // pause: the signals' default action (end the process at once) applies until resume.
  return {signal: controller.signal, pause: stopListening, resume: listen, dispose}
}

/** Whether a signal has come since the load ended (see whileFinishing). */
let finishing = false

/**
 * Once a run's load has ended, its result is being written and printed: the first signal then
 * lets that finish (ending the process there would leave a result written, or a report half
 * printed, under the exit code that says no result was written); a second one quits at once.
 * Stays until the process ends, or the next run listens for itself.
 */
function whileFinishing(signal: NodeJS.Signals): void {
  if (finishing) process.exit(128 + osConstants.signals[signal])
  finishing = true
  process.stderr.write('The run has ended: finishing its result (press Ctrl-C again to quit at once)…\n')
}

/**
 * For runs on a real server, whose keys outlive the process: the target options with the key
 * prefix fixed now rather than inside the run, so that quitting at once can name the keys it
 * leaves (a run deletes them only at its end). Undefined on the built-in target.
 */
export function withServerPrefix(target: string | undefined, targetOptions: Partial<TargetOptions> | undefined): Partial<TargetOptions> | undefined {
  if (target === undefined || resolveTargetKind(target).kind.clock !== 'real') return undefined
  return {...targetOptions, keyPrefix: targetOptions?.keyPrefix ?? defaultTargetOptions().keyPrefix}
}

/** What quitting at once leaves on the server, as one line for stderr (nothing when the keys were to be kept anyway). */
export function keysLeftSentence(targetOptions: Partial<TargetOptions> | undefined): string | undefined {
  if (targetOptions?.keyPrefix === undefined || targetOptions.keepKeys) return undefined
  return `Quit at once: the keys written under "${targetOptions.keyPrefix}" are left on the server, and no result was written.\n`
}

/**
 * Ctrl-C for commands that run one workload after another on a server (compare's cells): the
 * first lets the run under way end and delete its keys, the second quits at once, naming them.
 * Undefined on the built-in target, where nothing outlives the process.
 */
export function stopOnServer(
  target: string | undefined,
  targetOptions: Partial<TargetOptions> | undefined,
): {targetOptions: Partial<TargetOptions>; signal: AbortSignal; dispose: () => void} | undefined {
  const options = withServerPrefix(target, targetOptions)
  if (options === undefined) return undefined
  const stop = stopOnSignals(
    () => process.stderr.write('\nStopping: letting the run under way finish and delete its keys (press Ctrl-C again to quit at once)…\n'),
    () => process.stderr.write(keysLeftSentence(options) ?? ''),
  )
  return {targetOptions: options, signal: stop.signal, dispose: stop.dispose}
}
