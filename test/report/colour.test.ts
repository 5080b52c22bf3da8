import {describe, expect, it} from 'vitest'
import {painter, shouldUseColour} from '../../src/report/colour.js'

describe('shouldUseColour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, {NO_COLOR: '1'}, false],
    [true, {NO_COLOR: ''}, true], // an empty NO_COLOR counts as unset (no-color.org)
    [false, {FORCE_COLOR: '1'}, true],
    [false, {FORCE_COLOR: 'true'}, true],
    [true, {FORCE_COLOR: '0'}, false],
    [true, {FORCE_COLOR: 'false'}, false],
    [false, {FORCE_COLOR: ''}, false],
    [false, {FORCE_COLOR: '1', NO_COLOR: '1'}, false],
    [true, {TERM: 'dumb'}, false],
  ])('TTY %s with %j → %s', (isTTY, env, expected) => {
    expect(shouldUseColour({isTTY}, env)).toBe(expected)
  })
})

describe('painter', () => {
  it('wraps text in ANSI codes only when colour is on', () => {
    expect(painter(false)('green', 'PASS')).toBe('PASS')
    expect(painter(true)('green', 'PASS')).toBe('\u001b[32mPASS\u001b[39m')
    expect(painter(true)('red', 'FAIL')).toBe('\u001b[31mFAIL\u001b[39m')
  })
})
