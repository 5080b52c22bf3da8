import type {ProgressSnapshot} from '../runner/progress.js'
import {formatDuration} from '../workload/units.js'

/**
 * A single live line on stderr (so stdout stays a clean report or JSON), redrawn in place.
 * Shown on a terminal, or when asked for with --progress; never in CI logs by default.
 */
export class ProgressLine {
  private drawn = false

  constructor(private readonly stream: NodeJS.WriteStream) {}

  static wanted(stream: NodeJS.WriteStream, forced: boolean): boolean {
    return forced || stream.isTTY === true
  }

  draw(snapshot: ProgressSnapshot): void {
    const percent = `${Math.floor(snapshot.fraction * 100)}%`.padStart(4)
    const hit = snapshot.hitRatio === null ? '-' : `${(snapshot.hitRatio * 100).toFixed(1)}%`
    const p99 = snapshot.readP99 === null ? '-' : formatDuration(snapshot.readP99)
    const rate = `${Math.round(snapshot.throughput).toLocaleString('en-US')} ops/s`
    const line = `${percent}  ${formatDuration(snapshot.elapsedMs)}  ${rate}  hit ${hit}  read p99 ${p99}`
    this.stream.write(this.stream.isTTY ? `\r\u001B[2K${line}` : `${line}\n`)
    this.drawn = true
  }

  clear(): void {
    if (this.drawn && this.stream.isTTY) this.stream.write('\r\u001B[2K')
    this.drawn = false
  }
}
