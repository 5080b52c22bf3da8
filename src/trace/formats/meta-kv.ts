import {namedColumnsFormat} from './named-columns.js'

/**
 * Meta's kvcache traces, as CacheLib's cachebench replays them: a CSV with a header row, read by
 * name because releases order the columns differently. The published layouts (CacheLib
 * cachebench/workload/tests/KVReplayGeneratorTest.cpp for the first two; libCacheSim's
 * metaKV-to-lcs conversion script lists all four releases):
 *   2022-06  key,op,size,op_count,key_size
 *   2022-10  op_time,key,key_size,op,op_count,size,cache_hits,ttl
 *   2023-12  key,op,size,op_count,key_size,ttl
 *   2024-01  op_time,key,key_size,op,op_count,size,cache_hits,ttl,usecase,sub_usecase
 * `op` is GET, GET_LEASE, SET, SET_LEASE or DELETE (the lease forms map as get and set, as
 * cachebench's replay does); `op_count` (≥ 1) repeats the request that many times; `size` is
 * the value size; `op_time` is in seconds. Other columns (cache_hits, usecase) are not used.
 */
export const metaKvFormat = namedColumnsFormat('meta-kv', "Meta's kvcache CSV, columns found by header name (key, op, size, op_count, key_size, op_time, ttl)", {
  key: ['key'],
  operation: ['op'],
  valueBytes: ['size'],
  keyBytes: ['key_size'],
  timeSeconds: ['op_time'],
  ttlSeconds: ['ttl'],
  repeat: ['op_count'],
})
