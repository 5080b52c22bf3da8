import {describe, expect, it} from 'vitest'
import {sparkline} from '../../src/report/sparkline.js'

describe('sparkline', () => {
  it('draws an all-zero series at the bottom, not as full-height bars', () => {
    expect(sparkline([0, 0, 0, 0], 10)).toBe('▁▁▁▁')
  })

  it('scales from the smallest to the largest value, and leaves missing values blank', () => {
    // 0 → the lowest of 8 levels, 7 → the highest, 3.5 → level round(3.5) = 4.
    expect(sparkline([0, 7, null, 3.5], 10)).toBe('▁█ ▅')
  })

  it('draws a series flat when its values lie within 1% of its largest: 500 and 501 a second are not a drop', () => {
    expect(sparkline([501, 500, 500, 500, 499.5], 10)).toBe('█████')
    // 2% apart: a change worth a bar.
    expect(sparkline([510, 500], 10)).toBe('█▁')
  })
})
