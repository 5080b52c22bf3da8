import type {MessagingSummary, Result, StreamGroupSummary} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import type {Workload} from '../../src/workload/types.js'

/** A messaging workload from YAML lines (the version line is added). */
export function messagingWorkload(yaml: string): Workload {
  return parseWorkload(`version: 1\nname: messaging-test\n${yaml}`, 'messaging-test.yaml')
}

export function messagingOf(result: Result): MessagingSummary {
  if (!result.summary.messaging) throw new Error('the result has no summary.messaging')
  return result.summary.messaging
}

/** A Streams result's consumer groups. */
export function groupsOf(result: Result): StreamGroupSummary[] {
  const groups = messagingOf(result).groups
  if (!groups) throw new Error('the result has no summary.messaging.groups')
  return groups
}

/**
 * The largest consumer-group lag sampled in the timeline interval that ends at `atMs`: the
 * runner samples once, at each interval's end.
 */
export function lagSampledAt(result: Result, atMs: number): number | null | undefined {
  return result.timeline.find((row) => Math.abs(row.atMs + result.timelineIntervalMs - atMs) < 1e-9)?.lag
}

/**
 * A Streams workload through `cache-bench run`'s runner against a server the test started: 64-byte
 * messages, the rest from `body` (the `messaging:` section's lines after `payload`, then `load:`
 * and `events:`). The streams stay in place for the test to read back unless `keepKeys` is false.
 */
export function runStreams(url: string, keyPrefix: string, body: string, keepKeys = true): Promise<Result> {
  const workload = messagingWorkload(`seed: 1\nmessaging:\n  payload: {size: 64B}\n  ${body}\n`)
  // A loaded machine may hold an XADD's reply back past the default timeout: such a publish is an
  // error of unknown outcome (unknown-outcome.test.ts), not what these tests are about.
  return runWorkload(workload, {target: url, targetOptions: {keyPrefix, timeoutMs: 10_000, keepKeys}, intervalMs: 50})
}
