import {InputError} from '../../errors.js'
import type {TargetUrl} from '../target-url.js'
import {LeanNode} from './lean/lean-node.js'
import {MemjsNode} from './memjs-node.js'
import type {NodeClient, NodeSettings} from './node-client.js'

/**
 * The client paths to memcached, chosen with the URL's `client=` parameter: `lean` (the meta
 * protocol with pipelining, written here for throughput) or `memjs` (the binary protocol, which
 * alone carries SASL authentication). Adding one: one file, one line here.
 */
const CLIENTS = {
  lean: (settings: NodeSettings): NodeClient => new LeanNode(settings),
  memjs: (settings: NodeSettings): NodeClient => new MemjsNode(settings),
} as const

export type MemcachedClientName = keyof typeof CLIENTS

/** The client the URL asks for; lean unless SASL credentials need memjs. */
export function chooseMemcachedClient(url: TargetUrl): MemcachedClientName {
  const asked = url.params.get('client')
  const sasl = url.username !== null
  if (asked === null) return sasl ? 'memjs' : 'lean'
  if (!(asked in CLIENTS)) {
    throw new InputError(`memcached:// client must be one of ${Object.keys(CLIENTS).join(', ')} (got "${asked}" in ${url.url}).`)
  }
  if (asked === 'lean' && sasl) {
    throw new InputError(`memcached:// with SASL credentials needs client=memjs: the lean client speaks the text protocol, which has no SASL (${url.url}).`)
  }
  return asked as MemcachedClientName
}

export function createNode(client: MemcachedClientName, settings: NodeSettings): NodeClient {
  return CLIENTS[client](settings)
}
