/**
 * Trace keys as dense integer ids in order of first appearance: the runner, origin and engine
 * index keys 0..n−1, and the map grows with distinct keys only, never with the trace's length.
 */
export class KeyIds {
  private readonly ids = new Map<string | number, number>()

  get size(): number {
    return this.ids.size
  }

  idOf(key: string | number): number {
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.ids.size
      this.ids.set(typeof key === 'string' ? ownCopy(key) : key, id)
    }
    return id
  }
}

/**
 * A key cut from a line is, in V8, a slice that keeps the whole decoded chunk (1 MiB of trace
 * text) alive; the map keeps its own copy, so what it holds is the keys and nothing more.
 */
function ownCopy(key: string): string {
  return Buffer.from(key, 'utf8').toString('utf8')
}
