import type {Comparison} from '../../compare/comparison.js'
import {completionCase, thresholdCases} from '../junit-cases.js'
import {junitXml} from '../junit-xml.js'
import type {Renderer} from '../renderer.js'

/** One suite per cell: the cell's run and its thresholds. */
export const comparisonJunitRenderer: Renderer<Comparison> = {
  name: 'junit',
  render(comparison) {
    return junitXml(
      comparison.results.map((result) => {
        const classname = `cache-bench.compare.${result.cell.label}`
        return {
          name: `${comparison.workload.name} ${result.cell.label}`,
          timestamp: result.startedAt,
          time: result.wallMs / 1000,
          cases: [completionCase(result, classname), ...thresholdCases(result.thresholds, classname)],
        }
      }),
    )
  },
}
