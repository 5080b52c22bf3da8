import {namedColumnsFormat} from './named-columns.js'

/** Any CSV with a header row naming its columns; only `key` is required. */
export const csvFormat = namedColumnsFormat('csv', 'a CSV with a header: key, and optionally op, size, key_size, time (s), ttl (s), count', {
  key: ['key', 'obj_id', 'object_id'],
  operation: ['op', 'operation', 'command'],
  valueBytes: ['size', 'value_size', 'obj_size'],
  keyBytes: ['key_size'],
  timeSeconds: ['time', 'timestamp'],
  ttlSeconds: ['ttl'],
  repeat: ['count', 'op_count'],
})
