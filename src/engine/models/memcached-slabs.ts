import {serverKeyLength} from '../item-size.js'

/*
 * memcached 1.6.18 (the version installed here) with its default settings, from its source:
 * - memcached.c settings_init(): chunk_size 48, factor 1.25, slab_page_size 1 MiB,
 *   slab_chunk_size_max = slab_page_size / 2.
 * - memcached.h: CHUNK_ALIGN_BYTES 8; sizeof(item) is 48 B on 64-bit (its -vv output: class 1
 *   has 96 B chunks = 48 B header + chunk_size).
 * - slabs.c slabs_init(): class 1 holds sizeof(item) + chunk_size; each next class multiplies by
 *   the factor and rounds up to CHUNK_ALIGN_BYTES, until a size reaches slab_chunk_size_max /
 *   factor; the last class is slab_chunk_size_max itself. perslab = page size / chunk size.
 * - items.c item_make_header() + do_item_alloc(): ntotal = sizeof(item) + key + 1 + suffix
 *   (4 B of client flags only when they are non-zero; cache-bench stores flags 0) + value + 2
 *   ("\r\n" is stored) + 8 B CAS (on by default).
 * - slabs.c do_slabs_newslab(): a class gets a whole 1 MiB page when its free chunks run out,
 *   while mem_malloced + page ≤ mem_limit (-m), and always its first page.
 */
const ITEM_HEADER_BYTES = 48
const CHUNK_SIZE = 48
const GROWTH_FACTOR = 1.25
const CHUNK_ALIGN_BYTES = 8
const CAS_BYTES = 8
const VALUE_TERMINATOR_BYTES = 2
export const SLAB_PAGE_BYTES = 1024 * 1024
const SLAB_CHUNK_MAX = SLAB_PAGE_BYTES / 2

/** Chunk sizes of the slab classes in increasing order (class 1 first). */
export function slabChunkSizes(): number[] {
  const sizes: number[] = []
  let size = ITEM_HEADER_BYTES + CHUNK_SIZE
  while (size < SLAB_CHUNK_MAX / GROWTH_FACTOR) {
    if (size % CHUNK_ALIGN_BYTES !== 0) size += CHUNK_ALIGN_BYTES - (size % CHUNK_ALIGN_BYTES)
    sizes.push(size)
    // slabs.c keeps the size in an unsigned int, so the product is truncated.
    size = Math.floor(size * GROWTH_FACTOR)
  }
  sizes.push(SLAB_CHUNK_MAX)
  return sizes
}

/** Bytes of one item as memcached lays it out (before rounding up to its class's chunk). */
export function memcachedItemBytes(key: number, valueSize: number): number {
  return ITEM_HEADER_BYTES + serverKeyLength(key) + 1 + valueSize + VALUE_TERMINATOR_BYTES + CAS_BYTES
}

const CHUNK_SIZES = slabChunkSizes()
/** Class index (0-based) of each item size in steps of CHUNK_ALIGN_BYTES, up to SLAB_CHUNK_MAX. */
const CLASS_BY_ALIGNED_SIZE = (() => {
  const table = new Uint8Array(SLAB_CHUNK_MAX / CHUNK_ALIGN_BYTES + 1)
  let index = 0
  for (let step = 0; step < table.length; step++) {
    while (CHUNK_SIZES[index] < step * CHUNK_ALIGN_BYTES) index++
    table[step] = index
  }
  return table
})()

export const SLAB_CLASS_COUNT = CHUNK_SIZES.length
/** The largest class: items above SLAB_CHUNK_MAX are stored as several of its chunks. */
export const LARGEST_CLASS = CHUNK_SIZES.length - 1

/** 0-based slab class of an item of this many bytes (the largest class for chained items). */
export function slabClassOf(itemBytes: number): number {
  if (itemBytes > SLAB_CHUNK_MAX) return LARGEST_CLASS
  return CLASS_BY_ALIGNED_SIZE[Math.ceil(itemBytes / CHUNK_ALIGN_BYTES)]
}

export function chunkBytes(slabClass: number): number {
  return CHUNK_SIZES[slabClass]
}

/** Chunks one item of this many bytes takes (more than one only above SLAB_CHUNK_MAX). */
export function chunksOf(itemBytes: number): number {
  return itemBytes > SLAB_CHUNK_MAX ? Math.ceil(itemBytes / SLAB_CHUNK_MAX) : 1
}

export function chunksPerPage(slabClass: number): number {
  return Math.floor(SLAB_PAGE_BYTES / CHUNK_SIZES[slabClass])
}
