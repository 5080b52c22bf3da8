/**
 * How many entries one radix-tree node of a Redis stream holds, which is the step in which
 * `MAXLEN ~` trims. redis.conf (7.0) defaults: stream-node-max-entries 100 and
 * stream-node-max-bytes 4096, whichever a node reaches first. An entry of ours costs its body
 * plus about 40 bytes of listpack framing, ID delta and the four short field names/values.
 */
export const STREAM_NODE_MAX_ENTRIES = 100
export const STREAM_NODE_MAX_BYTES = 4096
const ENTRY_OVERHEAD_BYTES = 40

export function entriesPerNode(bodyBytes: number, maxEntries = STREAM_NODE_MAX_ENTRIES, maxBytes = STREAM_NODE_MAX_BYTES): number {
  return Math.max(1, Math.min(maxEntries, Math.floor(maxBytes / (bodyBytes + ENTRY_OVERHEAD_BYTES))))
}
