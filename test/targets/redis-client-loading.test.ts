import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'
import {onClient} from '../helpers/redis-clients.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

/**
 * Preloaded into the command: writes the URL of every module it loads to the file named by
 * MODULES_SEEN, one a line. The bundled command keeps ioredis in a file of its own whose name
 * changes with every build, so what tells it is the file's content, not its name.
 */
const RECORD_MODULES = `
import {register} from 'node:module'
register('data:text/javascript,' + encodeURIComponent(\`
  import {appendFileSync} from 'node:fs'
  export async function load(url, context, nextLoad) {
    if (url.startsWith('file:')) appendFileSync(process.env.MODULES_SEEN, url + '\\\\n')
    return nextLoad(url, context)
  }
\`))
`

function loadedIoredis(modulesSeen: string): boolean {
  const files = readFileSync(modulesSeen, 'utf8').split('\n').filter((line) => line !== '')
  expect(files.length).toBeGreaterThan(0)
  return files.some((url) => readFileSync(fileURLToPath(url), 'utf8').includes('node_modules/ioredis/built/'))
}

describe('which Redis client library a run loads', () => {
  let server: RedisServer
  let dir: string
  beforeAll(async () => {
    server = await startRedis()
    dir = mkdtempSync(join(tmpdir(), 'cb-loading-'))
    writeFileSync(join(dir, 'record-modules.mjs'), RECORD_MODULES)
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, {recursive: true, force: true})
  })

  const loads = async (client: 'lean' | 'ioredis'): Promise<boolean> => {
    const modulesSeen = join(dir, `${client}.txt`)
    writeFileSync(modulesSeen, '')
    const args = ['run', 'read-heavy', '--target', onClient(server.url, client), '--operations', '2000', '--warmup', '0', '--key-prefix', `loading-${client}:`, '--json']
    const run = await cli(args, {env: {NODE_OPTIONS: `--import ${join(dir, 'record-modules.mjs')}`, MODULES_SEEN: modulesSeen}})
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.target.client).toBe(client)
    expect(result.summary.operations).toBe(2000)
    return loadedIoredis(modulesSeen)
  }

  it('a run on the lean path never loads ioredis', async () => {
    expect(await loads('lean')).toBe(false)
  })

  it('a run on the ioredis path does (so the check above can see it)', async () => {
    expect(await loads('ioredis')).toBe(true)
  })
})
