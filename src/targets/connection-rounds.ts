/** A connection that may say how many of its commands still await replies (the lean paths count them). */
export interface CountedConnection {
  readonly inFlight?: number
}

/**
 * Which connection a command goes on, for both lean wire paths: `perConnection` commands (the
 * pipeline depth) to one connection before the next, so commands issued together share a write
 * (strict round-robin gave each its own socket and write: a quarter of the GETs per second at
 * --pipeline 16 over 50 connections). A connection that already holds that many in flight is
 * passed over, at most once round, so each keeps its share of the load as redis-benchmark's
 * -c/-P do and none takes twice its share while another idles. With --pipeline 1 this is plain
 * round-robin.
 */
export class ConnectionRounds<Connection extends CountedConnection> {
  private next = 0
  /** Commands given to connections[next] since it became the current one. */
  private given = 0

  constructor(
    private connections: readonly Connection[],
    private readonly perConnection: number,
  ) {}

  /** Starts over on another set of connections (a promoted replica's). */
  restart(connections: readonly Connection[]): void {
    this.connections = connections
    this.next = 0
    this.given = 0
  }

  /** Whether the connection holds fewer than a batch's worth in flight. */
  hasRoom(connection: Connection): boolean {
    return (connection.inFlight ?? 0) < this.perConnection
  }

  pick(): Connection {
    const count = this.connections.length
    for (let tried = 1; tried < count && !this.hasRoom(this.connections[this.next]); tried++) this.advance()
    const connection = this.connections[this.next]
    if (++this.given >= this.perConnection) this.advance()
    return connection
  }

  private advance(): void {
    this.next = this.next + 1 === this.connections.length ? 0 : this.next + 1
    this.given = 0
  }
}
