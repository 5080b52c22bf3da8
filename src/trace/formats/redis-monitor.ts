import {BadRecord, operationOf, type TraceRecord} from '../trace-record.js'
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

export const redisMonitorFormat: TraceFormat = {
  name: 'redis-monitor',
  description: 'Redis MONITOR output: time [db client] "command" "arg" …',
  open: (file) =>
    lineReader(file, (line, record) => {
      if (line === '' || line === 'OK' || line === '+OK') return false
      const match = LINE.exec(line)
      if (match === null) throw new BadRecord('expected `<time> [<db> <client>] "<command>" …` as MONITOR prints it')
      const parsed = monitorArguments(match[2])
      if (parsed.args.length === 0) throw new BadRecord('expected a quoted command after the client')
      fillFromCommand(record, Number(match[1]) * 1000, parsed)
      return true
    }),
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
