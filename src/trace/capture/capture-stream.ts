import {createWriteStream, type WriteStream} from 'node:fs'
import {connect as connectTcp, type Socket} from 'node:net'
import {connect as connectTls} from 'node:tls'
import {asSentence, InputError, TargetError} from '../../errors.js'
import {writeFailureReason} from '../../report/write-file-atomic.js'
import {parseTargetUrl} from '../../targets/target-url.js'

export interface CaptureOptions {
  /** redis://[user:pass@]host:port, rediss://…, or memcached://host:port */
  url: string
  out: string
  /** Stops after this long (ms), or when aborted, whichever comes first. */
  durationMs: number
  /** Stops once the file holds this many bytes. */
  maxBytes: number
  signal?: AbortSignal
}

export interface CaptureSummary {
  file: string
  url: string
  lines: number
  bytes: number
  durationMs: number
  /** Why it stopped: the duration ran out, the size bound, the caller, or the server closed. */
  stoppedBy: 'duration' | 'size' | 'signal' | 'server'
}

/** A running capture: `ready` once the server has started streaming, `done` with the summary. */
export interface Capture {
  ready: Promise<void>
  done: Promise<CaptureSummary>
  /** Lines written so far. */
  lines(): number
}

/** How one server's live-traffic stream is opened and read: the command, its answer, each line's text. */
export interface CaptureProtocol {
  schemes: readonly string[]
  /** Commands sent on connect (authentication, then the stream request). */
  start(url: ReturnType<typeof parseTargetUrl>): string[]
  /** The answer that says the stream has started. */
  isReady(line: string): boolean
  /** An error answer to a start command, as a sentence; null when the line is not one. */
  failure(line: string): string | null
  /** The trace line a streamed line becomes; null to leave it out. */
  traceLine(line: string): string | null
}

/** Streams a server's live traffic into a trace file, line by line, bounded by time and size. */
export function startCapture(options: CaptureOptions, protocol: CaptureProtocol): Capture {
  const url = parseTargetUrl(options.url)
  if (!protocol.schemes.includes(url.scheme)) throw new InputError(`Capture from "${url.url}" is not possible; use ${protocol.schemes.map((scheme) => `${scheme}://host:port`).join(' or ')}.`)
  if (url.hosts.length !== 1) throw new InputError(`Capture reads one server at a time; "${url.url}" names ${url.hosts.length}.`)
  const {host, port} = url.hosts[0]
  const socket: Socket = url.scheme === 'rediss'
    ? connectTls({host, port: port ?? 6379, rejectUnauthorized: false})
    : connectTcp({host, port: port ?? (url.scheme.startsWith('redis') ? 6379 : 11211)})
  /**
   * Opened once the server has started streaming: a server that cannot be reached or refuses the
   * capture leaves --out as it was (a previous capture there is not emptied).
   */
  let file: WriteStream | undefined
  /** Why the file could not be written (a full disk), once it failed: the capture stops there. */
  let writeFailure: InputError | undefined
  const started = Date.now()
  let lines = 0
  let bytes = 0
  let partial = ''
  let streaming = false
  let markReady!: () => void
  let failReady!: (error: Error) => void
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failReady = reject
  })
  ready.catch(() => undefined)

  const done = new Promise<CaptureSummary>((resolve, reject) => {
    let stoppedBy: CaptureSummary['stoppedBy'] = 'server'
    const stop = (reason: CaptureSummary['stoppedBy']) => {
      stoppedBy = reason
      socket.destroy()
    }
    const timer = setTimeout(() => stop('duration'), options.durationMs)
    const onAbort = () => stop('signal')
    options.signal?.addEventListener('abort', onAbort, {once: true})
    const openFile = (): WriteStream => {
      const stream = createWriteStream(options.out)
      stream.on('error', (error) => {
        writeFailure ??= new InputError(`--out "${options.out}" cannot be written: ${writeFailureReason(error)}; the capture stopped.`)
        // No summary comes of it (the capture fails with writeFailure), so no reason is noted.
        socket.destroy()
      })
      return stream
    }
    socket.on('connect', () => socket.write(protocol.start(url).map((command) => `${command}\r\n`).join('')))
    socket.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8')
      const parts = text.split('\n')
      partial = parts.pop() as string
      for (const raw of parts) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
        if (!streaming) {
          const failure = protocol.failure(line)
          if (failure !== null) {
            failReady(new TargetError(`${url.url} refused the capture: ${failure}`))
            stop('server')
            return
          }
          if (protocol.isReady(line)) {
            streaming = true
            file = openFile()
            markReady()
          }
          continue
        }
        const traceLine = protocol.traceLine(line)
        if (traceLine === null) continue
        file?.write(`${traceLine}\n`)
        lines++
        bytes += Buffer.byteLength(traceLine) + 1
        if (bytes >= options.maxBytes) {
          stop('size')
          return
        }
      }
    })
    socket.on('error', (error) => {
      if (!streaming) failReady(new TargetError(asSentence(`Could not reach ${url.url} to capture its traffic: ${error.message}`)))
    })
    socket.on('close', () => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      if (!streaming) failReady(new TargetError(`${url.url} closed the connection before the capture started.`))
      const finish = () => {
        if (writeFailure !== undefined) return reject(writeFailure)
        ready.then(() => resolve({file: options.out, url: url.url, lines, bytes, durationMs: Date.now() - started, stoppedBy}), reject)
      }
      // A stream that failed is destroyed: it calls no end callback.
      if (file === undefined || file.destroyed) finish()
      else file.end(finish)
    })
  })
  return {ready, done, lines: () => lines}
}
