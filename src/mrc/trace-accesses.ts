import {itemBytes} from '../engine/item-size.js'
import {grownInt32} from '../engine/typed-array-growth.js'
import {openRequestStream} from '../trace/request-stream.js'
import type {TraceSpec, Workload} from '../workload/types.js'
import {LOOKUP, REMOVE, type CacheAccessKind, type CacheAccessVisitor, type StreamLength} from './cache-access.js'

/**
 * Why a trace's stack-distance curve would not equal an LRU replay of it, or null. Needs the
 * traits a first pass found (describeTrace); without them nothing is known, so simulate.
 */
export function traceObstacle(workload: Workload, spec: TraceSpec, unit: 'items' | 'bytes'): string | null {
  if (spec.traits === undefined) return 'the trace has not been scanned'
  if (spec.traits.ttls && workload.strategy.ttlMs === null) return "the trace's writes give entries TTLs"
  if (unit === 'bytes' && spec.traits.resizes) return 'the trace changes the size of values'
  return null
}

/**
 * The trace's requests as a replay sees them, in order: reads look the key up, writes do what
 * the strategy's writes do (`writeKind`, null for none), deletes remove it. A key's item bytes
 * are those of the size the trace gave it — constant per key whenever a bytes curve comes from
 * here (traceObstacle) — or the workload's mean value size before and without one.
 */
export function replayTraceAccesses(workload: Workload, spec: TraceSpec, length: StreamLength, writeKind: CacheAccessKind | null, visit: CacheAccessVisitor): void {
  const requests = openRequestStream(spec)
  const fallback = workload.values.distribution === 'fixed' ? workload.values.bytes : 1
  let sizes: Int32Array = new Int32Array(1024)
  try {
    for (let i = 0; i < length.requests && requests.next(); i++) {
      const key = requests.keyId
      if (key >= sizes.length) sizes = grownInt32(sizes, Math.max(key + 1, sizes.length * 2), 0)
      if (requests.valueBytes > 0) sizes[key] = requests.valueBytes
      const bytes = itemBytes(key, sizes[key] || fallback)
      const measured = i >= length.warmup
      if (requests.operation === 'read') visit(LOOKUP, key, bytes, measured)
      else if (requests.operation === 'delete') visit(REMOVE, key, 0, measured)
      else if (writeKind !== null) visit(writeKind, key, bytes, measured)
    }
  } finally {
    requests.close()
  }
}
