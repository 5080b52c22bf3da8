import {closeSync, openSync, readSync} from 'node:fs'
import {Gunzip} from 'fflate'
import {Decompress} from 'fzstd'
import {InputError} from '../errors.js'

const READ_BYTES = 1 << 20

/**
 * The decompressed bytes of a trace file, chunk by chunk, read synchronously: the runner draws
 * operations synchronously, so the trace must hand out its next record without awaiting.
 * node:zlib has no synchronous streaming inflate (only whole-buffer gunzipSync, whose memory
 * would grow with the file), so gzip goes through fflate's streaming Gunzip and zstd through
 * fzstd's streaming Decompress; both push output synchronously.
 */
export function* byteChunks(file: string): Generator<Uint8Array> {
  const fd = openTrace(file)
  try {
    const decoder = decompressorFor(file)
    const buffer = new Uint8Array(READ_BYTES)
    for (;;) {
      const read = readSync(fd, buffer, 0, READ_BYTES, null)
      const chunk = buffer.slice(0, read)
      if (decoder === null) {
        if (read === 0) return
        yield chunk
        continue
      }
      const out: Uint8Array[] = []
      decoder.ondata = (data: Uint8Array) => void out.push(data)
      try {
        decoder.push(chunk, read === 0)
      } catch (error) {
        throw new InputError(`${file}: the compressed data is corrupt (${(error as Error).message}).`)
      }
      yield* out
      if (read === 0) return
    }
  } finally {
    closeSync(fd)
  }
}

type Decompressor = Gunzip | Decompress

function decompressorFor(file: string): Decompressor | null {
  if (file.endsWith('.gz')) return new Gunzip()
  if (file.endsWith('.zst') || file.endsWith('.zstd')) return new Decompress()
  return null
}

function openTrace(file: string): number {
  try {
    return openSync(file, 'r')
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new InputError(`trace file "${file}" does not exist.`)
    throw new InputError(`trace file "${file}" cannot be read (${code ?? (cause as Error).message}).`)
  }
}
