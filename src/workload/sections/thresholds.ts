import {z} from 'zod'
import {CacheBenchError} from '../../errors.js'
import {parseThreshold} from '../../metrics/thresholds.js'

const THRESHOLD_REQUIREMENT = 'must be a threshold expression such as "hitRatio >= 0.9"'

/** Each expression is parsed at load time, so a typo fails before the run rather than after it. */
const thresholdExpression = z
  .string({error: THRESHOLD_REQUIREMENT})
  .trim()
  .min(1, {error: THRESHOLD_REQUIREMENT})
  .superRefine((expression, context) => {
    try {
      parseThreshold(expression)
    } catch (error) {
      if (!(error instanceof CacheBenchError)) throw error
      context.addIssue({code: 'custom', input: expression, message: `is not usable: ${error.message.replace(/\.$/, '')}`})
    }
  })

export const thresholdsSection: z.ZodType<string[], unknown> = z
  .array(thresholdExpression, {error: 'must be a list of threshold expressions such as "hitRatio >= 0.9"'})
  .meta({description: 'Pass/fail conditions on the result, e.g. "hitRatio >= 0.9" or "read.p99 < 2ms"; a failed one exits with code 1.'})
