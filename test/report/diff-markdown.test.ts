import {describe, expect, it} from 'vitest'
import {DIFF_SCHEMA, type DiffReport, type DiffSide} from '../../src/diff/diff-report.js'
import {getRenderer} from '../../src/report/renderers.js'

const OPTIONS = {colour: false, width: 80}

function side(file: string, seed: number): DiffSide {
  return {file, workload: '<b>cart</b> *v2* a_b & [x](y)', target: 'builtin://', strategy: 'lazy-loading', seed, clock: 'virtual', repetitions: 1}
}

describe('Markdown report of a diff', () => {
  it('shows the workload name and file names of its heading and notes as written, not as HTML or emphasis', () => {
    const diff: DiffReport = {
      schema: DIFF_SCHEMA,
      base: side('runs/main_base_*.json', 42),
      new: side('runs/pr_new_*.json', 7),
      mismatches: ['seed differs (baseline 42, new 7)'],
      mode: 'exact',
      significance: 0.05,
      changes: [],
      gates: [],
      notes: ['Compared despite differences: workload differs (baseline <i>a</i>, new b_c_d).'],
      pass: true,
    }
    const text = getRenderer('markdown', 'diff').render(diff, OPTIONS)
    expect(text).not.toMatch(/<\/?[bi]>/)
    expect(text).toContain('Diff of &lt;b&gt;cart&lt;/b&gt; \\*v2\\* a\\_b &amp; \\[x\\](y) on builtin://: baseline runs/main\\_base\\_\\*.json (1 run) vs new runs/pr\\_new\\_\\*.json (1 run)')
    expect(text).toContain('> Compared despite differences: workload differs (baseline &lt;i&gt;a&lt;/i&gt;, new b\\_c\\_d).')
  })
})
