const FALLBACK_WIDTH = 80
/** Below this, tables cannot be laid out at all; a narrower terminal wraps them. */
const MIN_WIDTH = 40

/**
 * Columns to lay reports out in: the terminal's own width; when stdout is not a terminal (piped,
 * redirected), COLUMNS from the environment as shells export it; else 80.
 */
export function terminalWidth(stream: {isTTY?: boolean; columns?: number}, env: NodeJS.ProcessEnv): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return Math.max(MIN_WIDTH, stream.columns)
  const fromEnv = Number(env.COLUMNS)
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv)
  return FALLBACK_WIDTH
}
