import {defineConfig} from 'vitest/config'

// Files that assert wall-clock timing are named *.serial.test.ts: they run after all the others,
// one file at a time, so CPU-heavy files running beside them cannot stretch what they measure.
const SERIAL = 'test/**/*.serial.test.ts'
// Files that replace a module with vi.mock get a module graph of their own; every other file of a
// worker shares one (isolate: false), which spares each file re-importing the sources and cut the
// CPU time of the unit test files by about a third.
const MOCKING = ['test/report/write-file-atomic-failure.test.ts']

export default defineConfig({
  test: {
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on servers and child processes rather than compute: three at once keep a
    // 2-core machine busy (vitest's default here would be one).
    maxWorkers: 3,
    projects: [
      {extends: true, test: {name: 'parallel', include: ['test/**/*.test.ts'], exclude: [SERIAL, ...MOCKING], isolate: false, sequence: {groupOrder: 0}}},
      {extends: true, test: {name: 'mocking', include: MOCKING, sequence: {groupOrder: 0}}},
      {extends: true, test: {name: 'serial', include: [SERIAL], fileParallelism: false, sequence: {groupOrder: 1}}},
    ],
  },
})
