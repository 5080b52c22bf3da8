import {Client} from 'memjs'
import {CommandDeadlines} from './command-deadlines.js'
import {GuardedServer} from './guarded-server.js'
import {parseNodeStats, type NodeStats} from './memcached-stats.js'
import {type NodeClient, type NodeSettings, sweepIntervalMs} from './node-client.js'

/** memjs logs every failure to the console by default; failures are counted, not printed. */
const SILENT = {log: (): void => {}}

/**
 * One memcached server reached through `connections` memjs clients. memjs keeps several
 * requests in flight on a socket but writes each on its own (unless `pipeline` > 1 lets
 * requests of the same tick share a write); more sockets let the server's threads work on
 * them in parallel.
 */
export class MemjsNode implements NodeClient {
  readonly name: string
  private readonly servers: GuardedServer[] = []
  private readonly clients: Client[] = []
  private readonly deadlines: CommandDeadlines
  private next = 0

  constructor(private readonly settings: NodeSettings) {
    this.name = `${settings.host}:${settings.port}`
    this.deadlines = new CommandDeadlines(this.name, sweepIntervalMs(settings))
    for (let i = 0; i < settings.connections; i++) {
      const server = new GuardedServer(
        settings.host,
        settings.port,
        settings.username ?? undefined,
        settings.password ?? undefined,
        {timeout: settings.timeoutMs / 1000, conntimeout: settings.connectTimeoutMs / 1000},
        settings.pipeline,
      )
      this.servers.push(server)
      // retries: 1 is memjs for "one attempt": a dead node fails fast instead of being retried.
      this.clients.push(new Client([server], {retries: 1, retry_delay: 0, failover: false, logger: SILENT}))
    }
  }

  /** Opens every connection; resolves with the node's stats, rejects if any connection fails. */
  async open(): Promise<NodeStats> {
    const limitMs = this.settings.connectTimeoutMs
    const replies = await Promise.all(this.clients.map((client) => this.statsVia(client, limitMs)))
    return parseNodeStats(replies[0])
  }

  get<T>(key: string, decode: (data: Buffer) => T): Promise<T | null> {
    const client = this.client()
    return this.deadlines.run<T | null>(this.settings.timeoutMs, (done) => client.get(key, (error, value) => done(error, value === null ? null : decode(value))))
  }

  set(key: string, value: Buffer, expires: number): Promise<unknown> {
    const client = this.client()
    return this.deadlines.run(this.settings.timeoutMs, (done) => client.set(key, value, {expires}, done))
  }

  /** True when the key existed. */
  async delete(key: string): Promise<boolean> {
    const client = this.client()
    const deleted = await this.deadlines.run<boolean | null>(this.settings.timeoutMs, (done) => client.delete(key, done))
    return deleted === true
  }

  /** flush_all: the node drops every item, as a node replaced by an empty one. */
  async flush(): Promise<void> {
    const client = this.clients[0]
    await this.deadlines.run(this.settings.timeoutMs, (done) => client.flush((error) => done(error, null)))
  }

  async stats(): Promise<NodeStats> {
    return parseNodeStats(await this.statsVia(this.clients[0], this.settings.timeoutMs))
  }

  serverSettings(): Promise<Record<string, string>> {
    const client = this.clients[0]
    return this.deadlines.run<Record<string, string>>(this.settings.timeoutMs, (done) =>
      client.statsWithKey('settings', (error, _server, stats) => (error ? done(error, {}) : done(null, stats ?? {}))),
    )
  }

  /** Never waits: fails whatever is pending and drops every socket, reachable or not. */
  close(): void {
    this.deadlines.failAll('connection closed by the client')
    for (const server of this.servers) server.destroy()
  }

  private statsVia(client: Client, limitMs: number): Promise<Record<string, string>> {
    return this.deadlines.run<Record<string, string>>(limitMs, (done) =>
      client.stats((error, _server, stats) => (error ? done(error, {}) : done(null, stats ?? {}))),
    )
  }

  private client(): Client {
    const client = this.clients[this.next]
    this.next = this.next + 1 === this.clients.length ? 0 : this.next + 1
    return client
  }
}
