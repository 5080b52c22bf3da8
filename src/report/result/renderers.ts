import type {Result} from '../../metrics/result.js'
import {jsonRenderer} from '../json.js'
import type {Renderer} from '../renderer.js'
import {terminalRenderer} from '../terminal.js'
import {resultHtmlRenderer} from './html.js'
import {resultJunitRenderer} from './junit.js'
import {resultMarkdownRenderer} from './markdown.js'

/** Every format a run's (or a merge's) result renders to. */
export const resultRenderers: readonly Renderer<Result>[] = [terminalRenderer, jsonRenderer, resultMarkdownRenderer, resultJunitRenderer, resultHtmlRenderer]
