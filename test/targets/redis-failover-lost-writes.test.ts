import {describe, expect, it} from 'vitest'
import {REDIS_CLIENTS} from '../helpers/redis-clients.js'
import {waitFor} from '../helpers/wait-for.js'
import {expectLostWithin, failoverPair, lostOnPromotion} from './failover-pair.js'

describe.each(REDIS_CLIENTS)('failover to a replica whose replication had stopped (two local redis-server processes), %s client', (client) => {
  const pair = failoverPair(client)

  it('counts the acknowledged writes the replica never received when replication had stopped', async () => {
    // The replica can no longer sync: every write the primary acknowledges from now on is lost at promotion.
    await pair.primary.cli('ACL', 'SETUSER', 'default', '-psync', '-sync')
    await pair.primary.cli('CLIENT', 'KILL', 'TYPE', 'replica')
    await waitFor(async () => (await pair.replica.cli('INFO', 'replication')).includes('master_link_status:down'), 'the replication link to drop')
    const result = await pair.run()
    const compared = await lostOnPromotion(pair.primary, pair.replica)
    // The replica holds none of the run's keys: every one the old primary took is lost, whether
    // still missing or written again on the new primary after the switch.
    expect(compared.lost + compared.rewritten).toBeGreaterThan(100)
    expectLostWithin(result, compared)
  }, 30_000)
})
