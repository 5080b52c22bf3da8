import type {CaptureProtocol} from './capture-stream.js'

/**
 * memcached's `watch fetchers mutations` (doc/protocol.txt, "watch"): "OK", then one log line
 * per fetch and store, and "skipped=N" when the watcher fell behind; lines are kept as they come.
 */
export const memcachedWatchCapture: CaptureProtocol = {
  schemes: ['memcached'],
  start: () => ['watch fetchers mutations'],
  isReady: (line) => line === 'OK',
  failure: (line) => (line === 'ERROR' || line.startsWith('CLIENT_ERROR') || line.startsWith('SERVER_ERROR') ? `${line} (watch needs memcached 1.5 or newer)` : null),
  traceLine: (line) => (line === '' ? null : line),
}
