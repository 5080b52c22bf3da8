import {pointSize, type MrcPoint} from '../../mrc/mrc-result.js'
import type {SizeUnit} from '../../mrc/size-grid.js'
import {formatCurveSize} from '../../mrc/render-mrc.js'
import type {ChartSpec} from './chart-spec.js'

/** Hit ratio against cache size on a log size axis (a log axis has no place for size 0), the chosen size marked when there is one. */
export function curveChart(options: {
  id: string
  title: string
  unit: SizeUnit
  points: readonly MrcPoint[]
  chosen?: number
  /** Further sizes to mark, e.g. where whole nodes of a type end; those outside the curve are left out. */
  boundaries?: readonly {x: number; label: string}[]
}): ChartSpec {
  const points = options.points.filter((point) => pointSize(point) > 0)
  const chosen = options.chosen
  return {
    id: options.id,
    title: options.title,
    xLabel: options.unit === 'items' ? 'cache size (items)' : 'cache size (bytes)',
    yLabel: 'hit ratio %',
    xLog: true,
    xTicks: 'decades',
    x: points.map(pointSize),
    series: [{label: 'hit ratio %', values: points.map((point) => point.hitRatio * 100)}],
    marks: [
      ...(chosen === undefined ? [] : [{x: chosen, label: `chosen: ${formatCurveSize(options.unit, chosen)}`}]),
      ...(options.boundaries ?? []).filter((mark) => points.length > 0 && mark.x >= pointSize(points[0]) && mark.x <= pointSize(points[points.length - 1])),
    ],
  }
}
