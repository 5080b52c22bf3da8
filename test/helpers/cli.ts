import {execa} from 'execa'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs the built command as a user would (the test script builds dist/ first). */
export function cli(args: string[], options: {env?: Record<string, string>; cwd?: string} = {}): Promise<CliRun> {
  return startCli(args, options).finished
}

export interface RunningCli {
  /** Resolves with what the line on stderr matching `pattern` said once it is printed; rejects if the command ends first or `timeoutMs` passes. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>
  /** Sends a signal to the command's process. */
  kill(signal: NodeJS.Signals): void
  finished: Promise<CliRun>
}

/**
 * Starts the built command without waiting for it, so a test can act once the command says it
 * has reached a point (a line on stderr) instead of after a guessed delay: start-up alone takes
 * seconds on a loaded machine.
 */
export function startCli(args: string[], options: {env?: Record<string, string>; cwd?: string} = {}): RunningCli {
  const child = execa('node', [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? ROOT,
    // vitest sets NODE_ENV=test, which would make oclif look for TypeScript sources; reports are
    // laid out for 80 columns whatever terminal the tests were started from.
    env: {NO_COLOR: '', NODE_ENV: 'production', COLUMNS: '80', ...options.env},
    timeout: 60_000,
  })
  let stderr = ''
  const listeners = new Set<() => void>()
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk)
    for (const listener of listeners) listener()
  })
  const finished = child.then((result) => ({exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr)}))
  const waitForStderr = (pattern: RegExp, timeoutMs = 60_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const done = (outcome: () => void): void => {
        listeners.delete(check)
        clearTimeout(timer)
        outcome()
      }
      const check = (): void => {
        const line = stderr.split('\n').find((text) => pattern.test(text))
        if (line !== undefined) done(() => resolve(line))
      }
      const timer = setTimeout(() => done(() => reject(new Error(`no line matching ${pattern} on stderr within ${timeoutMs} ms: ${stderr.slice(-500)}`))), timeoutMs)
      listeners.add(check)
      void finished.then(() => {
        check()
        if (listeners.has(check)) done(() => reject(new Error(`the command ended before printing a line matching ${pattern}: ${stderr.slice(-500)}`)))
      })
      check()
    })
  return {waitForStderr, kill: (signal) => child.kill(signal), finished}
}
