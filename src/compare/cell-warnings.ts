import type {Comparison} from './comparison.js'

/**
 * The cells' warnings, each sentence once, with the cells it concerns ("all cells" when every one):
 * a run prints its warnings under its figures, and a comparison must not drop them (an origin
 * queue that dropped starts, a cache setting the target ignored, a TTL rarely meant).
 */
export function cellWarnings(comparison: Comparison): string[] {
  const cellsOf = new Map<string, string[]>()
  for (const result of comparison.results) {
    for (const warning of new Set(result.warnings)) {
      const cells = cellsOf.get(warning) ?? []
      cells.push(result.cell.label)
      cellsOf.set(warning, cells)
    }
  }
  const all = comparison.results.length
  const everyCell = ([, cells]: [string, string[]]): boolean => cells.length === all && all > 1
  // What concerns every cell first, then the rest as the cells met them.
  const ordered = [...cellsOf].sort((a, b) => Number(everyCell(b)) - Number(everyCell(a)))
  return ordered.map((entry) => `${everyCell(entry) ? 'all cells' : entry[1].join(', ')}: ${entry[0]}`)
}
