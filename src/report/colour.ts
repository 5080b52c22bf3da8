/**
 * Colour only when a person is likely watching: a TTY, and `NO_COLOR` (https://no-color.org)
 * not set to a non-empty value. `FORCE_COLOR` (any value but `0`/`false`) turns it on even
 * when piped, e.g. for CI logs that render ANSI; `NO_COLOR` still wins over it.
 */
export function shouldUseColour(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false
  const force = env.FORCE_COLOR
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false'
  return stream.isTTY === true && env.TERM !== 'dumb'
}

const ANSI_CODES = {
  bold: [1, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const

export type Paint = keyof typeof ANSI_CODES

/** A painter that wraps text in ANSI codes, or returns it untouched when colour is off. */
/** Wraps text in a style, or returns it untouched when colour is off. */
export type Painter = (paint: Paint, text: string) => string

export function painter(colour: boolean): Painter {
  if (!colour) return (_paint, text) => text
  return (paint, text) => {
    const [on, off] = ANSI_CODES[paint]
    return `\u001b[${on}m${text}\u001b[${off}m`
  }
}
