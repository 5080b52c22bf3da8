import {BadRecord, operationOf, quoted, type TraceRecord} from '../trace-record.js'
import type {TraceFormat} from '../trace-format.js'
import {percentDecodedBytes} from './byte-string.js'
import {lineReader} from './line-format.js'
import {GidOrder} from './memcached-watch-order.js'
import {WatchPairing, type WatchLine} from './memcached-watch-pairing.js'

/**
 * memcached's `watch fetchers mutations` log (memcached doc/protocol.txt "watch", logger.c):
 * `ts=<s.µs> gid=<n> type=item_get key=<url-encoded> status=found|not_found … size=<n>` and
 * `type=item_store key=… status=stored cmd=set ttl=<s> … size=<n>`; keys are URL-encoded. A
 * watcher that fell behind gets `skipped=<n>` lines: those requests are lost, and counted.
 *
 * memcached 1.6.18 (seen here with a store on a fresh server) logs a store's own lookup of the
 * key as an item_get right before its item_store, on the same connection (cfd) a few µs apart:
 * such a pair is one write, not a read and a write (memcached-watch-pairing.ts finds the pairs).
 * Because every store logs its own lookup, a client's real get of the key just before a set shows
 * as get, lookup, store, and only the lookup is folded. A delete shows only as its lookup (watch
 * has no deletions stream in 1.6.18), so it replays as a read.
 */
export const memcachedWatchFormat: TraceFormat = {
  name: 'memcached-watch',
  description: 'memcached `watch fetchers mutations` lines (ts= gid= type=item_get|item_store key= …)',
  open(file) {
    let lost = 0
    const pairing = new WatchPairing()
    const order = new GidOrder()
    const pair = (line: WatchLine) => pairing.add(line)
    const take = (record: TraceRecord): boolean => {
      const line = pairing.take()
      if (line === null) return false
      fill(record, line)
      return true
    }
    return lineReader(
      file,
      (line, record) => {
        if (line === '' || line === 'OK') return false
        const skipped = /^skipped=(\d+)/.exec(line)
        if (skipped) {
          lost += Number(skipped[1])
          return false
        }
        const entry = parseWatchLine(line)
        if (entry === null) return false
        order.add(entry, pair)
        return take(record)
      },
      {
        lost: () => lost,
        waiting: take,
        finish(record) {
          order.drain(pair)
          pairing.finish()
          return take(record)
        },
      },
    )
  },
}

/** The line's fields, or null for a line of another type (watch streams more than fetches and stores). */
function parseWatchLine(line: string): WatchLine | null {
  const fields = new Map<string, string>()
  for (const part of line.split(' ')) {
    const equals = part.indexOf('=')
    if (equals > 0) fields.set(part.slice(0, equals), part.slice(equals + 1))
  }
  const ts = Number(fields.get('ts'))
  const type = fields.get('type')
  const key = fields.get('key')
  if (!Number.isFinite(ts) || type === undefined) throw new BadRecord('expected "ts=<seconds> gid=<n> type=<type> …" as memcached\'s watch prints it')
  if (type !== 'item_get' && type !== 'item_store') return null
  if (key === undefined) throw new BadRecord(`expected key= in a ${type} line`)
  const decoded = percentDecodedBytes(key)
  if (decoded === null) throw new BadRecord(`expected a URL-encoded key, got ${quoted(key)}`)
  return {ts, gid: Number(fields.get('gid') ?? Number.NaN), type, key: decoded, cfd: fields.get('cfd') ?? '', cmd: fields.get('cmd') ?? 'set', ttl: Number(fields.get('ttl') ?? 0) || 0, size: Number(fields.get('size') ?? 0) || 0}
}

function fill(record: TraceRecord, entry: WatchLine): void {
  record.timeMs = entry.ts * 1000
  record.key = entry.key
  record.keyBytes = entry.key.length
  record.valueBytes = entry.size
  record.command = entry.type === 'item_get' ? 'get' : entry.cmd.toLowerCase()
  record.operation = operationOf(record.command)
  record.ttlSeconds = entry.type === 'item_get' ? 0 : entry.ttl
  record.repeat = 1
}
