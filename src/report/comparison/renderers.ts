import type {Comparison} from '../../compare/comparison.js'
import {renderComparison} from '../../compare/comparison-report.js'
import {jsonRenderer} from '../json.js'
import type {Renderer} from '../renderer.js'
import {comparisonHtmlRenderer} from './html.js'
import {comparisonJunitRenderer} from './junit.js'
import {comparisonMarkdownRenderer} from './markdown.js'

const comparisonTerminalRenderer: Renderer<Comparison> = {name: 'terminal', render: renderComparison}

/** Every format `compare` renders to. */
export const comparisonRenderers: readonly Renderer<Comparison>[] = [comparisonTerminalRenderer, jsonRenderer, comparisonMarkdownRenderer, comparisonJunitRenderer, comparisonHtmlRenderer]
