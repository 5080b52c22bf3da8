import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {STOP_SIGNALS} from '../../cli/graceful-stop.js'
import {InputError} from '../../errors.js'
import {checkWritable} from '../../report/write-file-atomic.js'
import {captureFormat, captureTrace, checkCaptureUrl} from '../../trace/capture/capture-trace.js'
import type {CaptureSummary} from '../../trace/capture/capture-stream.js'
import {formatCount} from '../../report/format.js'
import {MAX_RUN_MS} from '../../workload/limits.js'
import {formatDuration, formatSize, parseDuration, parseSize} from '../../workload/units.js'

export default class TraceCaptureCommand extends BaseCommand {
  static override summary = "Record a server's live traffic as a trace: Redis MONITOR, or memcached's watch fetchers mutations."

  static override description = `Stops after --duration or once the file reaches --max-size, whichever comes first (Ctrl-C stops it too). MONITOR makes Redis send every command to this client as well, which costs the server a large share of its throughput while it runs: capture briefly, and not from a server that is already near its limit. Replay the file with --trace FILE --trace-format redis-monitor (or memcached-watch).`

  static override examples = [
    '<%= config.bin %> trace capture redis://127.0.0.1:6379 --duration 30s --out t.monitor',
    '<%= config.bin %> trace capture memcached://127.0.0.1:11211 --duration 30s --out t.watch',
  ]

  static override args = {url: Args.string({description: 'redis://[user:pass@]host:port, rediss://…, or memcached://host:port', required: true})}

  static override flags = {
    out: Flags.string({char: 'o', description: 'The trace file to write.', required: true, helpValue: 'FILE'}),
    duration: Flags.string({description: 'How long to record, e.g. 30s.', default: '30s', helpValue: 'DURATION'}),
    'max-size': Flags.string({description: 'Stop once the file holds this much, e.g. 512MiB.', default: '256MiB', helpValue: 'SIZE'}),
  }

  async run(): Promise<CaptureSummary> {
    const {args, flags} = await this.parse(TraceCaptureCommand)
    const durationMs = parseDuration(flags.duration, '--duration')
    if (!(durationMs > 0)) throw new InputError(`--duration must be longer than 0, e.g. 30s (got "${flags.duration}").`)
    // Past a week a capture is a mistake, and past 2^31 ms the timer that ends it would fire at once.
    if (durationMs > MAX_RUN_MS) throw new InputError(`--duration may be at most ${formatDuration(MAX_RUN_MS)}, as a run's (got "${flags.duration}").`)
    const maxBytes = parseSize(flags['max-size'], '--max-size')
    // Before the server is asked for anything: a typo in the path must not cost a capture.
    await checkWritable(flags.out, '--out')
    checkCaptureUrl(args.url)
    const format = captureFormat(args.url)
    if (format === 'redis-monitor') process.stderr.write('Warning: MONITOR costs the Redis server throughput for as long as the capture runs.\n')
    const stop = new AbortController()
    const onSignal = () => stop.abort()
    for (const signal of STOP_SIGNALS) process.once(signal, onSignal)
    try {
      const capture = captureTrace({url: args.url, out: flags.out, durationMs, maxBytes, signal: stop.signal})
      const summary = await capture.done
      if (!this.jsonEnabled()) {
        this.log(`${formatCount(summary.lines)} lines (${formatSize(summary.bytes)}) in ${formatDuration(summary.durationMs)} from ${summary.url} written to ${summary.file}, stopped by ${summary.stoppedBy}; replay with --trace ${summary.file} --trace-format ${format}`)
      }
      return summary
    } finally {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal)
    }
  }
}
