import type {Clock} from '../time/clock.js'
import type {Flow, FlowIo} from './flow.js'
import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Steps, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/** Writes to one key waiting for their flush; later writes fold into it. */
interface PendingWrite {
  /** The version the origin will have once this flush lands. */
  version: number
  /** Application writes folded into it. */
  writes: number
  /** Counts the flush with the most recent writer's measurement state. */
  steps: Steps
}

/**
 * Write-behind (write-back): a write sets the cache and returns; the origin is written
 * `flushDelay` later, once for all writes to the key in that window. Until then the cache holds
 * data the origin has not got, so a failed cache node loses those writes.
 *
 * Values set ahead of the origin carry the version their flush will commit. Flushes of one key
 * run one at a time, in order, so that label always matches what the origin commits. Flushes
 * run beside the operations, on the async path.
 */
export class WriteBehindStrategy implements Strategy {
  readonly name = 'write-behind'
  readonly usesCache = true
  readonly simulated = false
  private readonly pending = new Map<number, PendingWrite>()
  /** Per key, the flush being written to the origin and the version it commits. */
  private readonly flushing = new Map<number, {version: number; done: Promise<void>}>()
  private stopped = false

  constructor(
    private readonly readPath: ReadPath,
    private readonly ttl: TtlPolicy,
    private readonly clock: Clock,
    private readonly flushDelayMs: number,
    private readonly valueSize: () => number,
  ) {}

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  *write(key: number, io: FlowIo): Flow<void> {
    const steps = io.asyncSteps()
    let entry = this.pending.get(key)
    if (entry === undefined) {
      const ahead = this.flushing.get(key)?.version ?? 0
      entry = {version: Math.max(steps.originVersion(key), ahead) + 1, writes: 1, steps}
      this.pending.set(key, entry)
      const scheduled = entry
      void this.clock.sleep(this.flushDelayMs).then(() => this.flush(key, scheduled))
    } else {
      entry.writes++
      entry.steps = steps
    }
    yield io.cacheSet(key, {version: entry.version, committedAt: this.clock.now(), size: this.valueSize()}, this.ttl.next())
  }

  /** A delete goes to the origin at once; writes still waiting for the key are superseded by it. */
  *delete(key: number, io: FlowIo): Flow<void> {
    const entry = this.pending.get(key)
    if (entry !== undefined) {
      this.pending.delete(key)
      io.books.note('writesCoalesced', entry.writes)
    }
    const flushing = this.flushing.get(key)
    if (flushing !== undefined) yield io.settle(flushing.done)
    yield* deleteAndInvalidate(key, io)
  }

  nodeFailed(lost: (key: number) => boolean = () => true): void {
    for (const [key, entry] of this.pending) {
      if (!lost(key)) continue
      entry.steps.note('writesLost', entry.writes)
      this.pending.delete(key)
    }
  }

  async finish(): Promise<void> {
    this.stopped = true
    for (const entry of this.pending.values()) entry.steps.note('writesPending', entry.writes)
    this.pending.clear()
    await Promise.all([...this.flushing.values()].map((flight) => flight.done))
  }

  private async flush(key: number, entry: PendingWrite): Promise<void> {
    // An older flush of the key still on its way goes first; writes keep folding in meanwhile.
    for (let previous = this.flushing.get(key); previous !== undefined; previous = this.flushing.get(key)) await previous.done
    // Lost with the node, superseded by a delete, or left pending at the end of the load.
    if (this.stopped || this.pending.get(key) !== entry) return
    this.pending.delete(key)
    entry.steps.note('writesCoalesced', entry.writes - 1)
    const done = entry.steps.originWrite(key).then(() => {
      this.flushing.delete(key)
    })
    this.flushing.set(key, {version: entry.version, done})
    await done
  }
}
