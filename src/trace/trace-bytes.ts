import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'
import {Gunzip} from 'fflate'
import {Decompress} from 'fzstd'
import {InputError, unreadableFile} from '../errors.js'

/**
 * Compressed bytes given the decompressor at a time. Its output for them is held until handed
 * out, and a small input can stand for a huge output: 583 KB of gzip inflated to a 600 MB line,
 * all of it held at once when read 1 MiB at a time. 64 KiB of deflate yields at most ~66 MB
 * (its ratio is at most about 1032:1) and read as fast here.
 */
const COMPRESSED_READ_BYTES = 64 << 10

/**
 * The decompressed bytes of a trace file, read synchronously into the caller's buffer: the
 * runner draws operations synchronously, so the trace must hand out its next record without
 * awaiting. A plain file is read straight into that buffer (no chunk copied or joined per
 * read). node:zlib has no synchronous streaming inflate (only whole-buffer gunzipSync, whose
 * memory would grow with the file), so gzip goes through fflate's streaming Gunzip and zstd
 * through fzstd's streaming Decompress; both push output synchronously.
 */
export class TraceBytes {
  private readonly fd: number
  private readonly decoder: Decompressor | null
  private readonly compressed: Uint8Array
  /** Decompressed output not yet handed out: pending[0] from `pendingAt`. */
  private pending: Uint8Array[] = []
  private pendingAt = 0
  private ended = false
  private closed = false
  /** Bytes of the file itself (compressed, when it is) read so far, and its size: how far a replay has gone. */
  private fileBytesRead = 0
  private readonly fileBytes: number

  constructor(private readonly file: string) {
    const [fd, bytes] = openTrace(file)
    this.fd = fd
    this.fileBytes = bytes
    this.decoder = decompressorFor(file)
    this.compressed = this.decoder === null ? new Uint8Array(0) : new Uint8Array(COMPRESSED_READ_BYTES)
    if (this.decoder) this.decoder.ondata = (data: Uint8Array) => void this.pending.push(data)
  }

  /** Fills buffer[at, …) with the next bytes (at < buffer.length); how many it wrote, 0 only at the end of the trace. */
  read(buffer: Uint8Array, at: number): number {
    if (this.decoder === null) {
      const read = readSync(this.fd, buffer, at, buffer.length - at, null)
      this.fileBytesRead += read
      return read
    }
    for (;;) {
      const chunk = this.pending[0]
      if (chunk !== undefined) {
        const count = Math.min(chunk.length - this.pendingAt, buffer.length - at)
        buffer.set(chunk.subarray(this.pendingAt, this.pendingAt + count), at)
        this.pendingAt += count
        if (this.pendingAt === chunk.length) {
          this.pending.shift()
          this.pendingAt = 0
        }
        return count
      }
      if (this.ended) return 0
      this.decompressNext(this.decoder)
    }
  }

  /** Share of the file read so far, 0..1 (of its compressed bytes, for a compressed trace). */
  fractionRead(): number {
    return this.fileBytes === 0 ? 1 : Math.min(1, this.fileBytesRead / this.fileBytes)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    closeSync(this.fd)
  }

  private decompressNext(decoder: Decompressor): void {
    const read = readSync(this.fd, this.compressed, 0, COMPRESSED_READ_BYTES, null)
    this.fileBytesRead += read
    this.ended = read === 0
    try {
      decoder.push(this.compressed.slice(0, read), this.ended)
    } catch (error) {
      throw new InputError(`${this.file}: the compressed data is corrupt (${(error as Error).message}).`)
    }
  }
}

type Decompressor = Gunzip | Decompress

function decompressorFor(file: string): Decompressor | null {
  if (file.endsWith('.gz')) return new Gunzip()
  if (isZstd(file)) return new Decompress()
  return null
}

/** The open file and its size; a directory is refused here, as reading it would fail later with a bare EISDIR. */
function openTrace(file: string): [fd: number, bytes: number] {
  let fd: number
  try {
    // Without a writer, opening a named pipe would wait for one, for ever: O_NONBLOCK opens it at
    // once, to be refused below; a regular file reads as it would without it.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (cause) {
    throw unreadableFile('trace file', file, cause)
  }
  const stats = fstatSync(fd)
  if (stats.isDirectory()) {
    closeSync(fd)
    throw unreadableFile('trace file', file, Object.assign(new Error('EISDIR'), {code: 'EISDIR'}))
  }
  // A device may never end (/dev/zero) or wait on a person (a terminal), and a pipe can be read
  // only once, where a run split into parts, mrc and plan read a trace twice or more: the second
  // reading would find nothing and report a trace of no requests as if it were the trace.
  if (!stats.isFile()) {
    closeSync(fd)
    throw new InputError(`trace file "${file}" is not a regular file (a pipe or a device, which can be read once at most); save the trace to a file first (.gz and .zst files are read as they are).`)
  }
  return [fd, stats.size]
}

/** Refuses, as a replay would, a trace file that is missing, unreadable or not a regular file; reads none of it. */
export function checkTraceFile(file: string): void {
  const [fd] = openTrace(file)
  closeSync(fd)
}

const isZstd = (file: string): boolean => file.endsWith('.zst') || file.endsWith('.zstd')

/** Whether the trace file is read through a decompressor (by its name, as TraceBytes decides). */
export function isCompressedTrace(file: string): boolean {
  return file.endsWith('.gz') || isZstd(file)
}
