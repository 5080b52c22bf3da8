import {DurationHistogram} from '../metrics/histogram.js'
import type {EncodedHistogram, LatencySummary} from '../metrics/result.js'

/**
 * Runs `use` on several parts' encodings of one histogram added bucket by bucket — percentiles
 * are those of one histogram holding every part's values; count, mean, min and max are exact —
 * and frees it afterwards.
 */
export function withMerged<T>(parts: ReadonlyArray<EncodedHistogram | undefined>, use: (merged: DurationHistogram) => T): T {
  const merged = new DurationHistogram()
  try {
    for (const part of parts) if (part) merged.add(part)
    return use(merged)
  } finally {
    merged.destroy()
  }
}

/** The merge of `parts` as a summary and as an encoding, or undefined when no part has values. */
export function mergeEncoded(parts: ReadonlyArray<EncodedHistogram | undefined>): {summary: LatencySummary; encoded: EncodedHistogram} | undefined {
  return withMerged(parts, (merged) => (merged.count === 0 ? undefined : {summary: merged.summary(), encoded: merged.encode()}))
}

/** A name → histogram map merged name by name; names with no values anywhere are left out. */
export function mergeHistogramMaps<Name extends string>(
  maps: ReadonlyArray<Partial<Record<Name, EncodedHistogram>>>,
): {summaries: Partial<Record<Name, LatencySummary>>; encoded: Partial<Record<Name, EncodedHistogram>>} {
  const names = new Set<Name>()
  for (const map of maps) for (const name of Object.keys(map) as Name[]) names.add(name)
  const summaries: Partial<Record<Name, LatencySummary>> = {}
  const encoded: Partial<Record<Name, EncodedHistogram>> = {}
  for (const name of names) {
    const merged = mergeEncoded(maps.map((map) => map[name]))
    if (merged === undefined) continue
    summaries[name] = merged.summary
    encoded[name] = merged.encoded
  }
  return {summaries, encoded}
}
