import type {MemoryModel} from './memory-model.js'
import {SLAB_CLASS_COUNT, SLAB_PAGE_BYTES, chunkBytes, chunksOf, chunksPerPage, memcachedItemBytes, slabClassOf} from './memcached-slabs.js'

/** memcached's default item_size_max (-I 1m): larger values are refused. */
const ITEM_SIZE_MAX = 1024 * 1024

/**
 * memcached's slab allocator at `-m capacity` (memcached-slabs.ts has the sources): an entry
 * costs its class's chunk; a class whose chunks are all taken gets a 1 MiB page while pages
 * remain, else its own LRU must evict. Pages stay with the class they were first given to (no
 * slab rebalancing), so a class can be short of memory while another has free chunks.
 */
export class MemcachedMemory implements MemoryModel {
  readonly overwritesInPlace = false
  private readonly pageLimit: number
  private pagesGiven = 0
  private readonly pages = new Int32Array(SLAB_CLASS_COUNT)
  private readonly freeChunks = new Float64Array(SLAB_CLASS_COUNT)

  constructor(capacityBytes: number) {
    this.pageLimit = Math.floor(capacityBytes / SLAB_PAGE_BYTES)
  }

  /** The chunk bytes the item occupies; its class is slabClassOf(charge). */
  charge(key: number, valueSize: number): number {
    const bytes = memcachedItemBytes(key, valueSize)
    if (bytes > ITEM_SIZE_MAX) return Infinity
    const slabClass = slabClassOf(bytes)
    return chunksOf(bytes) * chunkBytes(slabClass)
  }

  fitsAlone(charge: number): boolean {
    return charge !== Infinity
  }

  hasRoom(charge: number): boolean {
    const slabClass = slabClassOf(charge)
    if (this.freeChunks[slabClass] >= chunksOf(charge)) return true
    // slabs.c do_slabs_newslab(): a class with no page yet gets one even past the limit.
    return this.pagesGiven < this.pageLimit || this.pages[slabClass] === 0
  }

  taken(charge: number): void {
    const slabClass = slabClassOf(charge)
    const chunks = chunksOf(charge)
    while (this.freeChunks[slabClass] < chunks) {
      this.pages[slabClass]++
      this.pagesGiven++
      this.freeChunks[slabClass] += chunksPerPage(slabClass)
    }
    this.freeChunks[slabClass] -= chunks
  }

  returned(charge: number): void {
    this.freeChunks[slabClassOf(charge)] += chunksOf(charge)
  }

  /** Pages each class holds (for inspection and tests). */
  pagesOf(slabClassIndex: number): number {
    return this.pages[slabClassIndex]
  }
}
