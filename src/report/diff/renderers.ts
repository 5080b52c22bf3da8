import type {DiffReport} from '../../diff/diff-report.js'
import {jsonRenderer} from '../json.js'
import type {Renderer} from '../renderer.js'
import {diffHtmlRenderer} from './html.js'
import {diffJunitRenderer} from './junit.js'
import {diffMarkdownRenderer} from './markdown.js'
import {diffTerminalRenderer} from './terminal.js'

/** Every format `diff` renders to. */
export const diffRenderers: readonly Renderer<DiffReport>[] = [diffTerminalRenderer, jsonRenderer, diffMarkdownRenderer, diffJunitRenderer, diffHtmlRenderer]
