import {describe, expect, it} from 'vitest'
import {cli, cliStartupMs} from '../helpers/cli.js'
import {MEMCACHED_CLIENTS, withClient} from '../helpers/memcached-clients.js'
import {startMemcached} from '../servers/memcached-servers.js'
import {startRedis} from '../servers/redis-servers.js'
import {freePort} from '../servers/server-process.js'
import {onClient, REDIS_CLIENTS} from '../helpers/redis-clients.js'

// Wall-clock bounds on how long the command takes, measured beyond its own start-up right now.
describe('a server that never answers: exit 3 within --connect-timeout, not the 3 s default', () => {
  it.each(MEMCACHED_CLIENTS)('memcached (%s client): nothing listening exits 3 at once, one sentence naming the endpoint', async (client) => {
    const port = await freePort()
    const startup = await cliStartupMs()
    const started = Date.now()
    const run = await cli(['run', 'read-heavy', '--target', withClient(`memcached://127.0.0.1:${port}`, client), '--operations', '30000'])
    expect(run.exitCode).toBe(3)
    expect(run.stderr.trim()).toBe(`Error: Cannot connect to memcached at 127.0.0.1:${port}: connection refused.`)
    // Refused at once: no waiting for the 3 s default connect timeout beyond start-up.
    expect(Date.now() - started - startup).toBeLessThan(2000)
  })

  // With credentials the memjs client speaks (SASL needs the binary protocol); without, the lean one.
  it.each(['bench:hunter2@', ''])('memcached (credentials "%s"): one sentence naming the endpoint, and the password appears nowhere', async (credentials) => {
    // A real memcached, frozen: the kernel still accepts connections, nothing ever replies.
    const hung = await startMemcached()
    await hung.process.freeze()
    try {
      const startup = await cliStartupMs()
      const started = Date.now()
      const run = await cli(['run', 'read-heavy', '--target', `memcached://${credentials}127.0.0.1:${hung.port}`, '--connect-timeout', '500ms', '--operations', '30000'])
      const elapsed = Date.now() - started
      expect(run.exitCode).toBe(3)
      expect(run.stderr.trim()).toBe(`Error: Cannot connect to memcached at 127.0.0.1:${hung.port}: no answer within 500 ms.`)
      expect(run.stdout + run.stderr).not.toContain('hunter2')
      // Start-up plus the 500 ms budget: well below start-up plus the default 3 s.
      expect(elapsed - startup).toBeLessThan(2000)
    } finally {
      hung.process.thaw()
      await hung.stop()
    }
  })

  it.each(REDIS_CLIENTS)('redis on the %s client: an unreachable port exits 3 at once; a frozen server within the connect timeout', async (client) => {
    const closedPort = await freePort()
    const closedUrl = onClient(`redis://127.0.0.1:${closedPort}`, client)
    const refused = await cli(['run', 'read-heavy', '--target', closedUrl])
    expect(refused.exitCode).toBe(3)
    expect(refused.stderr.trim()).toBe(`Error: Cannot connect to ${closedUrl}: connection refused.`)

    // A real redis-server, frozen: the kernel still accepts connections, nothing ever replies.
    const hung = await startRedis()
    await hung.freeze()
    try {
      const startup = await cliStartupMs()
      const started = Date.now()
      const hungUrl = onClient(`redis://127.0.0.1:${hung.port}`, client)
      const result = await cli(['run', 'read-heavy', '--target', hungUrl, '--connect-timeout', '700ms'])
      const elapsed = Date.now() - started
      expect(result.exitCode).toBe(3)
      expect(result.stderr.trim()).toBe(`Error: Cannot connect to ${hungUrl} within 700 ms.`)
      expect(elapsed).toBeGreaterThanOrEqual(700)
      // Start-up plus the 700 ms budget: well below start-up plus the default 3 s.
      expect(elapsed - startup).toBeLessThan(700 + 1500)
    } finally {
      hung.signal('SIGCONT')
      await hung.stop()
    }
  })
})
