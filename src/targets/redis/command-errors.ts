import {CacheCommandError, classifyCommandError, type CommandErrorKind} from '../command-error.js'

/** ioredis error names whose kind their message does not reveal. */
const KIND_BY_NAME: Record<string, CommandErrorKind> = {
  // An error reply: the server answered, so the connection is fine.
  ReplyError: 'server',
  // Commands dropped because their connection closed before the reply came.
  MaxRetriesPerRequestError: 'connection',
  AbortError: 'connection',
  ClusterAllFailedError: 'connection',
}

/** ioredis messages that speak of its options rather than of what happened. */
const PLAIN_MESSAGES: Array<[RegExp, string]> = [
  [/^Stream isn't writeable/, 'not connected to the server (reconnecting)'],
  [/^Reached the max retries per request limit/, 'the connection was lost before the reply arrived'],
]

/** A failed ioredis command as the run counts it. */
export function toCommandError(error: unknown): CacheCommandError {
  if (error instanceof CacheCommandError) return error
  const name = error instanceof Error ? error.name : ''
  const raw = error instanceof Error ? error.message : String(error)
  const kind = KIND_BY_NAME[name] ?? classifyCommandError(error)
  const message = PLAIN_MESSAGES.find(([pattern]) => pattern.test(raw))?.[1] ?? raw
  return new CacheCommandError(kind, message)
}

export function rethrowAsCommandError(error: unknown): never {
  throw toCommandError(error)
}
