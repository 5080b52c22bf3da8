import {afterAll, describe, expect, it} from 'vitest'
import {type ServerProcess, startServer} from './server-process.js'

const redisArgs = (port: number) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']

describe('test servers own their port', () => {
  const started: ServerProcess[] = []
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()))
  })

  it('a server asked for a port another one holds fails, instead of passing for the other', async () => {
    const first = await startServer('redis-server', redisArgs)
    started.push(first)
    // The port accepts connections (the first server's), yet the second must not count as started.
    await expect(startServer('redis-server', redisArgs, {port: first.port, timeoutMs: 5000})).rejects.toThrow(/already in use/)
    expect(first.child.exitCode).toBeNull()
  })

  it('servers started at once get distinct ports', async () => {
    const servers = await Promise.all(Array.from({length: 4}, () => startServer('redis-server', redisArgs)))
    started.push(...servers)
    expect(new Set(servers.map((server) => server.port)).size).toBe(4)
  })
})
