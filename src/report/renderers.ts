import {InputError} from '../errors.js'
import {jsonRenderer} from './json.js'
import type {Renderer} from './renderer.js'
import {terminalRenderer} from './terminal.js'

const RENDERERS: readonly Renderer[] = [terminalRenderer, jsonRenderer]

export function rendererNames(): string[] {
  return RENDERERS.map((renderer) => renderer.name)
}

export function getRenderer(name: string): Renderer {
  const renderer = RENDERERS.find((candidate) => candidate.name === name)
  if (!renderer) {
    throw new InputError(`unknown report format "${name}"; use one of ${rendererNames().join(', ')}.`)
  }
  return renderer
}
