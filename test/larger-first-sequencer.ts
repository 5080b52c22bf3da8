import {readFileSync, statSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {BaseSequencer, type TestSpecification} from 'vitest/node'

/**
 * Vitest's own order, but on a checkout with no timings of earlier runs (every CI run) a file that
 * only calls shared cases (`defineTests` of test/targets/*-cases.ts, one file per client) weighs
 * as much as those cases. Vitest then starts larger files first, as it means to: the few-line
 * client files, among the longest of the suite, otherwise started last and ran alone at its end.
 */
export class LargerFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const timed = sorted.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`) !== undefined)
    if (timed) return sorted
    // Stable: projects and groups keep vitest's order; within a project, heavier first.
    const position = new Map(sorted.map((file, index) => [file, index]))
    return sorted.sort((a, b) => {
      if (a.project !== b.project) return (position.get(a) ?? 0) - (position.get(b) ?? 0)
      return weight(b.moduleId) - weight(a.moduleId) || (position.get(a) ?? 0) - (position.get(b) ?? 0)
    })
  }
}

const CASES_IMPORT = /from '(\.\/[\w-]+-cases)\.js'/g

function weight(file: string): number {
  const text = readFileSync(file, 'utf8')
  let bytes = Buffer.byteLength(text)
  for (const [, cases] of text.matchAll(CASES_IMPORT)) bytes += statSync(join(dirname(file), `${cases}.ts`)).size
  return bytes
}
