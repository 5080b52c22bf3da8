import {namedColumnsFormat} from './named-columns.js'

/**
 * Meta's kvcache traces (CacheLib's trace-replay layout): a CSV with a header row, read by name
 * because releases order the columns differently — e.g. "key,op,size,op_count,key_size" and
 * "op_time,key,key_size,op,op_count,size,cache_hits,ttl". `op_count` repeats the request that
 * many times; `size` is the value size; `op_time` is in seconds.
 */
export const metaKvFormat = namedColumnsFormat('meta-kv', "Meta's kvcache CSV, columns found by header name (key, op, size, op_count, key_size, op_time, ttl)", {
  key: ['key'],
  operation: ['op'],
  valueBytes: ['size'],
  keyBytes: ['key_size'],
  timeSeconds: ['op_time'],
  ttlSeconds: ['ttl'],
  repeat: ['op_count'],
})
