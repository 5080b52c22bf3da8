import {Socket} from 'node:net'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {LeanNode} from '../../../src/targets/memcached/lean/lean-node.js'
import {issueOverOneTurn} from '../../helpers/one-turn.js'
import {type MemcachedServer, startMemcached} from '../../servers/memcached-servers.js'

/** The meta gets (`mg `) in one socket write. */
const getsIn = (chunk: unknown): number => (String(chunk).match(/(^|\n)mg /g) ?? []).length

describe('the lean memcached client’s batches on the wire', () => {
  let server: MemcachedServer
  let node: LeanNode

  beforeAll(async () => {
    server = await startMemcached()
    node = new LeanNode({host: '127.0.0.1', port: server.port, connections: 1, pipeline: 16, timeoutMs: 10_000, connectTimeoutMs: 10_000, username: null, password: null})
    await node.open()
  })
  afterAll(async () => {
    node.close()
    await server.stop()
  })

  it('commands issued in one turn, in a later tick and a promise continuation too, leave in writes of at most --pipeline, a full batch first', async () => {
    for (let i = 0; i < 20; i++) await node.set(`batch:${i}`, Buffer.from(`value ${i}`), 0)
    const writes = vi.spyOn(Socket.prototype, 'write')
    try {
      const issued: Array<Promise<string | null>> = []
      await issueOverOneTurn((from, to) => {
        for (let i = from; i < to; i++) issued.push(node.get(`batch:${i}`, (data) => data.toString('latin1')))
      })
      expect(await Promise.all(issued)).toEqual(Array.from({length: 20}, (_, i) => `value ${i}`))
      // The 17th command finds the batch full and writes it; the last 4 leave at the turn's end.
      expect(writes.mock.calls.map(([chunk]) => getsIn(chunk))).toEqual([16, 4])
    } finally {
      writes.mockRestore()
    }
  })
})
