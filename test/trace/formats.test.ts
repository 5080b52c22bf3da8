import {describe, expect, it} from 'vitest'
import {scanTrace} from '../../src/trace/scan-trace.js'
import {TraceRequests, type TraceInput} from '../../src/trace/trace-requests.js'
import {oracleGeneralBytes, seeded, traceDir, twitterLines, writeTrace, type Request} from './fixtures.js'

const dir = traceDir()

interface Seen {
  key: number
  operation: string
  size: number
  timeMs: number
  ttl: number
}

function readAll(input: Partial<TraceInput> & {file: string; format: string}): {requests: Seen[]; losses: TraceRequests['losses']} {
  const requests = new TraceRequests({skipBadRecords: 0, ...input})
  const seen: Seen[] = []
  while (requests.next()) seen.push({key: requests.keyId, operation: requests.operation, size: requests.valueBytes, timeMs: requests.timeMs, ttl: requests.ttlSeconds})
  requests.close()
  return {requests: seen, losses: requests.losses}
}

const sample: Request[] = [
  {timeS: 10, key: 'nz:u:a1', valueBytes: 0, command: 'get', ttl: 0},
  {timeS: 10, key: 'nz:u:b2', valueBytes: 300, command: 'set', ttl: 60},
  {timeS: 11, key: 'nz:u:a1', valueBytes: 120, command: 'gets', ttl: 0},
  {timeS: 12, key: 'nz:u:b2', valueBytes: 0, command: 'delete', ttl: 0},
  {timeS: 12, key: 'nz:u:c3', valueBytes: 8, command: 'incr', ttl: 0},
  {timeS: 13, key: 'nz:u:a1', valueBytes: 0, command: 'touch', ttl: 0},
]
const expected: Seen[] = [
  {key: 0, operation: 'read', size: 0, timeMs: 10_000, ttl: 0},
  {key: 1, operation: 'write', size: 300, timeMs: 10_000, ttl: 60},
  {key: 0, operation: 'read', size: 120, timeMs: 11_000, ttl: 0},
  {key: 1, operation: 'delete', size: 0, timeMs: 12_000, ttl: 0},
  {key: 2, operation: 'write', size: 8, timeMs: 12_000, ttl: 0},
]

