import type {CaptureProtocol} from './capture-stream.js'

/**
 * Redis MONITOR (redis.io/commands/monitor): after "+OK" every command the server executes comes
 * as a status reply, "+<time> [<db> <client>] "<command>" …"; the trace keeps the text after "+",
 * which is what redis-cli MONITOR prints and the redis-monitor format reads.
 */
export const redisMonitorCapture: CaptureProtocol = {
  schemes: ['redis', 'rediss'],
  start: (url) => [
    ...(url.password === null ? [] : [`AUTH ${url.username === null ? '' : `${quote(url.username)} `}${quote(url.password)}`]),
    ...(url.path.length > 1 ? [`SELECT ${Number(url.path.slice(1)) || 0}`] : []),
    'MONITOR',
  ],
  isReady: (line) => line === '+OK',
  failure: (line) => (line.startsWith('-') ? line.slice(1) : null),
  traceLine: (line) => (line.startsWith('+') && line !== '+OK' ? line.slice(1) : null),
}

/** An inline-command argument with its spaces and quotes protected. */
function quote(text: string): string {
  return `"${text.replace(/["\\]/g, (char) => `\\${char}`)}"`
}
