/** Kinds of failed cache commands, counted separately in the result. */
export const COMMAND_ERROR_KINDS = ['timeout', 'connection', 'server'] as const
export type CommandErrorKind = (typeof COMMAND_ERROR_KINDS)[number]

/** A cache command that failed; the run counts it and goes on. */
export class CacheCommandError extends Error {
  constructor(
    readonly kind: CommandErrorKind,
    message: string,
  ) {
    super(message)
    this.name = 'CacheCommandError'
  }
}

const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTCONN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH'])

/** Sorts any error a client library throws into timeout / connection / server. */
export function classifyCommandError(error: unknown): CommandErrorKind {
  if (error instanceof CacheCommandError) return error.kind
  const code = (error as {code?: unknown} | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) return 'timeout'
  if ((typeof code === 'string' && CONNECTION_CODES.has(code)) || /connect|closed|reset|socket|offline|stream isn't writeable/i.test(message)) {
    return 'connection'
  }
  return 'server'
}
