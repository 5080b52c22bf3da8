import {BadRecord, operationOf} from '../trace-record.js'
import type {TraceFormat} from '../trace-format.js'
import {count, lineReader} from './line-format.js'

/**
 * Twitter's twemcache traces (github.com/twitter/cache-trace README, "Trace Format"): one request
 * per line, seven comma-separated columns — timestamp (s), anonymised key, key size, value size,
 * client id, operation (get/gets/set/add/replace/cas/append/prepend/delete/incr/decr), TTL (0
 * for non-writes). No header. Keys keep their namespaces, so a key may itself hold commas in
 * principle: the key is everything between the first field and the last five.
 */
export const twitterFormat: TraceFormat = {
  name: 'twitter',
  description: "Twitter's 7-column CSV: timestamp,key,key size,value size,client id,operation,TTL",
  open: (file) =>
    lineReader(file, (line, record) => {
      if (line === '') return false
      const fields = line.split(',')
      const n = fields.length
      if (n < 7) throw new BadRecord(`expected 7 comma-separated fields (timestamp,key,key size,value size,client id,operation,TTL), got ${n}`)
      const time = Number(fields[0])
      const keyBytes = count(fields[n - 5])
      const valueBytes = count(fields[n - 4])
      const ttl = count(fields[n - 1])
      if (fields[0] === '' || !Number.isFinite(time)) throw new BadRecord(`expected a timestamp in seconds, got "${fields[0]}"`)
      if (Number.isNaN(keyBytes) || Number.isNaN(valueBytes)) throw new BadRecord(`expected whole byte counts for key and value size, got "${fields[n - 5]}" and "${fields[n - 4]}"`)
      if (Number.isNaN(ttl)) throw new BadRecord(`expected a TTL in whole seconds, got "${fields[n - 1]}"`)
      record.timeMs = time * 1000
      record.key = n === 7 ? fields[1] : fields.slice(1, n - 5).join(',')
      record.keyBytes = keyBytes
      record.valueBytes = valueBytes
      record.command = fields[n - 2].toLowerCase()
      record.operation = operationOf(record.command)
      record.ttlSeconds = ttl
      record.repeat = 1
      return true
    }),
}
