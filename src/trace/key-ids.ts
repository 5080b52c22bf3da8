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
      this.ids.set(key, id)
    }
    return id
  }
}
