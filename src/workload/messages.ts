/**
 * Turns the first validation problem into one sentence: `<where>: <field path> <requirement>
 * (got <value>).` Field requirements come from the schema's own error messages (fields.ts);
 * this file adds the source, the path, the value and any "did you mean", and supplies wording
 * for the few issues the schema does not word itself.
 */
import type {z} from 'zod'
import type {CrossFieldParams} from './fields.js'
import {suggestNearest} from './suggest.js'

type Issue = z.core.$ZodIssue
type Path = PropertyKey[]

/** Names where a problem came from (the file, or the flag that overrode a field). */
export type SourceLabeller = (paths: Path[]) => string

const NO_SUGGESTION = 'no similar field'

/** Fields of a value size's mapping forms (values.size: {distribution, value, min, max, mean, stddev}). */
const SIZE_FORM_FIELDS = ['distribution', 'value', 'min', 'max', 'mean', 'stddev']

const TYPE_WORDING: Record<string, string> = {
  object: 'must be a mapping of field: value pairs',
  array: 'must be a list',
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  record: 'must be a mapping of field: value pairs',
}

/**
 * Per-parse error map: wording for issues raised by schemas that carry no message of their own.
 * For an unknown field it yields the suggestion, since only here is the object's schema (and so
 * the list of valid names) at hand.
 */
export const fallbackWording: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const shape = (issue.inst?._zod.def as {shape?: Record<string, unknown>} | undefined)?.shape
      const names = shape ? Object.keys(shape) : []
      // values: {distribution: normal, …} is a size's own form written one level too high.
      if (names.length === 1 && names[0] === 'size' && SIZE_FORM_FIELDS.includes(issue.keys[0] ?? '')) return "a size's distribution and bounds go under size, as values: {size: {distribution: …}}"
      const nearest = issue.keys[0] !== undefined ? suggestNearest(issue.keys[0], names) : undefined
      return nearest === undefined ? NO_SUGGESTION : `did you mean "${nearest}"?`
    }
    case 'invalid_type':
      return TYPE_WORDING[issue.expected] ?? `must be ${issue.expected}`
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${String(issue.minimum)}`
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`
    case 'invalid_union':
      return 'must take one of the documented forms'
    default:
      return undefined
  }
}

/** The sentence for the first of `issues` (zod reports them in document order). */
export function describeFirstIssue(issues: readonly Issue[], labelFor: SourceLabeller, whole = 'the workload'): string {
  const issue = mostSpecific(issues[0])
  const field = formatPath(issue.path, whole)
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknownPath = [...issue.path, issue.keys[0]]
      const hint = issue.message === NO_SUGGESTION ? '.' : `; ${issue.message}`
      return `${labelFor([unknownPath])}: unknown field "${formatPath(unknownPath)}"${hint}`
    }
    case 'invalid_value':
      return choiceSentence(labelFor([issue.path]), field, issue.values, issue.input)
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        const given = isMapping(issue.input) ? issue.input[issue.discriminator] : undefined
        return choiceSentence(labelFor([issue.path]), field, issue.options, given)
      }
      return requirementSentence(labelFor([issue.path]), field, issue.message, issue.input)
    case 'custom': {
      const siblings = (issue.params as CrossFieldParams | undefined)?.alsoConcerns ?? []
      const related = siblings.map((name) => [...issue.path.slice(0, -1), name])
      const end = /[.?!]$/.test(issue.message) ? '' : '.'
      return `${labelFor([issue.path, ...related])}: ${field} ${issue.message}${end}`
    }
    default:
      return requirementSentence(labelFor([issue.path]), field, issue.message, issue.input)
  }
}

function requirementSentence(label: string, field: string, requirement: string, input: unknown): string {
  if (input === undefined) return `${label}: ${field} is missing; it ${requirement}.`
  return `${label}: ${field} ${requirement} (got ${describeValue(input)}).`
}

function choiceSentence(label: string, field: string, allowed: readonly unknown[], input: unknown): string {
  const names = allowed.map(String)
  const requirement = names.length === 1 ? `must be ${names[0]}` : `must be one of ${names.join(', ')}`
  if (input === undefined) return `${label}: ${field} is missing; it ${requirement}.`
  const nearest = typeof input === 'string' ? suggestNearest(input, names) : undefined
  // "1" for 1: the text is right, its quotes make it a string.
  const quoted = nearest !== undefined && nearest === input && !allowed.includes(input)
  const hint = nearest === undefined ? '.' : quoted ? `; write it without quotes: ${nearest}.` : `; did you mean "${nearest}"?`
  return `${label}: ${field} ${requirement} (got ${describeValue(input)})${hint}`
}

/**
 * A union that fails reports every branch's problems. When exactly one branch took the value's
 * type (the object form for an object, the string form for a string), its problem is the useful
 * one; otherwise the union's own wording, which names every form, says it best.
 */
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.discriminator !== undefined) return issue
  const candidates = issue.errors.filter((branch) => branch[0] !== undefined && !isTypeMismatch(branch[0], issue.input))
  if (candidates.length !== 1) return issue
  const first = candidates[0][0]
  return mostSpecific({...first, path: [...issue.path, ...first.path]})
}

/** True when a branch rejected the value at the top for being of another kind altogether. */
function isTypeMismatch(issue: Issue, input: unknown): boolean {
  if (issue.path.length > 0) return false
  switch (issue.code) {
    case 'invalid_type':
      return true
    case 'invalid_value':
      return !issue.values.some((value) => typeof value === typeof input)
    case 'invalid_union':
      return issue.discriminator === undefined && issue.errors.every((branch) => branch[0] === undefined || isTypeMismatch(branch[0], input))
    default:
      return false
  }
}

/** `keyspace.hotspot.hotFraction`, `thresholds[2]`; the whole document is `whole` ("the workload"). */
export function formatPath(path: Path, whole = 'the workload'): string {
  if (path.length === 0) return whole
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text === '' ? String(segment) : `.${String(segment)}`
  }
  return text
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  return String(value)
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
