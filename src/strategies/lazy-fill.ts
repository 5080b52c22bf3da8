import type {Flow, FlowIo} from './flow.js'

/** Deletes remove the record and then invalidate the cache, whatever the strategy. */
export function* deleteAndInvalidate(key: number, io: FlowIo): Flow<void> {
  yield io.originDelete(key)
  yield io.cacheDelete(key)
}
