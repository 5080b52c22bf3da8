import type {MrcResult} from '../../mrc/mrc-result.js'
import {renderMrcMarkdown, renderMrcTerminal} from '../../mrc/render-mrc.js'
import {jsonRenderer} from '../json.js'
import type {Renderer} from '../renderer.js'
import {mrcHtmlRenderer} from './html.js'

/** Every format `mrc` renders to. */
export const mrcRenderers: readonly Renderer<MrcResult>[] = [
  {name: 'terminal', render: renderMrcTerminal},
  jsonRenderer,
  {name: 'markdown', render: renderMrcMarkdown},
  mrcHtmlRenderer,
]
