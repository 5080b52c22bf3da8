import {describe, expect, it} from 'vitest'
import {CLIENT_SCRIPT} from '../../src/report/html/client-script.js'
import {diffResults} from '../../src/diff/diff-results.js'
import {diffHtmlRenderer} from '../../src/report/diff/html.js'
import type {ChartSpec} from '../../src/report/html/chart-spec.js'
import {curveChart} from '../../src/report/html/curve-chart.js'
import {createResultFixture} from '../fixtures/result.js'

/** One named function of the page's script, to call here as the page would. */
function pageFunction(name: string): (value: number | null) => string {
  const source = new RegExp(`function ${name}\\(v\\) \\{[\\s\\S]*?\\n  \\}`).exec(CLIENT_SCRIPT)
  if (source === null) throw new Error(`no function ${name} in the page's script`)
  return new Function(`${source[0]}; return ${name};`)() as (value: number | null) => string
}

describe("the HTML page's axis labels", () => {
  it('labels a size axis at powers of ten, short enough for the last to fit (100k, 1M, 1G), and leaves the minor ticks blank', () => {
    const decade = pageFunction('decade')
    expect([1, 10, 1e5, 1e6, 1e8, 1e9, 1e12].map(decade)).toEqual(['1', '10', '100k', '1M', '100M', '1G', '1T'])
    expect([2e5, 3e6, 5e8, null, 0].map(decade)).toEqual(['', '', '', '', ''])
    const chart = curveChart({id: 'c', title: 't', unit: 'bytes', points: [{capacityBytes: 1000, hitRatio: 0.5, missRatio: 0.5, originReadsPerSec: null}]})
    expect(chart.xTicks).toBe('decades')
  })

  it('numbers the gates of a diff on whole ticks: no gate 1.1 between gate 1 and gate 2', () => {
    const base = createResultFixture()
    const diff = diffResults(base, base, {failOn: ['read.p99 > +10%', 'hitRatio < -0.01'], allowMismatch: false, files: {base: 'a.json', next: 'b.json'}})
    const page = diffHtmlRenderer.render(diff, {colour: false, width: 80})
    const charts = JSON.parse(/<script type="application\/json" id="cb-charts">(.*?)<\/script>/s.exec(page)![1]) as ChartSpec[]
    expect(charts.map((chart) => [chart.x, chart.xTicks])).toEqual([[[1, 2], 'whole']])
    expect(CLIENT_SCRIPT).toMatch(/spec\.xTicks === 'whole'\s*\? \{ label: spec\.xLabel, incrs: \[1, 2, 5,/)
  })
})
