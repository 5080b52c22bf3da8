import type {Renderer} from './renderer.js'

/** The document itself (DESIGN §6 for results), indented for people, newline-terminated for shells. */
export const jsonRenderer: Renderer<unknown> = {
  name: 'json',
  render: (document) => `${JSON.stringify(document, null, 2)}\n`,
}
