import {describe, expect, it} from 'vitest'
import {truncate, wrapText} from '../../src/report/wrap.js'

describe('wrapText', () => {
  it('keeps short text on one line', () => {
    expect(wrapText('hit ratio 93.4%', 80)).toEqual(['hit ratio 93.4%'])
  })

  it('breaks at spaces, indents continuation lines and keeps every word in order', () => {
    const text = 'the quick brown fox jumps over the lazy dog '.repeat(5).trim()
    const lines = wrapText(text, 30, 4, 'fox ')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30)
    expect(lines[0].startsWith('fox the')).toBe(true)
    for (const line of lines.slice(1)) expect(line.startsWith('    ') && line[4] !== ' ').toBe(true)
    expect(lines.join(' ').replace(/^fox /, '').split(/\s+/).join(' ')).toBe(text)
  })

  it('cuts words longer than a line', () => {
    const word = 'x'.repeat(50)
    const lines = wrapText(word, 20, 2)
    expect(lines.map((line) => line.length)).toEqual([20, 20, 14]) // 20 + 18 + 12 = 50 characters of text
    expect(lines.join('').replace(/ /g, '')).toBe(word)
  })

  it('keeps the spacing between words as written', () => {
    expect(wrapText('PASS  a >= 1  (actual 2)', 80)).toEqual(['PASS  a >= 1  (actual 2)'])
  })

  it('survives an indent as wide as the line', () => {
    const lines = wrapText('aaaa bbbb cccc', 5, 10)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(5)
    expect(lines.join('').replace(/ /g, '')).toBe('aaaabbbbcccc')
  })
})

describe('truncate', () => {
  it('marks the cut with an ellipsis and never exceeds the maximum', () => {
    expect(truncate('origin.write', 12)).toBe('origin.write')
    expect(truncate('origin.writes', 12)).toBe('origin.writ…')
    expect(truncate('origin.writes', 12)).toHaveLength(12)
  })
})
