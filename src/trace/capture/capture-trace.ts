import {InputError} from '../../errors.js'
import {parseTargetUrl} from '../../targets/target-url.js'
import {startCapture, type Capture, type CaptureOptions, type CaptureProtocol} from './capture-stream.js'
import {memcachedWatchCapture} from './memcached-watch-capture.js'
import {redisMonitorCapture} from './redis-monitor-capture.js'

const PROTOCOLS = [redisMonitorCapture, memcachedWatchCapture]

/** The trace format a capture from this URL is written in. */
export function captureFormat(url: string): 'redis-monitor' | 'memcached-watch' {
  return parseTargetUrl(url).scheme === 'memcached' ? 'memcached-watch' : 'redis-monitor'
}

/** Records a server's live traffic as a trace: MONITOR on Redis, `watch fetchers mutations` on memcached. */
export function captureTrace(options: CaptureOptions): Capture {
  return startCapture(options, checkCaptureUrl(options.url))
}

/** The protocol a capture from `url` speaks; refuses a URL of anything it cannot capture from. */
export function checkCaptureUrl(url: string): CaptureProtocol {
  const scheme = parseTargetUrl(url).scheme
  const protocol = PROTOCOLS.find((candidate) => candidate.schemes.includes(scheme))
  if (protocol === undefined) throw new InputError(`Capture needs a redis://, rediss:// or memcached:// URL, got "${parseTargetUrl(url).url}".`)
  return protocol
}
