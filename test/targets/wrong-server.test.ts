import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {redisAndMemcachedForFile} from '../servers/redis-and-memcached.js'

describe('a target URL naming the port of another kind of server', () => {
  const servers = redisAndMemcachedForFile()

  it('says the server does not speak the protocol, with exit 3, for each client', async () => {
    const {redis, memcached} = servers
    const onMemcached = `redis://127.0.0.1:${memcached.port}`
    const onRedis = `memcached://127.0.0.1:${redis.port}`
    const runs = await Promise.all(
      [onMemcached, `${onMemcached}?client=ioredis`, onRedis].map((target) => cli(['run', 'read-heavy', '--operations', '2000', '--warmup', '0', '--target', target])),
    )
    for (const run of runs) expect(run.exitCode).toBe(3)
    // memcached answers Redis's first command with "ERROR"; Redis answers memcached's "stats" with "-ERR …".
    expect(runs[0].stderr).toBe(`Error: Cannot connect to ${onMemcached}: it does not answer in the Redis protocol (a reply starting with "E", byte 0x45), so something other than Redis listens on this port.`)
    // ioredis reports the same through its connection's state, whose wording depends on timing: one sentence, no stack.
    expect(runs[1].stderr).toMatch(/^Error: Cannot connect to redis:\/\/127\.0\.0\.1:\d+\?client=ioredis: [^\n]+\.$/)
    expect(runs[2].stderr).toMatch(new RegExp(`^Error: Cannot connect to memcached at 127\\.0\\.0\\.1:${redis.port}: it does not answer as memcached does \\(it sent "-ERR unknown command [^\\n]*"\\), so something other than memcached listens on this port\\.$`))
  })

  it('passes on the refusal of a password the server does not use, in one sentence, the password hidden', async () => {
    const target = `redis://:not-the-password@127.0.0.1:${servers.redis.port}`
    const run = await cli(['run', 'read-heavy', '--operations', '2000', '--warmup', '0', '--target', target])
    expect(run.exitCode).toBe(3)
    // Redis's own message ends with a question mark: no full stop is put after it.
    expect(run.stderr).toMatch(/^Error: Cannot connect to redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: ERR AUTH [^\n]*\?$/)
    expect(run.stderr).not.toContain('not-the-password')
  })
})
