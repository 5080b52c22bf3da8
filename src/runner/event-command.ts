import {spawn} from 'node:child_process'

/** A node-failure command that has not finished by then is killed and counted as failed. */
export const EVENT_COMMAND_TIMEOUT_MS = 120_000
/** Enough of the command's error output to say why it failed. */
const OUTPUT_TAIL = 300

export interface CommandOutcome {
  exitCode: number | null
  /** Why it failed, when it did. */
  error?: string
}

/**
 * Runs the user's shell command that fails a node. The node's name and index are passed in
 * CACHE_BENCH_NODE and CACHE_BENCH_NODE_INDEX, so one command can serve every node.
 */
export function runEventCommand(command: string, node: {name: string; index: number}): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {...process.env, CACHE_BENCH_NODE: node.name, CACHE_BENCH_NODE_INDEX: String(node.index)},
    })
    let errorOutput = ''
    child.stderr.on('data', (chunk) => {
      errorOutput = (errorOutput + String(chunk)).slice(-OUTPUT_TAIL)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), EVENT_COMMAND_TIMEOUT_MS)
    child.once('error', (error) => {
      clearTimeout(timer)
      resolve({exitCode: null, error: `the command could not start (${error.message})`})
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      const said = errorOutput.trim() === '' ? '' : `: ${errorOutput.trim()}`
      if (code === 0) resolve({exitCode: 0})
      else if (code !== null) resolve({exitCode: code, error: `the command exited with status ${code}${said}`})
      else resolve({exitCode: null, error: `the command was killed by ${signal ?? 'a signal'}${said}`})
    })
  })
}
