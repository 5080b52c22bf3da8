import {Flags} from '@oclif/core'
import {InputError} from '../errors.js'
import {resolveWorkloadSource} from '../workload/bundled.js'
import {loadWorkload, parseWorkload, type WorkloadOverrides} from '../workload/load-workload.js'
import {TRACE_FORMAT_NAMES, type Workload} from '../workload/types.js'

/** Replay a trace instead of (or in place of the keys of) a workload file. */
export const traceFlags = {
  trace: Flags.string({description: 'Replay this cache trace (.gz and .zst are read as streams); replaces the workload\'s keyspace, values and mix.', helpValue: 'FILE', helpGroup: 'TRACE'}),
  'trace-format': Flags.string({description: 'Layout of the --trace file.', options: [...TRACE_FORMAT_NAMES], helpGroup: 'TRACE'}),
  'skip-bad-records': Flags.integer({description: 'Tolerate (and count) up to this many malformed trace records.', min: 0, helpGroup: 'TRACE'}),
  'trace-speed': Flags.string({
    description: "Pacing of the trace: 1 follows its timestamps, 10 replays ten times faster, max back to back (the workload's trace.speed otherwise; a --trace alone is paced at 1).",
    helpValue: '1|10|max',
    helpGroup: 'TRACE',
  }),
}

/** The trace commands' own flags: the file is their argument. */
export const traceFileFlags = {
  format: Flags.string({char: 'f', description: 'Layout of the trace file (--trace-format, as on run, mrc and plan, works too).', aliases: ['trace-format'], options: [...TRACE_FORMAT_NAMES], required: true}),
  'skip-bad-records': Flags.integer({description: 'Tolerate (and count) up to this many malformed records.', min: 0, default: 0}),
}

export interface TraceFlagValues {
  trace?: string
  'trace-format'?: string
  'skip-bad-records'?: number
  'trace-speed'?: string
}

export function traceOverrides(flags: TraceFlagValues): Pick<WorkloadOverrides, 'trace' | 'traceFormat' | 'skipBadRecords' | 'traceSpeed'> {
  return {trace: flags.trace, traceFormat: flags['trace-format'], skipBadRecords: flags['skip-bad-records'], traceSpeed: speedValue(flags['trace-speed'])}
}

/** `--trace-speed 10` is the number 10, `max` stays text; anything else goes on as given, for the workload's checks to refuse by the flag's name. */
function speedValue(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed
}

/** The workload argument, or with --trace alone a workload of defaults driven by the trace. */
export function loadWorkloadOrTrace(source: string | undefined, overrides: WorkloadOverrides): Workload {
  if (source !== undefined) return loadWorkload(resolveWorkloadSource(source), overrides)
  if (overrides.trace === undefined) throw new InputError('Give a workload file (or bundled workload name), or a trace with --trace FILE --trace-format FORMAT.')
  return {...parseWorkload('version: 1\n', '--trace', overrides), name: 'trace', file: null}
}
