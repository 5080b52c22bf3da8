import {statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {ReadAheadRequests} from './read-ahead/read-ahead-requests.js'
import {isCompressedTrace} from './trace-bytes.js'
import {TraceRequests, type RequestStream, type TraceInput} from './trace-requests.js'

/**
 * Below this much trace text a trace is read on the caller's thread: a second thread's start
 * (a tenth to a third of a second on a busy 2-core machine) would cost about what it saves.
 * 32 MiB is about a million CSV requests, a second or two of replay.
 */
export const READ_AHEAD_MIN_BYTES = 32 << 20
/** A compressed trace counts as this many times its size: its text is larger still, and inflating it is the reader's work too. */
const COMPRESSED_WEIGHT = 4

/**
 * The trace's requests, parsed on a thread of their own when the file is large and a second
 * core can run it, else on the caller's thread; the same requests either way.
 */
export function openRequestStream(input: TraceInput, minBytes = READ_AHEAD_MIN_BYTES): RequestStream {
  const compressed = isCompressedTrace(input.file)
  if (availableParallelism() > 1 && fileBytes(input.file) * (compressed ? COMPRESSED_WEIGHT : 1) >= minBytes) return new ReadAheadRequests(input)
  return new TraceRequests(input)
}

/** The file's size on disk; 0 when it cannot be read (the reader then says why, in the caller's thread). */
function fileBytes(file: string): number {
  try {
    const stats = statSync(file)
    return stats.isFile() ? stats.size : 0
  } catch {
    return 0
  }
}
