import Table from 'cli-table3'

/**
 * A cli-table3 table that never emits ANSI codes of its own: its default style colours heads
 * and borders, which would leak escape codes into piped output. Callers colour cell text
 * themselves when colour is on (cli-table3 measures widths without the codes).
 */
export function plainTable(options: {head?: string[]; colAligns?: Table.HorizontalAlignment[]}): Table.Table {
  return new Table({
    head: options.head ?? [],
    colAligns: options.colAligns,
    // `compact` drops the rule between body rows; the one under the head stays.
    style: {head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true},
  })
}
