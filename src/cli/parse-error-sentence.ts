import {stripVTControlCharacters} from 'node:util'
import {suggestNearest} from '../workload/suggest.js'

/**
 * oclif words a parse error over several lines — "Parsing --workers", a tab-indented reason,
 * "See more help with --help" — and the first line alone says nothing. This keeps every line
 * that carries the reason and joins them into the one sentence the user sees.
 */
export function parseErrorSentence(message: string, command: string, knownFlags: readonly string[] = []): string {
  const lines = stripVTControlCharacters(message)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help with --help$/.test(line))
  // oclif's checks across flags (a required flag left out, flags that exclude each other) come
  // under a heading; the reasons themselves are the lines after it.
  if (/^The following errors? occurred:$/.test(lines[0] ?? '')) lines.shift()
  const [first = '', ...rest] = lines
  const help = `see "cache-bench ${command} --help"`
  const required = /^Missing required flag (\S+)$/.exec(first)
  if (required && rest.length === 0) return `--${required[1]} is required; ${help}.`
  const parsing = /^Parsing (--\S+)$/.exec(first)
  if (parsing) return `${parsing[1]}: ${withoutEnd(rest.join(' '))}; ${help}.`
  const unknown = /^Nonexistent flags?: (.+)$/.exec(first)
  if (unknown) return unknownFlagsSentence(
      // "--opertions=5" names the flag with its value.
      unknown[1].split(/,\s*/).map((flag) => flag.replace(/=.*$/, '')),
      command,
      knownFlags,
    )
  const missing = /^Missing \d+ required args?:?$/.exec(first)
  if (missing) {
    // The rest lists "NAME  description" per argument, then oclif's note about multi-value flags.
    const names = rest.filter((line) => !/^(Note:|Alternatively)/.test(line)).map((line) => line.split(/\s{2,}/)[0].toUpperCase())
    return `missing ${names.length === 1 ? 'the argument' : 'the arguments'} ${names.join(', ')}; ${help}.`
  }
  return `${withoutEnd([first, ...rest].join(' '))}; ${help}.`
}

/** Unknown flags, each with the known flag nearest to it when one is close enough to be a typo of it. */
function unknownFlagsSentence(flags: readonly string[], command: string, knownFlags: readonly string[]): string {
  const longNames = knownFlags.map((name) => `--${name}`)
  const nearest = (flag: string): string | undefined => (flag.startsWith('--') ? suggestNearest(flag, longNames) : undefined)
  const help = `"cache-bench ${command} --help"`
  if (flags.length === 1) {
    const [flag] = flags
    const suggestion = nearest(flag)
    return `${flag} is not a flag of "cache-bench ${command}"; ${suggestion ? `did you mean ${suggestion}? See ${help}` : `see ${help}`}.`
  }
  const named = flags.map((flag) => {
    const suggestion = nearest(flag)
    return suggestion ? `${flag} (did you mean ${suggestion}?)` : flag
  })
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)} are not flags of "cache-bench ${command}"; see ${help}.`
}

function withoutEnd(text: string): string {
  return text.replace(/[.\s]+$/, '')
}
