import type {Flow, FlowIo} from './flow.js'
import type {ReadAnswer, Strategy} from './strategy.js'

/** The baseline without a cache: every operation goes to the origin. */
export class NoCacheStrategy implements Strategy {
  readonly name = 'none'
  // A getter: a field initialiser right before a generator method would read as a multiplication.
  get usesCache(): boolean {
    return false
  }

  *read(key: number, io: FlowIo): Flow<ReadAnswer> {
    yield io.originRead(key)
    return {value: io.value, fromCache: false}
  }

  *write(key: number, io: FlowIo): Flow<void> {
    yield io.originWrite(key)
  }

  *delete(key: number, io: FlowIo): Flow<void> {
    yield io.originDelete(key)
  }
}
