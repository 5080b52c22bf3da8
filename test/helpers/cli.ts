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
export async function cli(args: string[], options: {env?: Record<string, string>; cwd?: string} = {}): Promise<CliRun> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? ROOT,
    // vitest sets NODE_ENV=test, which would make oclif look for TypeScript sources.
    env: {NO_COLOR: '', NODE_ENV: 'production', ...options.env},
    timeout: 60_000,
  })
  return {exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr)}
}
