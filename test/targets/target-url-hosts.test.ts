import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {parseTargetUrl} from '../../src/targets/target-url.js'

describe('the hosts of a target URL', () => {
  it('are names, IPv4 addresses or bracketed IPv6 addresses, each with an optional port', () => {
    expect(parseTargetUrl('redis://[::1]:6379').hosts).toEqual([{host: '::1', port: 6379}])
    expect(parseTargetUrl('redis://cache_1.internal-net:6380').hosts).toEqual([{host: 'cache_1.internal-net', port: 6380}])
    expect(parseTargetUrl('memcached://10.0.0.1:11211, 10.0.0.2').hosts).toEqual([{host: '10.0.0.1', port: 11211}, {host: '10.0.0.2', port: null}])
  })

  it('refuse a space or another character no host name has as bad input, rather than look it up (it was exit 3, "host not found")', () => {
    for (const [url, part] of [['redis://ho st:1', 'ho st:1'], ['memcached://a:1,b c:2', 'b c:2'], ['redis://cache*:6379', 'cache*:6379']] as const) {
      expect(() => parseTargetUrl(url)).toThrow(InputError)
      expect(() => parseTargetUrl(url)).toThrow(`has an invalid host "${part}"`)
    }
  })
})
