import type {KeyDistribution} from './key-distribution.js'

/**
 * Most keys one tape records (4 bytes each, so 64 MiB): a run that draws more goes on from a
 * distribution of its own, fast-forwarded past the tape, so memory stays bounded however long
 * the runs.
 */
const MAX_TAPE_KEYS = 16 * 1024 * 1024
const FIRST_TAPE_KEYS = 64 * 1024

/**
 * The keys one key stream draws, recorded once for the runs of a process that draw the same
 * stream again: the cells of `compare` differ in strategy, mix and TTL but not in keys, and
 * drawing a zipfian key (a uniform, a memo lookup, now and then an exp and a log) took about a
 * tenth of a cell's CPU. A run reads the tape where an earlier run recorded it, and records
 * where it is the first to get that far; every run gets the same keys as a distribution of its
 * own would give it.
 */
class KeyTape {
  keys = new Uint32Array(FIRST_TAPE_KEYS)
  length = 0

  constructor(
    /** Draws the key after the last recorded: it has drawn exactly `length` keys. */
    private readonly source: KeyDistribution,
    private readonly maxKeys: number,
  ) {}

  /** The key at `position`, recorded now when no run has drawn it yet; undefined past the tape's end. */
  keyAt(position: number): number | undefined {
    if (position < this.length) return this.keys[position]
    if (position === this.maxKeys) return undefined
    if (this.length === this.keys.length) {
      const grown = new Uint32Array(Math.min(this.keys.length * 2, this.maxKeys))
      grown.set(this.keys)
      this.keys = grown
    }
    const key = this.source.nextKey()
    this.keys[this.length++] = key
    return key
  }
}

/** One run's reader of a tape: the keys from the start, then past the tape's end its own distribution. */
class TapedKeys implements KeyDistribution {
  private position = 0
  private own: KeyDistribution | undefined

  constructor(
    private readonly tape: KeyTape,
    private readonly create: () => KeyDistribution,
  ) {}

  nextKey(): number {
    if (this.own !== undefined) return this.own.nextKey()
    const key = this.tape.keyAt(this.position)
    if (key !== undefined) {
      this.position++
      return key
    }
    return this.pastTheTape()
  }

  nextWriteKey(): number {
    return this.nextKey()
  }

  /** The tape is full: this run draws on from a distribution of its own, past the keys the tape holds. */
  private pastTheTape(): number {
    const own = this.create()
    for (let skipped = 0; skipped < this.position; skipped++) own.nextKey()
    this.own = own
    return own.nextKey()
  }
}

/**
 * The tapes of one process (a `compare` worker thread), by key stream. Only streams whose writes
 * draw as reads do are taped: with a distribution that models inserts (`latest`), which keys a
 * run draws depends on its mix.
 */
export class KeyTapes {
  private readonly tapes = new Map<string, KeyTape>()

  constructor(private readonly maxKeys = MAX_TAPE_KEYS) {}

  /**
   * The keys of the stream named `stream` (the same name must always mean the same keys: the
   * keyspace, the seed and the stream's number), created by `create` when it cannot be taped.
   */
  keys(stream: string, create: () => KeyDistribution): KeyDistribution {
    let tape = this.tapes.get(stream)
    if (tape === undefined) {
      const source = create()
      if (source.modelsInserts === true) return source
      tape = new KeyTape(source, this.maxKeys)
      this.tapes.set(stream, tape)
    }
    return new TapedKeys(tape, create)
  }
}
