import {CommitFlow} from './commit-flow.js'
import {Command, type Flow, type FlowIo} from './flow.js'
import {OneCommandReadFlow} from './one-command-read.js'
import type {ReadAnswer, Strategy} from './strategy.js'

/** The baseline without a cache: every operation goes to the origin. */
export class NoCacheStrategy implements Strategy {
  readonly name = 'none'
  // A getter: a field initialiser right before a generator method would read as a multiplication.
  get usesCache(): boolean {
    return false
  }

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return OneCommandReadFlow.of(io, Command.originRead).start(key)
  }

  write(key: number, io: FlowIo): Flow<void> {
    return CommitFlow.of(io).start(key, undefined)
  }

  *delete(key: number, io: FlowIo): Flow<void> {
    yield io.originDelete(key)
  }
}
