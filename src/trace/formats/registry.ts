import {InputError} from '../../errors.js'
import {TRACE_FORMAT_NAMES} from '../../workload/types.js'
import {suggestNearest} from '../../workload/suggest.js'
import type {TraceFormat} from '../trace-format.js'
import {csvFormat} from './csv.js'
import {memcachedWatchFormat} from './memcached-watch.js'
import {metaKvFormat} from './meta-kv.js'
import {oracleGeneralFormat} from './oracle-general.js'
import {redisMonitorFormat} from './redis-monitor.js'
import {twitterFormat} from './twitter.js'

/** One reader per name of TRACE_FORMAT_NAMES (the workload schema's list). */
const FORMATS: readonly TraceFormat[] = [twitterFormat, metaKvFormat, oracleGeneralFormat, redisMonitorFormat, memcachedWatchFormat, csvFormat]

export {TRACE_FORMAT_NAMES}

export function traceFormat(name: string, where = 'trace.format'): TraceFormat {
  const format = FORMATS.find((candidate) => candidate.name === name)
  if (format) return format
  const nearest = suggestNearest(name, TRACE_FORMAT_NAMES)
  throw new InputError(`${where} "${name}" is not a trace format; use one of ${TRACE_FORMAT_NAMES.join(', ')}${nearest ? ` (did you mean "${nearest}"?)` : ''}.`)
}
