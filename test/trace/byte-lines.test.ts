import {describe, expect, it} from 'vitest'
import {ByteLines} from '../../src/trace/byte-lines.js'
import {seeded, traceDir, writeTrace} from './fixtures.js'

const dir = traceDir()

/** Lines of 0 to 200 bytes, some with "\r\n" ends, and one of 3 MiB: reads cut lines, and the buffer (1 MiB) must grow. */
function sampleText(): {text: string; lines: string[]} {
  const random = seeded(5)
  const lines: string[] = []
  for (let index = 0; index < 40_000; index++) {
    const length = Math.floor(random() * 200)
    lines.push(Array.from({length}, () => ',abcxyz019'[Math.floor(random() * 10)]).join(''))
  }
  lines.splice(20_000, 0, 'long,' + 'k'.repeat(3 << 20) + ',end')
  const text = lines.map((line, index) => line + (index % 7 === 0 ? '\r\n' : '\n')).join('')
  return {text, lines}
}

/** Where the commas of a line are, counted from the line's start: what the marks must say. */
function commasOf(line: string): number[] {
  const at: number[] = []
  for (let index = 0; index < line.length; index++) if (line[index] === ',') at.push(index)
  return at
}

describe('byte lines', () => {
  const {text, lines} = sampleText()

  it.each(['lines.txt', 'lines.txt.gz', 'lines.txt.zst'])('%s: every line, its number and its commas, across reads and a line longer than the buffer', (name) => {
    const file = writeTrace(dir, name, text)
    const reader = new ByteLines(file)
    const seen: string[] = []
    let commasRight = 0
    let numbersRight = 0
    while (reader.next(44)) {
      if (reader.lineNumber === seen.length + 1) numbersRight++
      const line = reader.text()
      seen.push(line)
      const marks = Array.from(reader.marks.subarray(0, reader.markCount), (at) => at - reader.start)
      // A "\r" before "\n" is not part of the line, and holds no comma, so the marks agree either way.
      if (JSON.stringify(marks) === JSON.stringify(commasOf(line))) commasRight++
    }
    reader.close()
    expect(seen.length).toBe(lines.length)
    expect(seen).toEqual(lines)
    expect(commasRight).toBe(lines.length)
    expect(numbersRight).toBe(lines.length)
  })

  it('a UTF-8 byte-order mark before the first line is not part of it', () => {
    const reader = new ByteLines(writeTrace(dir, 'bom.txt', '\uFEFFkey,op\na,get\n'))
    expect(reader.next(44)).toBe(true)
    expect([reader.text(), reader.marks[0] - reader.start]).toEqual(['key,op', 3])
    expect(reader.next(44)).toBe(true)
    expect(reader.text()).toBe('a,get')
    reader.close()
  })

  it('a last line without a line end is still a line', () => {
    const reader = new ByteLines(writeTrace(dir, 'open-end.txt', 'a,b\nc,d'))
    const seen: string[] = []
    while (reader.next()) seen.push(reader.text())
    reader.close()
    expect(seen).toEqual(['a,b', 'c,d'])
  })
})
