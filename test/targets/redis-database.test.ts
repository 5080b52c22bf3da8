import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {onClient, REDIS_CLIENTS} from '../helpers/redis-clients.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

describe.each(REDIS_CLIENTS)('the database a redis:// URL names, %s client', (client) => {
  let server: RedisServer
  beforeAll(async () => {
    // Four databases: 0 to 3.
    server = await startRedis({config: ['--databases', '4']})
  })
  afterAll(async () => server?.stop())

  const dbsize = async (db: number) => Number((await server.cli('-n', String(db), 'DBSIZE')).trim())

  it('is where the run writes its keys', async () => {
    const run = await cli(['run', 'read-heavy', '--target', onClient(`${server.url}/3`, client), '--operations', '2000', '--warmup', '0', '--keep-keys', '--key-prefix', `db3${client}:`])
    expect(run.exitCode).toBe(0)
    expect(await dbsize(3)).toBeGreaterThan(0)
    expect(await dbsize(0)).toBe(0)
    await server.cli('FLUSHALL')
  })

  it('past the server\'s databases is bad input naming the URL (exit 2), and nothing is written anywhere', async () => {
    const url = onClient(`${server.url}/5`, client)
    const run = await cli(['run', 'read-heavy', '--target', url, '--operations', '2000', '--warmup', '0', '--keep-keys'])
    // Before, the ioredis path ran in database 0 (exit 0) and the lean path exited 3, as if the server were down.
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toBe(
      `Error: ${url} names a database the server does not have (ERR DB index is out of range); its databases are numbered from 0 to its "databases" setting less one (16 by default).`,
    )
    for (const db of [0, 1, 2, 3]) expect(await dbsize(db)).toBe(0)
  })
})
