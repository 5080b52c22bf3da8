import {InputError} from '../errors.js'
import {encodedHistogramProblem} from '../metrics/histogram.js'
import type {EncodedHistogram, Result, ResultHistograms} from '../metrics/result.js'

/**
 * Every encoded histogram of a result file (the run's and each phase's) decodes and holds the
 * values its count says: a file whose histogram data was cut or edited is refused by field, exit
 * code 2, instead of failing inside the merge or being summed into wrong percentiles.
 */
export function checkEncodedHistograms(result: Result, file: string, hint: string): void {
  check(result.histograms, 'histograms', file, hint)
  result.phases?.forEach((phase, index) => check(phase.histograms, `phases[${index}].histograms`, file, hint))
}

function check(histograms: ResultHistograms | undefined, path: string, file: string, hint: string): void {
  if (histograms === undefined) return
  for (const [field, encoded] of namedHistograms(histograms, path)) {
    const problem = encodedHistogramProblem(encoded)
    if (problem !== undefined) throw new InputError(`${file}: ${field}.hdr is not a histogram as cache-bench writes it: it ${problem}; ${hint}.`)
  }
}

function* namedHistograms(histograms: ResultHistograms, path: string): Generator<[string, EncodedHistogram]> {
  for (const [name, encoded] of Object.entries(histograms.latency)) if (encoded !== undefined) yield [`${path}.latency.${name}`, encoded]
  for (const [name, encoded] of Object.entries(histograms.serviceTime)) if (encoded !== undefined) yield [`${path}.serviceTime.${name}`, encoded]
  if (histograms.staleness !== undefined) yield [`${path}.staleness`, histograms.staleness]
  if (histograms.originQueued !== undefined) yield [`${path}.originQueued`, histograms.originQueued]
  for (const [index, point] of histograms.timeline.entries()) if (point.read !== undefined) yield [`${path}.timeline[${index}].read`, point.read]
}
