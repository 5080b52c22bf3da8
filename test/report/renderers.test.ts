import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {getRenderer, rendererNames} from '../../src/report/renderers.js'
import {createResultFixture} from '../fixtures/result.js'

describe('renderer registry', () => {
  it('finds each renderer by its name', () => {
    expect(rendererNames()).toEqual(expect.arrayContaining(['terminal', 'json']))
    for (const name of rendererNames()) expect(getRenderer(name).name).toBe(name)
  })

  it('rejects an unknown format, listing the known ones', () => {
    expect(() => getRenderer('yaml')).toThrow(InputError)
    expect(() => getRenderer('yaml')).toThrow(/unknown report format "yaml"; use one of .*terminal.*json/)
  })
})

describe('json renderer', () => {
  it('round-trips the result as indented JSON ending in a newline', () => {
    const result = createResultFixture()
    const text = getRenderer('json').render(result, {colour: true, width: 80})
    expect(JSON.parse(text)).toEqual(result)
    expect(text.endsWith('}\n')).toBe(true)
    expect(text).toContain('\n  "schema": "cache-bench.result/v1",\n')
    expect(text).not.toContain('\u001b')
  })
})
