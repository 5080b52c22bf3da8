const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

/** A 0..1 ratio as a horizontal bar `width` columns long at 1, in eighths of a column. */
export function ratioBar(ratio: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, ratio)) * width * 8)
  const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]
  return bar.padEnd(width)
}
