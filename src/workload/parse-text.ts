/**
 * Workload text → plain data. Syntax errors become one line naming the file, line and column.
 */
import {LineCounter, parseDocument} from 'yaml'
import {InputError} from '../errors.js'

export function parseWorkloadText(text: string, file: string): unknown {
  return /\.json$/i.test(file) ? parseJson(text, file) : parseYaml(text, file)
}

/** What the reader says of text nested past what its recursion can follow, instead of the engine's own words. */
const TOO_DEEP = 'the text nests lists or maps thousands of levels deep, past what can be read (a workload needs a few levels)'

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter()
  let document: ReturnType<typeof parseDocument>
  try {
    document = parseDocument(text, {lineCounter, prettyErrors: false})
  } catch (cause) {
    throw new InputError(`${file}: ${readable(cause)}`)
  }
  const error = document.errors[0]
  if (error) {
    const {line, col} = lineCounter.linePos(error.pos[0])
    throw new InputError(`${file}:${line}:${col}: ${readable(error)}`)
  }
  try {
    return document.toJS()
  } catch (cause) {
    // e.g. an alias that expands past the library's limit.
    throw new InputError(`${file}: ${readable(cause)}`)
  }
}

function readable(cause: unknown): string {
  const message = firstLine(messageOf(cause))
  return /Maximum call stack size exceeded/.test(message) ? TOO_DEEP : message
}

function parseJson(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  try {
    return JSON.parse(body)
  } catch (cause) {
    const message = firstLine(messageOf(cause))
    const {line, col} = jsonErrorPosition(message, body)
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)\s*$/, '')
    throw new InputError(`${file}:${line}:${col}: ${reason}`)
  }
}

/** Node reports either "at position N" or "(line L column C)", depending on its version. */
function jsonErrorPosition(message: string, text: string): {line: number; col: number} {
  const lineColumn = /line (\d+) column (\d+)/.exec(message)
  if (lineColumn) return {line: Number(lineColumn[1]), col: Number(lineColumn[2])}
  const position = /at position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : text.length
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return {line, col: offset - before.lastIndexOf('\n')}
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0].trim()
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
