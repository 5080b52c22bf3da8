import type {CachedValue} from '../targets/cache-target.js'
import type {StrategyName} from '../workload/types.js'
import type {Flow, FlowIo} from './flow.js'

export type {BackgroundEvent, Steps} from './steps.js'

/** What a read handed back to the application (null: nothing, as a cache-only miss), and whether the cache answered it. */
export interface ReadAnswer {
  value: CachedValue | null
  fromCache: boolean
}

/**
 * How the application uses cache and origin for each kind of operation (README, Strategies).
 * Each operation is a flow of commands (flow.ts): one definition serves the simulation core
 * and real targets alike.
 */
export interface Strategy {
  readonly name: StrategyName
  /** Whether the strategy uses the cache at all (`none` does not). */
  readonly usesCache: boolean
  read(key: number, io: FlowIo): Flow<ReadAnswer>
  write(key: number, io: FlowIo): Flow<void>
  delete(key: number, io: FlowIo): Flow<void>
  /**
   * The load has ended: count work still waiting (it is reported, never silently dropped) and
   * start no more. Flows already started beside operations run to their end; the engine waits
   * for them.
   */
  stop?(): void
  /**
   * A cache node failed and lost its entries — those of the keys `lost` accepts, every key when
   * absent: work that only it held is lost.
   */
  nodeFailed?(lost?: (key: number) => boolean): void
  /** Strategies with per-key tables: makes room for key ids below `count` (a trace replay meets its keys as it goes). */
  reserveKeys?(count: number): void
}
