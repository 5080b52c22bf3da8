import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {type ServerProcess, startServer} from './server-process.js'

const run = promisify(execFile)

export interface RedisServer {
  port: number
  /** The server process's id now (it changes with restart()), e.g. to pin it to a core. */
  readonly pid: number
  /** With `tls`: the CA certificate that signed the server's. */
  caFile: string | null
  /** `redis://[user:password@]127.0.0.1:port` (`rediss://` with `tls`) */
  url: string
  /** Runs redis-cli against this server (with its credentials) and returns the reply text. */
  cli(...args: string[]): Promise<string>
  /** SIGKILL, as a crashed server: no shutdown, no goodbye to clients. */
  kill(): Promise<void>
  /** Starts the server again on the same port, empty. */
  restart(): Promise<void>
  /** Sends a signal to the server process, e.g. SIGSTOP to freeze it and SIGCONT to resume. */
  signal(name: NodeJS.Signals): void
  /** SIGSTOP, resolved once the process is stopped. */
  freeze(): Promise<void>
  stop(): Promise<void>
}

export interface RedisServerOptions {
  /** Password of the `default` user, or of `aclUser` when given. */
  password?: string
  /** An ACL user with full access to keys and commands; `default` is then disabled. */
  aclUser?: string
  /** Extra `--name value` settings, e.g. `['--maxmemory', '2mb']`. */
  config?: string[]
  /** Serve TLS only, with a certificate for 127.0.0.1 signed by a throwaway CA (`caFile`). */
  tls?: boolean
}

/** Settings of every test server: loopback only, nothing written to disk. */
function baseArgs(dir: string): string[] {
  return ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]
}

/** One throwaway redis-server on a free 127.0.0.1 port (its own: see startServer), in its own temp dir. */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-redis-'))
  const {password, aclUser} = options
  let caFile: string | null = null
  const args = (port: number): string[] => {
    const list = baseArgs(dir)
    if (caFile !== null) {
      list.push('--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no', '--tls-ca-cert-file', caFile)
      list.push('--tls-cert-file', join(dir, 'server.pem'), '--tls-key-file', join(dir, 'server.key'))
    } else {
      list.push('--port', String(port))
    }
    if (password !== undefined && aclUser === undefined) list.push('--requirepass', password)
    if (password !== undefined && aclUser !== undefined) {
      // Each word of an ACL rule is its own argument; redis-server joins them into one config line.
      list.push('--user', aclUser, 'on', `>${password}`, '~*', '&*', '+@all', '--user', 'default', 'off')
    }
    return [...list, ...(options.config ?? [])]
  }
  let server: ServerProcess
  try {
    if (options.tls) caFile = await makeCertificates(dir)
    server = await startServer('redis-server', args)
  } catch (error) {
    await rm(dir, {recursive: true, force: true})
    throw error
  }
  const {port} = server
  const auth = password === undefined ? [] : aclUser === undefined ? ['-a', password] : ['--user', aclUser, '--pass', password]
  const credentials = password === undefined ? '' : `${encodeURIComponent(aclUser ?? '')}:${encodeURIComponent(password)}@`
  const tlsCli = caFile === null ? [] : ['--tls', '--cacert', caFile]
  let current: ServerProcess = server
  return {
    port,
    get pid() {
      return current.child.pid ?? -1
    },
    caFile,
    url: `${options.tls ? 'rediss' : 'redis'}://${credentials}127.0.0.1:${port}`,
    cli: (...cliArgs) => redisCli(port, [...tlsCli, ...auth, '--no-auth-warning', ...cliArgs]),
    kill: () => current.stop(),
    signal: (name) => {
      current.child.kill(name)
    },
    freeze: () => current.freeze(),
    restart: async () => {
      await current.stop()
      current = await startServer('redis-server', args, {port})
    },
    stop: async () => {
      await current.stop()
      await rm(dir, {recursive: true, force: true})
    },
  }
}

export interface RedisCluster {
  ports: number[]
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…` */
  url: string
  /** Runs redis-cli against one node. */
  cli(port: number, ...args: string[]): Promise<string>
  /** Keys held by all primaries together. */
  keyCount(): Promise<number>
  /** SIGKILLs the node on `port`, as a crashed primary. */
  kill(port: number): Promise<void>
  /** SIGSTOPs the node on `port`: it holds its connections and answers nothing, as a hung primary. */
  freeze(port: number): Promise<void>
  /** SIGCONTs a frozen node and waits until every node reports `cluster_state:ok` again. */
  thaw(port: number): Promise<void>
  stop(): Promise<void>
}

/**
 * `primaries` cluster-enabled redis-servers joined by `redis-cli --cluster create` with no
 * replicas; resolves once every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(primaries = 3): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'cb-redis-cluster-'))
  const servers: ServerProcess[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()))
    await rm(dir, {recursive: true, force: true})
  }
  try {
    for (let i = 0; i < primaries; i++) {
      const args = (port: number): string[] => [
        ...baseArgs(dir),
        '--port',
        String(port),
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '2000',
      ]
      servers.push(await startServer('redis-server', args))
    }
    const ports = servers.map((server) => server.port)
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'],
      {timeout: 30_000},
    )
    await waitForClusterOk(ports)
    const cli = (port: number, ...args: string[]): Promise<string> => redisCli(port, args)
    return {
      ports,
      url: `redis-cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
      cli,
      kill: async (port) => {
        await servers.find((server) => server.port === port)?.stop()
      },
      freeze: async (port) => {
        await servers.find((server) => server.port === port)?.freeze()
      },
      thaw: async (port) => {
        servers.find((server) => server.port === port)?.thaw()
        await waitForClusterOk(ports)
      },
      keyCount: async () => {
        const sizes = await Promise.all(ports.map((port) => cli(port, 'DBSIZE')))
        return sizes.reduce((sum, size) => sum + Number(size), 0)
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** A CA and a server certificate for IP 127.0.0.1 signed by it, in `dir`; returns the CA file. */
async function makeCertificates(dir: string): Promise<string> {
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => run('openssl', args, {timeout: 30_000})
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=cache-bench test CA', '-keyout', file('ca.key'), '-out', file('ca.pem'))
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'))
  await writeFile(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n')
  await openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('san.ext'), '-out', file('server.pem'))
  return file('ca.pem')
}

async function waitForClusterOk(ports: number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const infos = await Promise.all(ports.map((port) => redisCli(port, ['CLUSTER', 'INFO']).catch(() => '')))
    if (infos.every((info) => info.includes('cluster_state:ok'))) return
    if (Date.now() > deadline) throw new Error(`the test cluster on ports ${ports.join(', ')} did not reach cluster_state:ok`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function redisCli(port: number, args: string[]): Promise<string> {
  const {stdout} = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {timeout: 10_000})
  return stdout.trim()
}
