import type {MessagingSummary, Result} from '../../src/metrics/result.js'
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
