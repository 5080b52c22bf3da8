import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CellResult} from '../../src/compare/comparison.js'
import {cli} from '../helpers/cli.js'
import {waitFor} from '../helpers/wait-for.js'
import {startRedis} from '../servers/redis-servers.js'

describe('compare --out on a server lost after its first cell', () => {
  it('fails (exit 3) saying where the cells it finished are, and those cells are written', async () => {
    const server = await startRedis()
    try {
      const out = join(mkdtempSync(join(tmpdir(), 'cb-compare-lost-')), 'cells')
      const running = cli(['compare', 'read-heavy', '--ttl', '1s,2s,3s,4s,5s', '--operations', '20000', '--warmup', '0', '--target', server.url, '--out', out])
      const first = join(out, '01-ttl-1s.json')
      // Each cell's result is written as it ends: the server dies once the first is on disk.
      await waitFor(() => existsSync(first), 'the first cell to be written')
      await server.kill()
      const run = await running
      expect(run.exitCode).toBe(3)
      // The cell under way at the kill may end with its errors counted (then it is kept too) or not;
      // a later one cannot connect (or loses its connection while it sets up). Five cells leave
      // seconds of cells after the kill, however late a busy machine's polling sees the file.
      expect(run.stderr.trim()).toMatch(new RegExp(`^Error: [^\\n]+\\. The (cell|\\d cells) finished before it (is|are) in ${out.replace(/[.]/g, '\\.')}\\.$`))
      const kept = JSON.parse(readFileSync(first, 'utf8')) as CellResult
      expect(kept.cell.label).toBe('ttl 1s')
      expect(kept.complete).toBe(true)
      expect(kept.summary.operations).toBe(20_000)
      // Before, nothing was written until every cell had run.
      expect(existsSync(join(out, 'comparison.json'))).toBe(false)
    } finally {
      await server.stop()
    }
  })
})