describe('trace formats', () => {
  it.each(['t.csv', 't.csv.gz', 't.csv.zst'])('twitter CSV (%s): columns, operation mapping, skipped commands', (name) => {
    const file = writeTrace(dir, name, twitterLines(sample))
    const {requests, losses} = readAll({file, format: 'twitter'})
    expect(requests).toEqual(expected)
    expect(losses.skippedByCommand).toEqual({touch: 1})
  })

  it('oracleGeneral: 24-byte little-endian records, ids above 2^53 kept apart', () => {
    const big = (1n << 60n) + 1n
    const file = writeTrace(dir, 'o.bin.zst', oracleGeneralBytes([
      {timeS: 5, id: 42n, size: 100},
      {timeS: 6, id: big, size: 200},
      {timeS: 7, id: big + 2n, size: 300},
      {timeS: 8, id: 42n, size: 100},
    ]))
    const {requests} = readAll({file, format: 'oracle-general'})
    expect(requests.map((r) => [r.key, r.size, r.timeMs, r.operation])).toEqual([
      [0, 100, 5000, 'read'],
      [1, 200, 6000, 'read'],
      [2, 300, 7000, 'read'],
      [0, 100, 8000, 'read'],
    ])
  })

  it.each(['many.bin', 'many.bin.gz', 'many.bin.zst'])('oracleGeneral (%s): 100,003 records over several reads, each field as written', (name) => {
    const random = seeded(9)
    // More records than one read holds (43,690), ids spread over all 64 bits so both words matter.
    const written = Array.from({length: 100_003}, (_, index) => {
      const draw = Math.floor(5000 * random() ** 3)
      return {timeS: index >>> 4, id: (BigInt(draw % 97) << 40n) | (BigInt(draw) * 2654435761n), size: 1 + (draw % 4096)}
    })
    const ids = new Map<bigint, number>()
    for (const record of written) if (!ids.has(record.id)) ids.set(record.id, ids.size)
    const {requests} = readAll({file: writeTrace(dir, name, oracleGeneralBytes(written)), format: 'oracle-general'})
    expect(requests.length).toBe(written.length)
    expect(requests.map((r) => [r.key, r.size, r.timeMs])).toEqual(written.map((record) => [ids.get(record.id), record.size, record.timeS * 1000]))
  })

  it('oracleGeneral: a truncated last record gives its byte offset', () => {
    const bytes = oracleGeneralBytes([{timeS: 1, id: 1n, size: 1}, {timeS: 2, id: 2n, size: 2}])
    const file = writeTrace(dir, 'short.bin', bytes.subarray(0, 40))
    expect(() => readAll({file, format: 'oracle-general'})).toThrow(`${file}, byte 24: malformed oracle-general record: expected a 24-byte record, the file ends 16 bytes into one.`)
  })

  it('Meta kvcache CSV: columns found by header name, op_count repeats', () => {
    const rows = [
      {key: 'k1', op: 'GET', size: 10, op_count: 2, key_size: 2, op_time: 100},
      {key: 'k2', op: 'SET', size: 20, op_count: 1, key_size: 2, op_time: 101},
      {key: 'k1', op: 'DELETE', size: 0, op_count: 1, key_size: 2, op_time: 102},
    ]
    const orders = [
      ['key', 'op', 'size', 'op_count', 'key_size', 'op_time'],
      ['op_time', 'key', 'key_size', 'op', 'op_count', 'size'],
    ] as const
    const parsed = orders.map((columns, index) => {
      const text = [columns.join(','), ...rows.map((row) => columns.map((column) => row[column]).join(','))].join('\n') + '\n'
      return readAll({file: writeTrace(dir, `meta${index}.csv.gz`, text), format: 'meta-kv'}).requests
    })
    expect(parsed[0]).toEqual(parsed[1])
    expect(parsed[0].map((r) => [r.key, r.operation, r.size, r.timeMs])).toEqual([
      [0, 'read', 10, 100_000],
      [0, 'read', 10, 100_000],
      [1, 'write', 20, 101_000],
      [0, 'delete', 0, 102_000],
    ])
  })

  it('Meta kvcache CSV: the four published layouts parse alike, lease operations included', () => {
    const rows = [
      {op_time: 604038471, key: '82131353f9ddc8c6', key_size: 48, op: 'GET', op_count: 1, size: 87, cache_hits: 1, ttl: 0, usecase: 7, sub_usecase: 8},
      {op_time: 604038471, key: 'a54f88ab02ece24d', key_size: 24, op: 'GET_LEASE', op_count: 3, size: 0, cache_hits: 0, ttl: 0, usecase: 7, sub_usecase: 8},
      {op_time: 604038473, key: '828769c1e1ce3a29', key_size: 67, op: 'SET_LEASE', op_count: 1, size: 65, cache_hits: 0, ttl: 7200, usecase: 7, sub_usecase: 9},
      {op_time: 604038474, key: '82131353f9ddc8c6', key_size: 48, op: 'DELETE', op_count: 1, size: 0, cache_hits: 0, ttl: 0, usecase: 7, sub_usecase: 8},
    ]
    const layouts = [
      ['key', 'op', 'size', 'op_count', 'key_size'],
      ['op_time', 'key', 'key_size', 'op', 'op_count', 'size', 'cache_hits', 'ttl'],
      ['key', 'op', 'size', 'op_count', 'key_size', 'ttl'],
      ['op_time', 'key', 'key_size', 'op', 'op_count', 'size', 'cache_hits', 'ttl', 'usecase', 'sub_usecase'],
    ] as const
    const parsed = layouts.map((columns, index) => {
      const text = [columns.join(','), ...rows.map((row) => columns.map((column) => row[column]).join(','))].join('\n') + '\n'
      const requests = readAll({file: writeTrace(dir, `meta-release${index}.csv`, text), format: 'meta-kv'}).requests
      // The TTL of the SET_LEASE, where the layout has the column.
      expect(requests[4].ttl).toBe((columns as readonly string[]).includes('ttl') ? 7200 : 0)
      return requests.map((r) => [r.key, r.operation, r.size])
    })
    const expected = [
      [0, 'read', 87],
      [1, 'read', 0],
      [1, 'read', 0],
      [1, 'read', 0],
      [2, 'write', 65],
      [0, 'delete', 0],
    ]
    for (const requests of parsed) expect(requests).toEqual(expected)
  })

  it('Redis MONITOR output: quoted, escaped arguments', () => {
    const text = [
      'OK',
      '1700000000.000100 [0 127.0.0.1:5000] "SET" "user:\\"1\\"" "a\\x00b\\n" "EX" "30"',
      '1700000000.000200 [0 127.0.0.1:5000] "get" "user:\\"1\\""',
      '1700000000.000300 [0 lua] "del" "other key"',
      '1700000000.000400 [0 127.0.0.1:5000] "ping"',
      '',
    ].join('\n')
    const {requests, losses} = readAll({file: writeTrace(dir, 'r.monitor', text), format: 'redis-monitor'})
    expect(requests).toEqual([
      {key: 0, operation: 'write', size: 4, timeMs: 1_700_000_000_000.1, ttl: 30},
      {key: 0, operation: 'read', size: 0, timeMs: 1_700_000_000_000.2, ttl: 0},
      {key: 1, operation: 'delete', size: 0, timeMs: 1_700_000_000_000.3, ttl: 0},
    ].map((r) => ({...r, timeMs: expect.closeTo(r.timeMs, 3)})))
    expect(losses.skippedByCommand).toEqual({ping: 1})
  })

  it('redis-monitor: a command of several keys is a request for each, at its time (DEL a b c deletes all three)', () => {
    const text = [
      '1700000000.000100 [0 127.0.0.1:5000] "SET" "a" "1"',
      '1700000000.000200 [0 127.0.0.1:5000] "DEL" "a" "b" "c"',
      '1700000000.000300 [0 127.0.0.1:5000] "UNLINK" "d"',
      '1700000000.000400 [0 127.0.0.1:5000] "MGET" "b" "e"',
      '1700000000.000500 [0 127.0.0.1:5000] "GET" "c"',
    ].join('\n')
    const {requests} = readAll({file: writeTrace(dir, 'multi.monitor', text), format: 'redis-monitor'})
    expect(requests.map((r) => [r.key, r.operation, Math.round(r.timeMs * 10) / 10])).toEqual([
      [0, 'write', 1_700_000_000_000.1],
      [0, 'delete', 1_700_000_000_000.2],
      [1, 'delete', 1_700_000_000_000.2],
      [2, 'delete', 1_700_000_000_000.2],
      [3, 'delete', 1_700_000_000_000.3],
      [1, 'read', 1_700_000_000_000.4],
      [4, 'read', 1_700_000_000_000.4],
      [2, 'read', 1_700_000_000_000.5],
    ])
  })

  // Keys and values are bytes: a byte the log escapes (\\xHH, %HH) counts as one byte whatever its
  // value, and a key that is not valid UTF-8 is a key like any other (memcached stores and logs it).
  function keysAndSizes(file: string, format: string): Array<[number, number, number]> {
    const requests = new TraceRequests({file, format, skipBadRecords: 0})
    const seen: Array<[number, number, number]> = []
    while (requests.next()) seen.push([requests.keyId, requests.keyBytes, requests.valueBytes])
    requests.close()
    return seen
  }

  it('commands named like an object\'s own properties are skipped and counted as themselves', () => {
    const text = 'key,op\na,get\nb,toString\nc,constructor\nd,__proto__\ne,constructor\n'
    const {requests, losses} = readAll({file: writeTrace(dir, 'proto.csv', text), format: 'csv'})
    expect(requests.map((r) => [r.key, r.operation])).toEqual([[0, 'read']])
    // Built from entries: a literal's __proto__ would set its prototype, not a key.
    expect(JSON.parse(JSON.stringify(losses.skippedByCommand))).toEqual(Object.fromEntries([['tostring', 1], ['constructor', 2], ['__proto__', 1]]))
  })

  it('Redis MONITOR output: escaped bytes count once each, and a long value is read whole', () => {
    const long = 'v'.repeat(5000)
    const text = [
      '1.000000 [0 127.0.0.1:1] "set" "k\\xc3\\xa9" "\\xc3\\xa9\\xff"',
      '1.100000 [0 127.0.0.1:1] "get" "k\\xff\\xc3"',
      '1.200000 [0 127.0.0.1:1] "get" "k\\xc3\\xa9"',
      `1.300000 [0 127.0.0.1:1] "setex" "long" "60" "${long}\\x00\\"${long}"`,
      '',
    ].join('\n')
    expect(keysAndSizes(writeTrace(dir, 'bytes.monitor', text), 'redis-monitor')).toEqual([
      [0, 3, 3],
      [1, 3, 0],
      [0, 3, 0],
      [2, 4, 10_002],
    ])
  })

  it('memcached watch: keys of any bytes, each %HH one byte', () => {
    const text = [
      'ts=1.000000 gid=1 type=item_get key=k%FF%C3 status=not_found clsid=0 cfd=26 size=0',
      'ts=1.100000 gid=2 type=item_get key=k%C3%A9 status=not_found clsid=0 cfd=27 size=0',
      'ts=1.200000 gid=3 type=item_get key=k%ff%c3 status=found clsid=1 cfd=26 size=3',
      '',
    ].join('\n')
    expect(keysAndSizes(writeTrace(dir, 'bytes.watch', text), 'memcached-watch')).toEqual([
      [0, 3, 0],
      [1, 3, 0],
      [0, 3, 3],
    ])
    const bad = writeTrace(dir, 'bad-key.watch', 'ts=1.000000 gid=1 type=item_get key=k%G1 status=not_found clsid=0 cfd=26 size=0\n')
    expect(() => keysAndSizes(bad, 'memcached-watch')).toThrow(/bad-key\.watch:1: .*expected a URL-encoded key, got "k%G1"/)
  })

  it('memcached watch: URL-encoded keys, a store\'s own lookup folded, skipped=N counted as lost', () => {
    const text = [
      'OK',
      'ts=100.000100 gid=1 type=item_get key=a%2520b status=not_found clsid=0 cfd=25 size=0',
      'ts=100.000105 gid=2 type=item_store key=a%2520b status=stored cmd=set ttl=60 clsid=1 cfd=25 size=3',
      'ts=100.001000 gid=3 type=item_get key=a%2520b status=found clsid=1 cfd=25 size=3',
      'skipped=7',
      'ts=100.002000 gid=11 type=item_get key=zz status=not_found clsid=0 cfd=26 size=0',
      // A client's own get of zz, then a set whose lookup and store a descheduled server logged 20 ms apart.
      'ts=100.010000 gid=12 type=item_get key=zz status=not_found clsid=0 cfd=26 size=0',
      'ts=100.010100 gid=13 type=item_get key=zz status=not_found clsid=0 cfd=26 size=0',
      'ts=100.030100 gid=14 type=item_store key=zz status=stored cmd=set ttl=0 clsid=1 cfd=26 size=5',
      '',
    ].join('\n')
    const {requests, losses} = readAll({file: writeTrace(dir, 'm.watch', text), format: 'memcached-watch'})
    expect(requests.map((r) => [r.key, r.operation, r.size, r.ttl])).toEqual([
      [0, 'write', 3, 60],
      [0, 'read', 3, 0],
      [1, 'read', 0, 0],
      [1, 'read', 0, 0],
      [1, 'write', 5, 0],
    ])
    expect(losses.lost).toBe(7)
  })

  it('memcached watch: a store logged long after its lookup is one write once the server showed it logs lookups; a server that logs none keeps the window', () => {
    const lines = (firstStoreHasLookup: boolean) => [
      ...(firstStoreHasLookup ? ['ts=200.000000 gid=1 type=item_get key=a status=not_found clsid=0 cfd=25 size=0'] : []),
      'ts=200.000010 gid=2 type=item_store key=a status=stored cmd=set ttl=0 clsid=1 cfd=25 size=3',
      // 300 ms between the get of b and the store of b: far beyond the window.
      'ts=200.100000 gid=3 type=item_get key=b status=not_found clsid=0 cfd=25 size=0',
      'ts=200.400000 gid=4 type=item_store key=b status=stored cmd=set ttl=0 clsid=1 cfd=25 size=4',
      '',
    ].join('\n')
    const operations = (text: string) => readAll({file: writeTrace(dir, 'late.watch', text), format: 'memcached-watch'}).requests.map((r) => r.operation)
    expect(operations(lines(true))).toEqual(['write', 'write'])
    expect(operations(lines(false))).toEqual(['write', 'read', 'write'])
  })

  it('memcached watch: a store pairs with its own lookup on its connection even when another connection\'s line was logged between them', () => {
    // Worker threads log into their own buffers, written out in turn: the get of b (another
    // connection, logged after the set of a had finished) can come out between a's lookup and store.
    const text = [
      'ts=300.000000 gid=1 type=item_get key=a status=not_found clsid=0 cfd=30 size=0',
      'ts=300.000200 gid=3 type=item_get key=b status=not_found clsid=0 cfd=31 size=0',
      'ts=300.000010 gid=2 type=item_store key=a status=stored cmd=set ttl=0 clsid=1 cfd=30 size=3',
      'ts=300.000300 gid=4 type=item_get key=a status=found clsid=1 cfd=32 size=3',
      '',
    ].join('\n')
    const {requests} = readAll({file: writeTrace(dir, 'interleaved.watch', text), format: 'memcached-watch'})
    // Lines are put back in gid order: a's set (gid 1, 2) comes first, so a is key 0 and b key 1.
    expect(requests.map((r) => [r.key, r.operation])).toEqual([
      [0, 'write'],
      [1, 'read'],
      [0, 'read'],
    ])
  })

  it('memcached watch: lines of one connection written out of gid order still pair each store with its own lookup', () => {
    // As captured from memcached 1.6.18 under load: the lookup of item:28 (gid 58) comes out
    // before two other sets, and its store (gid 59) after them, all on one connection.
    const text = [
      'ts=10.279688 gid=58 type=item_get key=item%3A28 status=not_found clsid=0 cfd=24 size=0',
      'ts=10.279260 gid=56 type=item_get key=item%3A27 status=not_found clsid=0 cfd=24 size=0',
      'ts=10.279266 gid=57 type=item_store key=item%3A27 status=stored cmd=set ttl=0 clsid=1 cfd=24 size=2',
      'ts=10.278738 gid=54 type=item_get key=item%3A26 status=not_found clsid=0 cfd=24 size=0',
      'ts=10.278738 gid=55 type=item_store key=item%3A26 status=stored cmd=set ttl=0 clsid=1 cfd=24 size=2',
      'ts=10.280443 gid=60 type=item_get key=item%3A29 status=not_found clsid=0 cfd=24 size=0',
      'ts=10.280449 gid=61 type=item_store key=item%3A29 status=stored cmd=set ttl=0 clsid=1 cfd=24 size=2',
      'ts=10.279774 gid=59 type=item_store key=item%3A28 status=stored cmd=set ttl=0 clsid=1 cfd=24 size=2',
      'ts=10.281953 gid=63 type=item_get key=item%3A28 status=found clsid=1 cfd=24 size=2',
      '',
    ].join('\n')
    const {requests} = readAll({file: writeTrace(dir, 'reordered.watch', text), format: 'memcached-watch'})
    // In gid order: the sets of item:26, 27, 28, 29 (keys 0–3), then a get of item:28.
    expect(requests.map((r) => [r.key, r.operation])).toEqual([
      [0, 'write'],
      [1, 'write'],
      [2, 'write'],
      [3, 'write'],
      [2, 'read'],
    ])
  })

  it('generic CSV with named columns', () => {
    const text = 'timestamp,size,key,op\n1,10,x,get\n2,20,y,set\n3,30,x,get\n'
    const {requests} = readAll({file: writeTrace(dir, 'g.csv', text), format: 'csv'})
    expect(requests.map((r) => [r.key, r.operation, r.size, r.timeMs])).toEqual([
      [0, 'read', 10, 1000],
      [1, 'write', 20, 2000],
      [0, 'read', 30, 3000],
    ])
  })

  it('a malformed record names file:line and what was expected; --skip-bad-records tolerates and counts them', () => {
    const text = twitterLines(sample.slice(0, 2)) + 'garbage line\n' + twitterLines(sample.slice(2, 3)) + '12,k,1,notanumber,7,get,0\n'
    const file = writeTrace(dir, 'bad.csv', text)
    expect(() => readAll({file, format: 'twitter'})).toThrow(`${file}:3: malformed twitter record: expected 7 comma-separated fields`)
    expect(() => readAll({file, format: 'twitter', skipBadRecords: 1})).toThrow(`${file}:5: malformed twitter record (more than the 1 --skip-bad-records allows): expected whole byte counts`)
    const {requests, losses} = readAll({file, format: 'twitter', skipBadRecords: 2})
    expect(requests).toHaveLength(3)
    expect(losses.badRecords).toBe(2)
  })

  it('a twitter line with an empty key is malformed, not one key every such line shares', () => {
    const file = writeTrace(dir, 'empty-key.csv', '1,k1,2,100,7,get,0\n2,,0,100,7,get,0\n3,k1,2,100,7,get,0\n')
    expect(() => readAll({file, format: 'twitter'})).toThrow(`${file}:2: malformed twitter record: expected a key in column 2, got an empty one.`)
    const {requests, losses} = readAll({file, format: 'twitter', skipBadRecords: 1})
    expect([requests.map((request) => request.key), losses.badRecords]).toEqual([[0, 0], 1])
  })

  it('a time too large to count in milliseconds is a malformed record, not a span of Infinity', () => {
    const file = writeTrace(dir, 'far.monitor', `1700000000.5 [0 127.0.0.1:5] "GET" "a"\n${'9'.repeat(400)}.5 [0 127.0.0.1:5] "GET" "b"\n`)
    expect(() => readAll({file, format: 'redis-monitor'})).toThrow(`${file}:2: malformed redis-monitor record: expected a time in seconds that a clock can hold, got one too large to count in milliseconds.`)
    expect(readAll({file, format: 'redis-monitor', skipBadRecords: 1}).requests.map((request) => request.timeMs)).toEqual([1_700_000_000_500])
  })

  it('scan counts requests, operations, distinct keys and the time span', () => {
    const scan = scanTrace({file: writeTrace(dir, 's.csv', twitterLines(sample)), format: 'twitter', skipBadRecords: 0})
    expect([scan.requests, scan.reads, scan.writes, scan.deletes, scan.distinctKeys, scan.firstMs, scan.lastMs]).toEqual([5, 2, 2, 1, 3, 10_000, 12_000])
  })

  it('a trace file that is missing or a directory is named in one sentence', () => {
    const missing = `${dir}/missing.csv`
    expect(() => new TraceRequests({file: missing, format: 'twitter', skipBadRecords: 0})).toThrow(`trace file "${missing}" does not exist.`)
    expect(() => readAll({file: dir, format: 'twitter'})).toThrow(/is a directory, not a file\.$/)
  })

  it('an unknown format suggests the nearest name', () => {
    expect(() => new TraceRequests({file: 'x', format: 'twiter', skipBadRecords: 0})).toThrow('trace.format "twiter" is not a trace format; use one of twitter, meta-kv, oracle-general, redis-monitor, memcached-watch, csv (did you mean "twitter"?).')
  })
})
