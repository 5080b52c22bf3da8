import {BadRecord, operationOf, type TraceOperation, type TraceRecord} from '../trace-record.js'
import type {TraceFormat} from '../trace-format.js'
import {lineReader} from './line-format.js'
import {monitorArguments, type MonitorArguments} from './monitor-arguments.js'

/**
 * Redis MONITOR output (redis.io MONITOR docs; server.c replicationFeedMonitors): a line per
 * command, `<unix time with µs> [<db> <client addr>] "<command>" "<arg>" …`, each argument
 * quoted with C-style escapes (\\ \" \n \r \t \a \b \xHH, as sdscatrepr writes them). The
 * "OK" that answers MONITOR itself is not a request.
 */
const LINE = /^(\d+(?:\.\d+)?) \[[^\]]*\] (.*)$/

/**
 * Commands of several keys, each key a request of its own: `DEL a b c` removes three keys, and a
 * replay that deleted only `a` would then hit on `b` and `c`. MGET reads each key it names.
 */
const MULTI_KEY: Record<string, TraceOperation> = {del: 'delete', unlink: 'delete', mget: 'read'}

export const redisMonitorFormat: TraceFormat = {
  name: 'redis-monitor',
  description: 'Redis MONITOR output: time [db client] "command" "arg" …',
  open: (file) => {
    /** The keys after the first of a multi-key command, handed out one request each before the next line. */
    let moreKeys: string[] = []
    let nextKey = 0
    return lineReader(
      file,
      (line, record) => {
        if (line === '' || line === 'OK' || line === '+OK') return false
        const match = LINE.exec(line)
        if (match === null) throw new BadRecord('expected `<time> [<db> <client>] "<command>" …` as MONITOR prints it')
        const parsed = monitorArguments(match[2])
        if (parsed.args.length === 0) throw new BadRecord('expected a quoted command after the client')
        fillFromCommand(record, Number(match[1]) * 1000, parsed)
        if (Object.hasOwn(MULTI_KEY, record.command) && parsed.args.length > 1) {
          record.operation = MULTI_KEY[record.command]
          moreKeys = parsed.args.slice(2)
          nextKey = 0
        }
        return true
      },
      {
        waiting(record) {
          if (nextKey >= moreKeys.length) return false
          // The record still holds the command's time, name and operation: only the key changes.
          record.key = moreKeys[nextKey++]
          record.keyBytes = record.key.length
          return true
        },
      },
    )
  },
}

function fillFromCommand(record: TraceRecord, timeMs: number, {args, valueBytes}: MonitorArguments): void {
  const command = args[0].toLowerCase()
  record.timeMs = timeMs
  record.command = command
  record.operation = args.length > 1 ? operationOf(command) : null
  record.key = args[1] ?? ''
  record.keyBytes = record.key.length
  record.ttlSeconds = 0
  record.repeat = 1
  record.valueBytes = valueBytes
  if (command === 'set' || command === 'setnx') {
    const ex = args.findIndex((arg, index) => index > 2 && /^(ex|px)$/i.test(arg))
    if (ex > 0) record.ttlSeconds = Math.ceil(Number(args[ex + 1]) / (args[ex].toLowerCase() === 'px' ? 1000 : 1)) || 0
  } else if (command === 'setex' || command === 'psetex') {
    record.ttlSeconds = Math.ceil(Number(args[2]) / (command === 'psetex' ? 1000 : 1)) || 0
  }
}
