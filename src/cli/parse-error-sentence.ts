import {stripVTControlCharacters} from 'node:util'

/**
 * oclif words a parse error over several lines — "Parsing --workers", a tab-indented reason,
 * "See more help with --help" — and the first line alone says nothing. This keeps every line
 * that carries the reason and joins them into the one sentence the user sees.
 */
export function parseErrorSentence(message: string, command: string): string {
  const lines = stripVTControlCharacters(message)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with --help$/.test(line))
  const [first = '', ...rest] = lines
  const help = `see "cache-bench ${command} --help"`
  const parsing = /^Parsing (--\S+)$/.exec(first)
  if (parsing) return `${parsing[1]}: ${withoutEnd(rest.join(' '))}; ${help}.`
  const missing = /^Missing \d+ required args?:?$/.exec(first)
  if (missing) {
    // The rest lists "NAME  description" per argument, then oclif's note about multi-value flags.
    const names = rest.filter((line) => !/^(Note:|Alternatively)/.test(line)).map((line) => line.split(/\s{2,}/)[0].toUpperCase())
    return `missing ${names.length === 1 ? 'the argument' : 'the arguments'} ${names.join(', ')}; ${help}.`
  }
  return `${withoutEnd([first, ...rest].join(' '))}; ${help}.`
}

function withoutEnd(text: string): string {
  return text.replace(/[.\s]+$/, '')
}
