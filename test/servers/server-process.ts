import {type ChildProcess, spawn} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {createServer, connect} from 'node:net'

/** A free TCP port on 127.0.0.1, found by letting the kernel pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({host: '127.0.0.1', port})
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** A server binary the tests started; `stop()` kills it (and is safe to call twice). */
export interface ServerProcess {
  port: number
  child: ChildProcess
  /** Output so far, for failure messages. */
  output(): string
  /** SIGSTOP, resolved once the kernel reports the process stopped: from then on nothing it holds is answered. */
  freeze(): Promise<void>
  /** SIGCONT. */
  thaw(): void
  stop(): Promise<void>
}

/** The state letter of /proc/<pid>/stat: `T` once a SIGSTOP has taken effect. */
async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
}

/**
 * Starts `command args` and resolves once `port` accepts connections (within `timeoutMs`),
 * so tests never race a server that is still starting.
 */
export async function startServer(command: string, args: string[], port: number, timeoutMs = 10_000): Promise<ServerProcess> {
  const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let output = ''
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  let exited = false
  child.once('exit', () => (exited = true))
  const deadline = Date.now() + timeoutMs
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${command} did not start on 127.0.0.1:${port}: ${output.trim().slice(-500)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const stop = async (): Promise<void> => {
    if (exited) return
    const gone = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await gone
  }
  const freeze = async (): Promise<void> => {
    child.kill('SIGSTOP')
    const deadline = Date.now() + 2000
    while ((await processState(child.pid as number)) !== 'T') {
      if (Date.now() > deadline) throw new Error(`${command} did not stop on SIGSTOP`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  return {port, child, output: () => output, freeze, thaw: () => child.kill('SIGCONT'), stop}
}
