import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {afterAll} from 'vitest'

/** A fresh temp folder for one test file's traces, removed after that file's tests. */
export function traceDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-trace-'))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))
  return dir
}

/** Writes `text` to dir/name; a name ending in .gz or .zst is compressed (zstd by the zstd tool). */
export function writeTrace(dir: string, name: string, content: string | Uint8Array): string {
  const file = join(dir, name)
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content)
  if (name.endsWith('.gz')) writeFileSync(file, gzipSync(bytes))
  else if (name.endsWith('.zst')) {
    const plain = file.slice(0, -4)
    writeFileSync(plain, bytes)
    execFileSync('zstd', ['-q', '-f', plain, '-o', file])
  } else writeFileSync(file, bytes)
  return file
}

export interface Request {
  timeS: number
  key: string
  valueBytes: number
  command: string
  ttl: number
}

export function twitterLines(requests: Request[]): string {
  return requests.map((r) => `${r.timeS},${r.key},${Buffer.byteLength(r.key)},${r.valueBytes},7,${r.command},${r.ttl}\n`).join('')
}

/** libCacheSim oracleGeneral records: uint32 time, uint64 id, uint32 size, int64 next access (all little-endian). */
export function oracleGeneralBytes(records: {timeS: number; id: bigint; size: number}[]): Uint8Array {
  const buffer = Buffer.alloc(records.length * 24)
  records.forEach((record, index) => {
    const at = index * 24
    buffer.writeUInt32LE(record.timeS, at)
    buffer.writeBigUInt64LE(record.id, at + 4)
    buffer.writeUInt32LE(record.size, at + 12)
    buffer.writeBigInt64LE(-1n, at + 16)
  })
  return buffer
}

/** A seeded 32-bit generator (mulberry32), so fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Exact LRU of `capacity` items over the key sequence: a Map keeps insertion order, re-inserting moves a key last. */
export function lruHits<K>(keys: readonly K[], capacity: number): number {
  const cache = new Map<K, true>()
  let hits = 0
  for (const key of keys) {
    if (cache.delete(key)) hits++
    else if (cache.size === capacity) cache.delete(cache.keys().next().value as K)
    cache.set(key, true)
  }
  return hits
}

/** Exact Zipf draws over ranks 1..n with P(i) ∝ i^−θ, by binary search in the cumulative weights. */
export function zipfDraws(count: number, n: number, theta: number, random: () => number): number[] {
  const cumulative = new Float64Array(n)
  let total = 0
  for (let rank = 1; rank <= n; rank++) cumulative[rank - 1] = total += rank ** -theta
  return Array.from({length: count}, () => {
    const u = random() * total
    let low = 0
    let high = n - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle] <= u) low = middle + 1
      else high = middle
    }
    return low + 1
  })
}

/**
 * `count` gets and sets, one a second, over `keys` keys named `prefix:N` skewed towards the low
 * numbers (N = ⌊keys·u²⌋), a `setShare` of them sets; seeded, so the same on every run.
 */
export function skewedRequests(options: {count: number; keys: number; setShare: number; valueBytes: number; prefix: string; seed: number}): Request[] {
  const random = seeded(options.seed)
  return Array.from({length: options.count}, (_, index) => ({
    timeS: index,
    key: `${options.prefix}:${Math.floor(options.keys * random() ** 2)}`,
    valueBytes: options.valueBytes,
    command: random() < options.setShare ? 'set' : 'get',
    ttl: 0,
  }))
}
