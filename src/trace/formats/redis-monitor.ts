import {BadRecord, operationOf, type TraceRecord} from '../trace-record.js'
import type {TraceFormat} from '../trace-format.js'
import {lineReader} from './line-format.js'

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
      const args = quotedArguments(match[2])
      if (args.length === 0) throw new BadRecord('expected a quoted command after the client')
      fillFromCommand(record, Number(match[1]) * 1000, args)
      return true
    }),
}

function fillFromCommand(record: TraceRecord, timeMs: number, args: string[]): void {
  const command = args[0].toLowerCase()
  record.timeMs = timeMs
  record.command = command
  record.operation = args.length > 1 ? operationOf(command) : null
  record.key = args[1] ?? ''
  record.keyBytes = Buffer.byteLength(record.key)
  record.ttlSeconds = 0
  record.repeat = 1
  record.valueBytes = 0
  if (command === 'set' || command === 'setnx') {
    record.valueBytes = Buffer.byteLength(args[2] ?? '')
    const ex = args.findIndex((arg, index) => index > 2 && /^(ex|px)$/i.test(arg))
    if (ex > 0) record.ttlSeconds = Math.ceil(Number(args[ex + 1]) / (args[ex].toLowerCase() === 'px' ? 1000 : 1)) || 0
  } else if (command === 'setex' || command === 'psetex') {
    record.valueBytes = Buffer.byteLength(args[3] ?? '')
    record.ttlSeconds = Math.ceil(Number(args[2]) / (command === 'psetex' ? 1000 : 1)) || 0
  }
}

/** The quoted arguments of one MONITOR line, unescaped. */
export function quotedArguments(text: string): string[] {
  const args: string[] = []
  let index = 0
  while (index < text.length) {
    if (text[index] === ' ') {
      index++
      continue
    }
    if (text[index] !== '"') throw new BadRecord(`expected a quoted argument at column ${index + 1}`)
    let value = ''
    index++
    for (;;) {
      if (index >= text.length) throw new BadRecord('expected a closing quote')
      const char = text[index]
      if (char === '"') break
      if (char !== '\\') {
        value += char
        index++
        continue
      }
      const escaped = text[index + 1]
      if (escaped === 'x') {
        const code = Number.parseInt(text.slice(index + 2, index + 4), 16)
        if (Number.isNaN(code)) throw new BadRecord(`expected two hex digits after \\x at column ${index + 1}`)
        value += String.fromCharCode(code)
        index += 4
        continue
      }
      value += ESCAPES[escaped] ?? escaped
      index += 2
    }
    args.push(value)
    index++
  }
  return args
}

const ESCAPES: Record<string, string> = {n: '\n', r: '\r', t: '\t', a: '\u0007', b: '\b', '\\': '\\', '"': '"'}
