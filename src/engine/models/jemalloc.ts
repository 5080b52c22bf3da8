/**
 * jemalloc 5.3 size classes on x86-64 (the allocator redis-server here is built with: `redis-server
 * --version` says malloc=jemalloc-5.3.0), from jemalloc's include/jemalloc/internal/sc.h and its
 * size_classes table: 8 B, then multiples of the 16 B quantum up to 128 B, then four classes per
 * doubling (e.g. 160, 192, 224, 256; 1280, 1536, 1792, 2048). Redis's used_memory counts the
 * usable size of each allocation (zmalloc.c zmalloc_size → malloc_usable_size), i.e. the class.
 */
const QUANTUM = 16
const TINY = 8
const QUANTUM_LIMIT = 128

export function jemallocSize(bytes: number): number {
  if (bytes <= TINY) return TINY
  if (bytes <= QUANTUM_LIMIT) return Math.ceil(bytes / QUANTUM) * QUANTUM
  const group = 2 ** Math.floor(Math.log2(bytes - 1))
  const step = group / 4
  return Math.ceil(bytes / step) * step
}
