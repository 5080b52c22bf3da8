import {asSentence, InputError, TargetError} from '../../errors.js'

/**
 * Why connecting failed, as one sentence naming the endpoint and never the password; a timeout
 * names the nodes of a cluster that had not answered (`unanswered`), where some had.
 */
export function connectFailure(displayUrl: string, cause: unknown, password: string | null, timeoutMs: number, unanswered: string[] = []): TargetError | InputError {
  if (cause === CONNECT_TIMED_OUT && unanswered.length > 0) {
    const nodes = unanswered.length === 1 ? `its node ${unanswered[0]} did not answer` : `its nodes ${unanswered.join(', ')} did not answer`
    return new TargetError(`Cannot connect to ${displayUrl} within ${timeoutMs} ms: ${nodes} (stopped, or too busy to reply).`)
  }
  if (cause === CONNECT_TIMED_OUT) return timedOut(displayUrl, timeoutMs)
  const code = (cause as {code?: unknown} | null)?.code
  const raw = cause instanceof Error ? cause.message : String(cause)
  const message = scrub(raw, password).replace(/[.\s]+$/, '')
  if (/^(WRONGPASS|ERR invalid password|ERR invalid username-password)/i.test(message)) {
    return new TargetError(`${displayUrl} rejected the credentials (${message}).`)
  }
  if (/^NOAUTH/i.test(message)) return new TargetError(`${displayUrl} requires a password (${message}).`)
  // The URL's database number, past the server's "databases" setting: a bad URL, not an unreachable server.
  if (/^ERR (DB index is out of range|invalid DB index)/i.test(message)) {
    return new InputError(`${displayUrl} names a database the server does not have (${message}); its databases are numbered from 0 to its "databases" setting less one (16 by default).`)
  }
  if (code === 'ECONNREFUSED') return new TargetError(`Cannot connect to ${displayUrl}: connection refused.`)
  // Something else listens there (memcached, a web server): its first answer is not RESP.
  if ((cause as Error | null)?.name === 'ProtocolError') {
    return new TargetError(`Cannot connect to ${displayUrl}: it does not answer in the Redis protocol (${message}), so something other than Redis listens on this port.`)
  }
  // ioredis's way of saying the same: its parser failed on the first answer and closed the connection.
  if (/^Stream isn't writeable/.test(message)) {
    return new TargetError(`Cannot connect to ${displayUrl}: the connection closed as it opened; the server may not speak the Redis protocol on this port.`)
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TargetError(`Cannot connect to ${displayUrl}: host not found.`)
  if (code === 'ETIMEDOUT') return timedOut(displayUrl, timeoutMs)
  return new TargetError(asSentence(`Cannot connect to ${displayUrl}: ${message}`))
}

/**
 * A TLS client waits for the server's handshake, which a server without TLS never sends: the
 * only sign of a rediss:// URL pointed at a plain port is the wait running out.
 */
function timedOut(displayUrl: string, timeoutMs: number): TargetError {
  const tls = displayUrl.startsWith('rediss') ? '; rediss:// speaks TLS: is TLS enabled on that port (redis-server --tls-port), or did you mean redis://?' : '.'
  return new TargetError(`Cannot connect to ${displayUrl} within ${timeoutMs} ms${tls}`)
}

/** Stands for the connect timeout having passed before the connections were ready. */
export const CONNECT_TIMED_OUT = Symbol('connect timed out')

/**
 * Hides the password where a message shows it: as a whole token, between characters that are not
 * letters or digits (`:secret@`, `'secret'`). Text that merely contains it is left whole: a
 * password "s" must not turn the server's own "WRONGPASS invalid username-password pair" into
 * "u***ername-pa******word".
 */
function scrub(text: string, password: string | null): string {
  if (!password) return text
  const escaped = password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), '***')
}
