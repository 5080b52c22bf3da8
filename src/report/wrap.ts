/**
 * Breaks text into lines of at most `width` characters at spaces. The first line starts with
 * `lead` (kept verbatim, e.g. a padded label), continuation lines with `indent` spaces. Words
 * longer than a line (URLs, long names) are cut, so no line is ever wider than `width`.
 */
export function wrapText(text: string, width: number, indent = 0, lead = ''): string[] {
  width = Math.max(1, Math.floor(width))
  // At least one character of every line must be text, or long words would never shrink.
  const pad = ' '.repeat(Math.max(0, Math.min(indent, width - 1)))
  const lines: string[] = []
  let line = lead.length < width ? lead : lead.slice(0, width - 1)
  let empty = true
  const startNewLine = (): void => {
    lines.push(line)
    line = pad
    empty = true
  }
  // Whitespace between words is kept as written (e.g. double spaces used as column gaps),
  // except where a line breaks.
  for (const [, gap, word] of text.matchAll(/(\s*)(\S+)/g)) {
    const separator = empty ? '' : gap.replace(/\s/g, ' ')
    if (line.length + separator.length + word.length <= width) {
      line += separator + word
      empty = false
      continue
    }
    if (!empty) startNewLine()
    let rest = word
    while (line.length + rest.length > width) {
      const room = width - line.length
      line += rest.slice(0, room)
      rest = rest.slice(room)
      startNewLine()
    }
    line += rest
    empty = rest === ''
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd())
  return lines
}

/** Cuts text to `maxLength` characters, marking the cut with an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, Math.max(0, maxLength - 1))}…`
}
