import {describe, expect, it} from 'vitest'
import {defaultTargetOptions} from '../../src/targets/target-options.js'
import {resolveTargetKind} from '../../src/targets/target-registry.js'
import {RealClock} from '../../src/time/real-clock.js'
import {cli} from '../helpers/cli.js'
import {testWorkload} from '../helpers/workload.js'
import {MEMCACHED_CLIENTS, withClient} from '../helpers/memcached-clients.js'
import {startMemcached} from '../servers/memcached-servers.js'
import {startRedis} from '../servers/redis-servers.js'
import {freePort} from '../servers/server-process.js'
import {onClient, REDIS_CLIENTS} from '../helpers/redis-clients.js'

/**
 * How long the run's own connect path (the target as a run creates it, then connect()) takes to
 * give up on `url`, timed in this process: the command's start-up, which a loaded machine
 * stretches by seconds, is not in the figure. The command itself is checked for exit code and
 * sentence separately.
 */
async function connectFailure(url: string, connectTimeoutMs: number): Promise<{ms: number; message: string}> {
  const {url: parsed, kind} = resolveTargetKind(url)
  const options = {...defaultTargetOptions(), connectTimeoutMs}
  const target = await kind.create(parsed, {workload: testWorkload({}), clock: new RealClock(), options})
  const started = performance.now()
  try {
    await target.connect()
  } catch (error) {
    return {ms: performance.now() - started, message: (error as Error).message}
  } finally {
    await target.close()
  }
  throw new Error(`${url} accepted the connection`)
}

// Exit code and sentence through the command; how long giving up takes through the connect path.
describe('a server that never answers: exit 3 within --connect-timeout, not the 3 s default', () => {
  it.each(MEMCACHED_CLIENTS)('memcached (%s client): nothing listening exits 3 at once, one sentence naming the endpoint', async (client) => {
    const port = await freePort()
    const url = withClient(`memcached://127.0.0.1:${port}`, client)
    const run = await cli(['run', 'read-heavy', '--target', url, '--operations', '30000'])
    expect(run.exitCode).toBe(3)
    expect(run.stderr.trim()).toBe(`Error: Cannot connect to memcached at 127.0.0.1:${port}: connection refused.`)
    // Refused at once: no waiting for the 3 s default connect timeout.
    const refused = await connectFailure(url, 3000)
    expect(refused.message).toContain('connection refused')
    expect(refused.ms).toBeLessThan(1000)
  })

  // With credentials the memjs client speaks (SASL needs the binary protocol); without, the lean one.
  it.each(['bench:hunter2@', ''])('memcached (credentials "%s"): one sentence naming the endpoint, and the password appears nowhere', async (credentials) => {
    // A real memcached, frozen: the kernel still accepts connections, nothing ever replies.
    const hung = await startMemcached()
    await hung.process.freeze()
    try {
      const url = `memcached://${credentials}127.0.0.1:${hung.port}`
      const run = await cli(['run', 'read-heavy', '--target', url, '--connect-timeout', '500ms', '--operations', '30000'])
      expect(run.exitCode).toBe(3)
      expect(run.stderr.trim()).toBe(`Error: Cannot connect to memcached at 127.0.0.1:${hung.port}: no answer within 500 ms.`)
      expect(run.stdout + run.stderr).not.toContain('hunter2')
      // The 500 ms budget, well below the default 3 s (the slack is the node's coarse deadline sweep).
      const gaveUp = await connectFailure(url, 500)
      expect(gaveUp.message).toContain('no answer within 500 ms')
      expect(gaveUp.ms).toBeGreaterThanOrEqual(490)
      expect(gaveUp.ms).toBeLessThan(1500)
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
      const hungUrl = onClient(`redis://127.0.0.1:${hung.port}`, client)
      const result = await cli(['run', 'read-heavy', '--target', hungUrl, '--connect-timeout', '700ms'])
      expect(result.exitCode).toBe(3)
      expect(result.stderr.trim()).toBe(`Error: Cannot connect to ${hungUrl} within 700 ms.`)
      // The 700 ms budget, well below the default 3 s.
      const gaveUp = await connectFailure(hungUrl, 700)
      expect(gaveUp.message).toBe(`Cannot connect to ${hungUrl} within 700 ms.`)
      expect(gaveUp.ms).toBeGreaterThanOrEqual(690)
      expect(gaveUp.ms).toBeLessThan(700 + 1000)
    } finally {
      hung.signal('SIGCONT')
      await hung.stop()
    }
  })
})
