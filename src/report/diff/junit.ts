import type {DiffReport} from '../../diff/diff-report.js'
import {gateCases} from '../junit-cases.js'
import {junitXml} from '../junit-xml.js'
import type {Renderer} from '../renderer.js'

/** One test case per gate; a diff without gates is one passing case saying the results were compared. */
export const diffJunitRenderer: Renderer<DiffReport> = {
  name: 'junit',
  render(diff) {
    const classname = `cache-bench.diff.${diff.new.workload}`
    const cases = diff.gates.length > 0 ? gateCases(diff.gates, classname) : [{name: 'results compared', classname}]
    return junitXml([{name: `cache-bench diff ${diff.new.workload}`, properties: {mode: diff.mode, baseline: diff.base.file ?? '', mismatched: String(diff.mismatches.length > 0)}, cases}])
  },
}
