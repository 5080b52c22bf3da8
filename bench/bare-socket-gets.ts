import {connect, type Socket} from 'node:net'
import {measureOwnCpu} from './pinning.js'

/** Finds where replies end in the bytes a connection reads, across reads: one per protocol, exact. */
export interface ReplyScanner {
  /** Replies completed within bytes[0, length). */
  scan(bytes: Buffer, length: number): number
  /** Replies that said the key was missing. */
  readonly misses: number
}

export interface BareGets {
  port: number
  connections: number
  /** GETs per write on each connection; the next write leaves once all their replies are in. */
  pipeline: number
  /** GETs in all, rounded up to whole writes; the loop also stops after `limitMs`. */
  operations: number
  keys: number
  /** The bytes of one GET of key `key`. */
  command(key: number): string
  scanner(): ReplyScanner
  limitMs?: number
}

/** Writes encoded per connection before the clock starts, used in turn. */
const BATCHES_PER_CONNECTION = 64
/** Most bytes a header line of a reply may have (a RESP bulk header or a meta VA line holds a few). */
const MAX_LINE = 1024
const CR = 13
const LF = 10

/**
 * The least a Node client does for the bench's GETs, to show beside the reference tool what Node's
 * sockets themselves reach on this machine: per connection, `pipeline` GETs encoded before the
 * clock starts go out in one write, and the next write leaves once all their replies are in,
 * found by their framing (values are skipped, not decoded). No run, strategy, metrics or
 * per-command deadlines (only the loop as a whole is bounded in time): what cache-bench's own
 * rows cost beyond this is the client and the run around it.
 */
export async function bareSocketGets(options: BareGets): Promise<{opsPerSecond: number; cpuUsPerOp: number}> {
  const {connections, pipeline, keys} = options
  const limitMs = options.limitMs ?? 60_000
  const batchesFor = (connection: number): Buffer[] =>
    Array.from({length: BATCHES_PER_CONNECTION}, (_, batch) => {
      let text = ''
      for (let index = 0; index < pipeline; index++) text += options.command((connection * 7919 + (batch * pipeline + index) * 104_729) % keys)
      return Buffer.from(text, 'latin1')
    })
  const sockets: Socket[] = []
  const scanners: ReplyScanner[] = []
  /** Each connection's first write, once all are connected. */
  const firstWrites: Array<() => void> = []
  let sent = 0
  let completed = 0
  let finish: (() => void) | undefined
  let fail: ((error: Error) => void) | undefined
  try {
    await Promise.all(
      Array.from({length: connections}, (_, connection) => {
        const batches = batchesFor(connection)
        const scanner = options.scanner()
        scanners.push(scanner)
        let next = 0
        let awaited = 0
        const send = (): void => {
          if (sent >= options.operations) return
          sent += pipeline
          awaited = pipeline
          socket.write(batches[next++ % BATCHES_PER_CONNECTION])
        }
        // Every read lands in one buffer per connection, reused.
        const buffer = Buffer.alloc(1 << 16)
        const socket = connect({
          host: '127.0.0.1',
          port: options.port,
          noDelay: true,
          onread: {
            buffer,
            callback: (length) => {
              awaited -= scanner.scan(buffer, length)
              if (awaited > 0) return true
              completed += pipeline
              if (completed >= options.operations) finish?.()
              else send()
              return true
            },
          },
        })
        socket.on('error', (error) => fail?.(error))
        sockets.push(socket)
        firstWrites.push(send)
        return new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve())
          socket.once('error', reject)
        })
      }),
    )
    const started = performance.now()
    let seconds = 0
    let counted = 0
    const {cpuSeconds} = await measureOwnCpu(
      () =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the bare socket loop did not finish ${options.operations} GETs within ${limitMs} ms`)), limitMs)
          finish = () => {
            // Taken once, at the moment the count is reached; replies still in flight are not counted.
            if (counted > 0) return
            seconds = (performance.now() - started) / 1000
            counted = completed
            clearTimeout(timer)
            resolve()
          }
          fail = (error) => {
            clearTimeout(timer)
            reject(error)
          }
          for (const send of firstWrites) send()
        }),
    )
    const misses = scanners.reduce((sum, scanner) => sum + scanner.misses, 0)
    if (misses > 0) throw new Error(`the bare socket loop's GETs missed ${misses} times; the comparison wants hits only`)
    return {opsPerSecond: counted / seconds, cpuUsPerOp: Number(((cpuSeconds * 1e6) / counted).toFixed(2))}
  } finally {
    for (const socket of sockets) socket.destroy()
  }
}

/**
 * Replies made of header lines, some announcing a payload of n bytes (and its CRLF) to skip.
 * `onLine` reads a complete header line (CRLF included in `length`) and says what follows.
 */
abstract class LineScanner implements ReplyScanner {
  misses = 0
  private readonly line = Buffer.alloc(MAX_LINE)
  private lineLength = 0
  /** Payload bytes (and their CRLF) still to skip. */
  private skip = 0
  /** Whether the reply is complete once the payload is skipped. */
  private doneAfterSkip = false

  /** A header line: the payload it announces (-1: none), and whether the reply ends with it (or with its payload). */
  protected abstract onLine(line: Buffer, length: number): {payload: number; ends: boolean}

  scan(bytes: Buffer, length: number): number {
    let replies = 0
    let at = 0
    while (at < length) {
      if (this.skip > 0) {
        const skipped = Math.min(this.skip, length - at)
        this.skip -= skipped
        at += skipped
        if (this.skip === 0 && this.doneAfterSkip) replies++
        continue
      }
      const newline = bytes.indexOf(LF, at)
      const end = newline < 0 || newline >= length ? length : newline + 1
      if (this.lineLength + end - at > MAX_LINE) throw new Error('a reply line longer than the bare loop expects')
      bytes.copy(this.line, this.lineLength, at, end)
      this.lineLength += end - at
      at = end
      if (this.line[this.lineLength - 1] !== LF) continue
      const {payload, ends} = this.onLine(this.line, this.lineLength)
      this.lineLength = 0
      if (payload >= 0) {
        this.skip = payload + 2
        this.doneAfterSkip = ends
      } else if (ends) replies++
    }
    return replies
  }
}

/** The decimal number at line[from], up to a space or CR. */
function numberAt(line: Buffer, from: number): number {
  let value = 0
  for (let index = from; line[index] !== CR && line[index] !== 0x20; index++) value = value * 10 + (line[index] - 48)
  return value
}

/** RESP replies to GET: a bulk string ($n, then n bytes), nil ($-1), or an error line. */
export class RespGetScanner extends LineScanner {
  protected onLine(line: Buffer): {payload: number; ends: boolean} {
    if (line[0] === 0x24 /* $ */) {
      if (line[1] === 0x2d /* - */) {
        this.misses++
        return {payload: -1, ends: true}
      }
      return {payload: numberAt(line, 1), ends: true}
    }
    return {payload: -1, ends: true}
  }
}

/** Memcached meta replies to `mg <key> v`, the lean client's GET: VA <bytes>, then the data; EN on a miss; any other line an error. */
export class MetaGetScanner extends LineScanner {
  protected onLine(line: Buffer): {payload: number; ends: boolean} {
    if (line[0] === 0x56 /* V */ && line[1] === 0x41 /* A */) return {payload: numberAt(line, 3), ends: true}
    if (line[0] === 0x45 /* E */ && line[1] === 0x4e /* N */) this.misses++
    return {payload: -1, ends: true}
  }
}
