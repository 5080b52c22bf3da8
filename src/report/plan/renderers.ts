import type {PlanResult} from '../../plan/plan-result.js'
import {renderPlanMarkdown, renderPlanTerminal} from '../../plan/render-plan.js'
import {jsonRenderer} from '../json.js'
import type {Renderer} from '../renderer.js'
import {planHtmlRenderer} from './html.js'

/** Every format `plan` renders to. */
export const planRenderers: readonly Renderer<PlanResult>[] = [
  {name: 'terminal', render: renderPlanTerminal},
  jsonRenderer,
  {name: 'markdown', render: renderPlanMarkdown},
  planHtmlRenderer,
]
