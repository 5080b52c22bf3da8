import type {Result} from '../../metrics/result.js'
import {completionCase, gateCases, thresholdCases} from '../junit-cases.js'
import {junitXml} from '../junit-xml.js'
import type {Renderer} from '../renderer.js'

/** One test case for the run, one per threshold and one per gate against the baseline. */
export const resultJunitRenderer: Renderer<Result> = {
  name: 'junit',
  render(result) {
    const classname = `cache-bench.${result.workload.name}`
    return junitXml([
      {
        name: `cache-bench ${result.workload.name} on ${result.target.kind}`,
        timestamp: result.startedAt,
        time: result.wallMs / 1000,
        properties: {target: result.target.url, strategy: result.strategy.name, seed: String(result.seed)},
        cases: [completionCase(result, classname), ...thresholdCases(result.thresholds, `${classname}.thresholds`), ...gateCases(result.gates ?? [], `${classname}.gates`)],
      },
    ])
  },
}
