import {byteChunks} from '../byte-chunks.js'
import type {TraceFormat, TraceReader} from '../trace-format.js'
import {BadRecord} from '../trace-record.js'

/**
 * libCacheSim's oracleGeneral binary trace (libCacheSim traceReader oracleGeneralBin.h): packed
 * 24-byte little-endian records {uint32 clock_time (s); uint64 obj_id; uint32 obj_size;
 * int64 next_access_vtime}. Every record is a get. Object ids are interned as two 32-bit words,
 * so all 64 bits stay exact.
 */
export const RECORD_BYTES = 24

export const oracleGeneralFormat: TraceFormat = {
  name: 'oracle-general',
  description: "libCacheSim's oracleGeneral binary: 24-byte records (time, object id, size, next access)",
  open(file, keys): TraceReader {
    const chunks = byteChunks(file)
    let buffer = new Uint8Array(0)
    let view = new DataView(buffer.buffer)
    let offset = 0
    let consumed = 0
    let recordStart = 0
    const refill = (): boolean => {
      const rest = buffer.subarray(offset)
      const step = chunks.next()
      if (step.done) return false
      const joined = new Uint8Array(rest.length + step.value.length)
      joined.set(rest)
      joined.set(step.value, rest.length)
      consumed += offset
      buffer = joined
      view = new DataView(joined.buffer, joined.byteOffset, joined.byteLength)
      offset = 0
      return true
    }
    return {
      next(record) {
        while (buffer.length - offset < RECORD_BYTES) {
          if (!refill()) {
            const left = buffer.length - offset
            if (left === 0) return false
            recordStart = consumed + offset
            offset = buffer.length
            throw new BadRecord(`expected a 24-byte record, the file ends ${left} bytes into one`)
          }
        }
        recordStart = consumed + offset
        const low = view.getUint32(offset + 4, true)
        const high = view.getUint32(offset + 8, true)
        record.timeMs = view.getUint32(offset, true) * 1000
        record.keyId = keys.idOfWords(high, low)
        record.valueBytes = view.getUint32(offset + 12, true)
        record.keyBytes = 8
        record.command = 'get'
        record.operation = 'read'
        record.ttlSeconds = 0
        record.repeat = 1
        offset += RECORD_BYTES
        return true
      },
      position: () => `${file}, byte ${recordStart}`,
      lost: () => 0,
      close: () => void chunks.return(undefined),
    }
  },
}
