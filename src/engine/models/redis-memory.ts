import {serverKeyLength} from '../item-size.js'
import {jemallocSize} from './jemalloc.js'
import type {MemoryModel} from './memory-model.js'

/*
 * What redis-server 7.0 (7.0.15 here) adds to used_memory for one string key, from its source:
 * - dict.h dictEntry {key, val, next}: 24 B (dict.c dictAddRaw zmalloc).
 * - db.c dbAdd(): the key is an sds copy (sdsdup); sds.c sdsReqType(): header 1 B below 32 B
 *   (sdshdr5), 3 B below 256 B, 5 B below 64 KiB, 9 B above; plus the NUL terminator.
 * - object.c createStringObject(): up to OBJ_ENCODING_EMBSTR_SIZE_LIMIT (44 B) the robj (16 B),
 *   an sdshdr8 and the value share one allocation; above it the robj and the sds are two.
 * - a TTL adds a dictEntry in db->expires (db.c setExpire; the key is shared).
 * Each allocation counts at its jemalloc size class (jemalloc.ts).
 * Per dict, the bucket array (8 B per bucket) is a power of two ≥ the keys it holds (dict.c
 * _dictExpandIfNeeded), counted by RedisMemory from the key count.
 */
const DICT_ENTRY_BYTES = 24
const ROBJ_BYTES = 16
const EMBSTR_SIZE_LIMIT = 44
const BUCKET_BYTES = 8
const DICT_INITIAL_SIZE = 4

/**
 * used_memory of an empty server with one client connected, before any key: redis-server
 * 7.0.15 here reports used_memory_startup 876,000 B and ~914,000 B with one client, which is what
 * counts against maxmemory before the first key (evict.c getMaxmemoryState).
 */
export const REDIS_EMPTY_USED_MEMORY = 914_000

function sdsHeaderBytes(length: number): number {
  if (length < 32) return 1
  if (length < 256) return 3
  if (length < 65_536) return 5
  return 9
}

function sdsBytes(length: number): number {
  return jemallocSize(sdsHeaderBytes(length) + length + 1)
}

function stringObjectBytes(length: number): number {
  if (length <= EMBSTR_SIZE_LIMIT) return jemallocSize(ROBJ_BYTES + 3 + length + 1)
  return jemallocSize(ROBJ_BYTES) + sdsBytes(length)
}

/** used_memory one string key adds, bucket arrays aside. */
export function redisKeyBytes(key: number, valueSize: number, hasTtl: boolean): number {
  const entry = jemallocSize(DICT_ENTRY_BYTES)
  return entry + sdsBytes(serverKeyLength(key)) + stringObjectBytes(valueSize) + (hasTtl ? entry : 0)
}

/** Bytes of a dict's bucket array holding this many keys. */
export function dictBucketBytes(keys: number): number {
  if (keys === 0) return 0
  return BUCKET_BYTES * Math.max(DICT_INITIAL_SIZE, 2 ** Math.ceil(Math.log2(keys)))
}

/**
 * Redis's maxmemory: used_memory (empty server + keys + the main dict's buckets) against the
 * limit. As in evict.c performEvictions(), called before each command, a write proceeds once
 * used_memory is at or below maxmemory, so the new key may take it over until the next write.
 * The expires dict's buckets are folded into the keys' charge at an average 12 B per key with
 * a TTL (its table holds between n and 2n buckets).
 */
export class RedisMemory implements MemoryModel {
  readonly overwritesInPlace = true

  constructor(private readonly maxmemory: number) {}

  charge(key: number, valueSize: number, hasTtl: boolean): number {
    return redisKeyBytes(key, valueSize, hasTtl) + (hasTtl ? 12 : 0)
  }

  /** Redis checks memory before a write, not the write's size: any value may enter an emptied server. */
  fitsAlone(): boolean {
    return true
  }

  hasRoom(_charge: number, bytesUsed: number, items: number): boolean {
    return REDIS_EMPTY_USED_MEMORY + bytesUsed + dictBucketBytes(items) <= this.maxmemory
  }

  taken(): void {}

  returned(): void {}
}
