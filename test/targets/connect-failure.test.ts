import {describe, expect, it} from 'vitest'
import {CONNECT_TIMED_OUT, connectFailure} from '../../src/targets/redis/connect-failure.js'

describe('a connection that timed out', () => {
  it('on rediss:// asks whether the port speaks TLS: a plain Redis never answers a TLS hello, so the wait runs out', () => {
    expect(connectFailure('rediss://127.0.0.1:6379', CONNECT_TIMED_OUT, null, 3000).message).toBe(
      'Cannot connect to rediss://127.0.0.1:6379 within 3000 ms; rediss:// speaks TLS: is TLS enabled on that port (redis-server --tls-port), or did you mean redis://?',
    )
    expect(connectFailure('rediss://127.0.0.1:6379', Object.assign(new Error('connect ETIMEDOUT'), {code: 'ETIMEDOUT'}), null, 500).message).toMatch(/within 500 ms; rediss:\/\/ speaks TLS/)
  })

  it('on redis:// says only that it timed out', () => {
    expect(connectFailure('redis://127.0.0.1:6379', CONNECT_TIMED_OUT, null, 3000).message).toBe('Cannot connect to redis://127.0.0.1:6379 within 3000 ms.')
  })
})
