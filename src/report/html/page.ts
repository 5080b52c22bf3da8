import {uplotAssets} from './assets.js'
import type {ChartSpec} from './chart-spec.js'
import {CLIENT_SCRIPT} from './client-script.js'
import {embeddedJson, escapeHtml} from './escape.js'
import {PAGE_STYLE} from './page-style.js'

/**
 * One self-contained HTML document: styles, uPlot and the drawing script inline, the charts'
 * data and the raw document (result, comparison, diff) embedded as JSON so the figures can be
 * reproduced from the page alone.
 */
export function htmlPage(options: {title: string; meta: string; body: string; charts: readonly ChartSpec[]; document: unknown; tool: string}): string {
  const {script, style} = uplotAssets()
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${style}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(options.title)}</h1>
<p class="meta">${escapeHtml(options.meta)}</p>
${options.body}
<footer>Written by ${escapeHtml(options.tool)}. The raw document is embedded in this page as JSON (script#cb-document).</footer>
</main>
<script type="application/json" id="cb-document">${embeddedJson(options.document)}</script>
<script type="application/json" id="cb-charts">${embeddedJson(options.charts)}</script>
<script>${script}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`
}

/** A chart's place in the page; the script draws into the div with the spec's id. */
export function chartSection(spec: ChartSpec): string {
  return `<section class="chart"><h3>${escapeHtml(spec.title)}</h3><div id="${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(spec.title)}"></div></section>`
}

export function cards(items: readonly {label: string; value: string}[]): string {
  return `<div class="cards">${items.map((i) => `<div class="card"><div class="label">${escapeHtml(i.label)}</div><div class="value">${escapeHtml(i.value)}</div></div>`).join('')}</div>`
}

/** A table of text cells (escaped here); `raw` columns hold HTML already made safe. */
export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[], raw: readonly number[] = []): string {
  const cell = (text: string, i: number, tag: string): string => `<${tag}>${raw.includes(i) ? text : escapeHtml(text)}</${tag}>`
  const body = rows.map((row) => `<tr>${row.map((text, i) => cell(text, i, 'td')).join('')}</tr>`).join('\n')
  return `<div class="table-wrap"><table><thead><tr>${head.map((h, i) => cell(h, -1 - i, 'th')).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
}

/** A verdict in words with a symbol; the class only adds colour. */
export function verdictHtml(pass: boolean, words?: string): string {
  return `<span class="${pass ? 'pass' : 'fail'}">${pass ? '✔' : '✘'} ${escapeHtml(words ?? (pass ? 'pass' : 'FAIL'))}</span>`
}
