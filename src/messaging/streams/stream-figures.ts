import type {StreamGroupSummary} from '../../metrics/result.js'
import type {GroupLedger} from './group-ledger.js'

/** One group's account at the end of a stream run (the fields as docs/contracts.md, Messaging, gives them), under its server-side name. */
export interface GroupFigures extends Omit<StreamGroupSummary, 'name'> {
  group: string
}

/** A group's figures from its ledger and what the server still holds for it; trimmed are what is neither received nor left. */
export function groupFigures(group: string, ledger: GroupLedger, published: number, unread: number, pending: number): GroupFigures {
  return {
    group,
    delivered: ledger.delivered,
    duplicated: ledger.duplicated,
    acknowledged: ledger.acknowledged,
    holes: ledger.holes,
    unread,
    trimmedBeforeRead: Math.max(0, published - ledger.delivered - unread - pending),
    pending,
  }
}

/** At one moment of the run: the largest lag of any group, and pending entries over all groups. */
export interface StreamSample {
  atMs: number
  lag: number | null
  pending: number
  delivered: number
}

export interface StreamFigures {
  published: number
  publishErrors: number
  /** published × groups: every group should see every message. */
  expectedDeliveries: number
  delivered: number
  duplicated: number
  /** Expected deliveries never made: trimmed before read, or still unread when the run ended. */
  lost: number
  trimmedBeforeRead: number
  pending: number
  /** The most lagging group's lag: the most seen while sampling, and the last sample of the load. */
  lag: {max: number; final: number} | null
  samples: StreamSample[]
  perGroup: GroupFigures[]
  /** Consumer commands that failed while connected. */
  consumerErrors: number
}

export function sumFigures(published: number, publishErrors: number, perGroup: GroupFigures[], samples: StreamSample[], consumerErrors: number): StreamFigures {
  const sum = (pick: (group: GroupFigures) => number) => perGroup.reduce((total, group) => total + pick(group), 0)
  const lags = samples.map((sample) => sample.lag).filter((lag): lag is number => lag !== null)
  const expectedDeliveries = published * perGroup.length
  const delivered = sum((group) => group.delivered)
  return {
    published,
    publishErrors,
    expectedDeliveries,
    delivered,
    duplicated: sum((group) => group.duplicated),
    lost: Math.max(0, expectedDeliveries - delivered),
    trimmedBeforeRead: sum((group) => group.trimmedBeforeRead),
    pending: sum((group) => group.pending),
    lag: lags.length === 0 ? null : {max: lags.reduce((most, lag) => Math.max(most, lag), 0), final: lags[lags.length - 1]},
    samples,
    perGroup,
    consumerErrors,
  }
}
