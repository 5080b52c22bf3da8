import {execFile, spawnSync} from 'node:child_process'
import {availableParallelism} from 'node:os'
import {promisify} from 'node:util'

const run = promisify(execFile)

/**
 * Server and client on different cores, as memtier_benchmark users measure: the server owns the
 * first core, the load generator (ours or the reference tool) the rest. On a one-core machine,
 * or without taskset, nothing is pinned and the notes say so.
 */
export const SERVER_CORES = '0'
export const CLIENT_CORES = availableParallelism() > 2 ? `1-${availableParallelism() - 1}` : '1'
/** Every core this process could use at start: where it goes back once a pinned suite is over. */
const ALL_CORES = `0-${availableParallelism() - 1}`

// Decided once, at start: once this process is pinned, availableParallelism() counts only the
// cores it is pinned to.
const PINNABLE = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0

export function canPin(): boolean {
  return PINNABLE
}

/** Moves every thread of process `pid` onto `cores` (taskset -a -p). */
export async function pinProcess(pid: number, cores: string): Promise<void> {
  if (!canPin()) return
  await run('taskset', ['-a', '-p', '-c', cores, String(pid)])
}

/** Pins this process (the in-process cache-bench run) to the client cores. */
export function pinThisProcessToClientCores(): Promise<void> {
  return pinProcess(process.pid, CLIENT_CORES)
}

/**
 * Lets this process use every core again. A pinned suite calls it when done: the suites after it
 * (worker threads, compare's cells, the child processes they start, which inherit the pinning)
 * would otherwise run on the client cores alone.
 */
export function unpinThisProcess(): Promise<void> {
  return pinProcess(process.pid, ALL_CORES)
}

export interface ReferenceRun {
  stdout: string
  /** User + system CPU seconds the reference tool's process used. */
  cpuSeconds: number
}

/**
 * Runs a reference tool on the client cores and reports the CPU it used: bash's `times` prints
 * the shell's own times, then its children's, so the second line is the tool's user and system time.
 */
export async function runReferenceTool(command: string, args: string[], timeoutMs = 120_000): Promise<ReferenceRun> {
  const quoted = [command, ...args].map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ')
  const pinned = canPin() ? `taskset -c ${CLIENT_CORES} ${quoted}` : quoted
  try {
    const {stdout, stderr} = await run('bash', ['-c', `${pinned}; status=$?; times >&2; exit $status`], {timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024})
    return {stdout, cpuSeconds: childCpuSeconds(stderr)}
  } catch (error) {
    throw new Error(`${command} failed: ${(error as Error).message}`)
  }
}

/** Parses the children's line of bash's `times` ("0m1.250s 0m0.310s"). */
function childCpuSeconds(timesOutput: string): number {
  const lines = timesOutput.trim().split('\n')
  const children = lines.at(-1) ?? ''
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]))
  return seconds.reduce((sum, value) => sum + value, 0)
}

/** CPU seconds (user + system) this process spends inside `work`. */
export async function measureOwnCpu<T>(work: () => Promise<T>): Promise<{value: T; cpuSeconds: number}> {
  const before = process.cpuUsage()
  const value = await work()
  const used = process.cpuUsage(before)
  return {value, cpuSeconds: (used.user + used.system) / 1e6}
}

/** Microseconds of client CPU per operation, for the note beside a throughput figure. */
export function cpuPerOperationUs(cpuSeconds: number, operations: number): number {
  return Number(((cpuSeconds * 1e6) / operations).toFixed(2))
}
