import {writeFileAtomic} from './write-file-atomic.js'
import type {Renderer} from './renderer.js'

/** The document itself (results: docs/contracts.md, Result JSON), indented for people, newline-terminated for shells. */
export const jsonRenderer: Renderer<unknown> = {
  name: 'json',
  render: (document) => `${JSON.stringify(document, null, 2)}\n`,
}

/** Writes a document as the JSON renderer prints it, atomically. */
export async function writeJsonFile(path: string, document: unknown): Promise<void> {
  await writeFileAtomic(path, jsonRenderer.render(document, {colour: false, width: 80}))
}
