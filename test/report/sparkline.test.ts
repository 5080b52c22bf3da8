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
})
