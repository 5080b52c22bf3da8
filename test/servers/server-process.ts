import {type ChildProcess, spawn} from 'node:child_process'
import {readdir, readFile, readlink} from 'node:fs/promises'
import {createServer, connect} from 'node:net'

/**
 * A TCP port on 127.0.0.1 that nothing listened on a moment ago: only for tests that expect a
 * connection to be refused. Servers are started with startServer, which owns its port.
 */
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

/** Inodes of the sockets listening on TCP `port` (IPv4 and IPv6), from the kernel's tables. */
async function listeningInodes(port: number): Promise<Set<string>> {
  const inodes = new Set<string>()
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '')
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9])
    }
  }
  return inodes
}

/** True when process `pid` holds a socket listening on `port`: the server answering there is this one. */
async function ownsListeningPort(pid: number, port: number): Promise<boolean> {
  const inodes = await listeningInodes(port)
  if (inodes.size === 0) return false
  const descriptors = await readdir(`/proc/${pid}/fd`).catch(() => [])
  for (const descriptor of descriptors) {
    const link = await readlink(`/proc/${pid}/fd/${descriptor}`).catch(() => '')
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
    if (inode !== undefined && inodes.has(inode)) return true
  }
  return false
}

export interface StartOptions {
  /** Use exactly this port (a restart on the port a test already knows); otherwise a free one is found. */
  port?: number
  timeoutMs?: number
}

const PORT_ATTEMPTS = 8

/**
 * Starts `command argsFor(port)` on a free port and resolves once this very process listens
 * there and accepts connections. Picking a free port and binding it are two steps, so another
 * test file (or another program) can take the port in between: then the server fails with
 * "address already in use", or a connection reaches the other server — hence the check that the
 * listener is this process's, and a new port on that failure.
 */
export async function startServer(command: string, argsFor: (port: number) => string[], options: StartOptions = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort())
    try {
      return await startOnPort(command, argsFor(port), port, options.timeoutMs ?? 10_000)
    } catch (error) {
      const anotherPort = error instanceof PortTakenError && options.port === undefined && attempt < PORT_ATTEMPTS
      if (!anotherPort) throw error
    }
  }
}

class PortTakenError extends Error {}

/** Servers still running; killed when the test process exits, so a failed or timed-out test leaves none behind. */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

async function startOnPort(command: string, args: string[], port: number, timeoutMs: number): Promise<ServerProcess> {
  const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']})
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  let exited = false
  // 'close' comes after the process ended and its output was read to the end.
  const exit = new Promise<void>((resolve) => child.once('close', () => resolve()))
  void exit.then(() => (exited = true))
  const deadline = Date.now() + timeoutMs
  while (!(await ownsListeningPort(child.pid as number, port)) || !(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL')
      await exit
      if (/address already in use/i.test(output)) throw new PortTakenError(`${command}: 127.0.0.1:${port} is already in use`)
      throw new Error(`${command} did not start on 127.0.0.1:${port}: ${output.trim().slice(-500)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const stop = async (): Promise<void> => {
    if (!exited) child.kill('SIGKILL')
    await exit
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
