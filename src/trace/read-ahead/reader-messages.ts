import type {TraceLosses} from '../trace-requests.js'

/** What the reading thread tells the replaying side besides the ring. */
export type ReaderMessage =
  | {
      kind: 'losses'
      /** The losses as they stood when the first `upTo` records had been read. */
      upTo: number
      losses: TraceLosses
      keys: number
      /** The trace's end: nothing follows. */
      end: boolean
    }
  | {
      kind: 'failed'
      message: string
      /** The exit code of a cache-bench error (bad input: 2), null for anything else. */
      exitCode: number | null
      stack: string | undefined
    }
