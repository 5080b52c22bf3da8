import {TraceBytes} from '../trace-bytes.js'
import type {TraceFormat, TraceReader} from '../trace-format.js'
import {BadRecord} from '../trace-record.js'

/**
 * libCacheSim's oracleGeneral binary trace (libCacheSim traceReader oracleGeneralBin.h): packed
 * 24-byte little-endian records {uint32 clock_time (s); uint64 obj_id; uint32 obj_size;
 * int64 next_access_vtime}. Every record is a get. Object ids are interned as two 32-bit words,
 * so all 64 bits stay exact.
 */
export const RECORD_BYTES = 24
/** Records per read: whole records only, so every record starts on a 4-byte boundary of the buffer. */
const RECORDS_PER_READ = 43_690
/** The platform's byte order: typed arrays use it, and the trace is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

export const oracleGeneralFormat: TraceFormat = {
  name: 'oracle-general',
  description: "libCacheSim's oracleGeneral binary: 24-byte records (time, object id, size, next access)",
  open(file, keys): TraceReader {
    const records = new RecordBuffer(new TraceBytes(file))
    return {
      next(record) {
        const at = records.nextRecord()
        if (at < 0) return false
        const words = records.words
        record.timeMs = wordAt(words, at) * 1000
        record.keyId = keys.idOfWords(wordAt(words, at + 2), wordAt(words, at + 1))
        record.valueBytes = wordAt(words, at + 3)
        record.keyBytes = 8
        record.command = 'get'
        record.operation = 'read'
        record.ttlSeconds = 0
        record.repeat = 1
        return true
      },
      position: () => `${file}, byte ${records.recordStart}`,
      lost: () => 0,
      fractionRead: () => records.fractionRead(),
      close: () => records.close(),
    }
  },
}

/**
 * The trace's records in one reused buffer read as 32-bit words, in place: no chunk is copied,
 * joined or wrapped in a DataView per read. A record cut by a read's end moves to the front.
 */
class RecordBuffer {
  private readonly bytes = new Uint8Array(RECORD_BYTES * RECORDS_PER_READ)
  readonly words = new Uint32Array(this.bytes.buffer)
  /** Byte offset in the trace of the record last handed out. */
  recordStart = 0
  private offset = 0
  private filled = 0
  /** Trace bytes before bytes[0]. */
  private consumed = 0

  constructor(private readonly source: TraceBytes) {}

  /** The word index of the next record, or −1 at the end; throws BadRecord for a cut last record. */
  nextRecord(): number {
    if (this.filled - this.offset < RECORD_BYTES && !this.fill()) {
      const left = this.filled - this.offset
      if (left === 0) return -1
      this.recordStart = this.consumed + this.offset
      this.offset = this.filled
      throw new BadRecord(`expected a 24-byte record, the file ends ${left} bytes into one`)
    }
    const at = this.offset
    this.recordStart = this.consumed + at
    this.offset = at + RECORD_BYTES
    return at >>> 2
  }

  fractionRead(): number {
    return this.source.fractionRead()
  }

  close(): void {
    this.source.close()
  }

  /** Reads until a whole record is there; false at the end of the trace. */
  private fill(): boolean {
    const rest = this.filled - this.offset
    this.bytes.copyWithin(0, this.offset, this.filled)
    this.consumed += this.offset
    this.offset = 0
    this.filled = rest
    while (this.filled < RECORD_BYTES) {
      const read = this.source.read(this.bytes, this.filled)
      if (read === 0) return false
      this.filled += read
    }
    return true
  }
}

function wordAt(words: Uint32Array, index: number): number {
  const word = words[index]
  return LITTLE_ENDIAN ? word : ((word & 0xff) << 24 | (word & 0xff00) << 8 | (word >>> 8) & 0xff00 | word >>> 24) >>> 0
}
