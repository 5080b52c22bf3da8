/**
 * Text from a workload file (its name, its description) shown on a terminal. Raw control
 * characters could move the cursor, recolour or clear the screen (ESC sequences), and bidi
 * overrides such as U+202E reorder what follows, so a report could show something other than
 * what the file says. They are shown as escapes instead; tabs and line breaks become spaces.
 */
// C0 controls, DEL, C1 controls, and the Unicode bidi marks, embeddings, overrides and isolates.
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

export function printable(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(UNPRINTABLE, (character) => {
    const code = character.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
