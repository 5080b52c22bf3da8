import type {Renderer} from './renderer.js'

/** The result document itself (docs/contracts.md, Result JSON), indented for people, newline-terminated for shells. */
export const jsonRenderer: Renderer = {
  name: 'json',
  render: (result) => `${JSON.stringify(result, null, 2)}\n`,
}
