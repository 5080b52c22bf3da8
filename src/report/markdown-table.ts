/**
 * Text from a workload, catalog or server (a name, a warning) as Markdown shows it literally:
 * HTML tags and entities and the characters of emphasis, links and code are escaped, so a name
 * like `<b>x` or `a_b_c` reads as written in a step summary instead of being taken as markup.
 */
export function markdownText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]]/g, '\\$&')
    .replaceAll('\n', ' ')
}

/** A GitHub-flavoured Markdown table; pipes and newlines in cells are escaped so rows stay rows. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('left' | 'right')[]): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')
  const rule = head.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'))
  return [head, rule, ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n')
}

/** GitHub refuses step summaries over 1 MiB and collapses long ones; ours stay under 64 KB. */
export const MARKDOWN_LIMIT = 64 * 1024

/** Cuts a report at a line boundary so it fits the limit, saying so. */
export function fitMarkdown(text: string, limit = MARKDOWN_LIMIT): string {
  if (Buffer.byteLength(text) <= limit) return text
  const note = '\n\n_(report cut to fit 64 KB; the full figures are in the JSON result)_\n'
  let cut = text.slice(0, limit - note.length)
  while (Buffer.byteLength(cut) > limit - note.length) cut = cut.slice(0, -1024)
  return `${cut.slice(0, cut.lastIndexOf('\n'))}${note}`
}
