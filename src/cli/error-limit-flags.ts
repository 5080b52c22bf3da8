import {Flags} from '@oclif/core'
import {DEFAULT_MAX_ERROR_RATIO, parseMaxErrorRatio} from '../metrics/error-limit.js'

/** `--max-error-ratio`, shared by the commands that judge a run's failed cache commands (run, merge). */
export const errorLimitFlags = {
  'max-error-ratio': Flags.string({
    description: 'Share of cache commands that may fail before the run is marked failed (exit 4): a fraction or a percentage.',
    default: String(DEFAULT_MAX_ERROR_RATIO),
    helpValue: 'RATIO',
  }),
}

export const maxErrorRatioFromFlags = (flags: {'max-error-ratio': string}): number => parseMaxErrorRatio(flags['max-error-ratio'])
