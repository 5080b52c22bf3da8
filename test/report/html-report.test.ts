/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ROOT, cli} from '../helpers/cli.js'
import {startBrowser} from '../helpers/browser.js'
import {writeUniformReads} from '../helpers/uniform-reads.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-html-'))
const file = (name: string) => join(dir, name)
/** Screenshots are kept for people to look at (gitignored). */
const ARTEFACTS = join(ROOT, 'test-artifacts', 'html')

// Three phases in an open loop (so service time is measured beside response time) on a pool of
// two built-in nodes, one of which fails halfway: every chart of the run report has something to draw.
const WORKLOAD = `version: 1
name: html-check
seed: 3
keyspace: {count: 5000, distribution: zipfian}
mix: {read: 90, write: 10}
strategy: {name: lazy-loading, ttl: 30s}
origin: {latency: {distribution: lognormal, median: 2ms, p99: 20ms}}
cache: {latency: 200us}
phases:
  - {name: steady, duration: 6s, rate: 1000/s}
  - {name: surge, duration: 3s, rate: 3000/s}
  - {name: after, duration: 6s, rate: 1000/s}
events:
  - {at: 10s, action: node-failure, node: 1}
thresholds: ["hitRatio >= 0.5", "read.p99 < 1ms"]
`
/** The first series' stroke in the page's script: counting its pixels proves the data was drawn, not just the axes. */
const SERIES_RGB = [0x2f, 0x5d, 0x9a]

let browser: Awaited<ReturnType<typeof startBrowser>>

beforeAll(async () => {
  mkdirSync(ARTEFACTS, {recursive: true})
  writeFileSync(file('w.yaml'), WORKLOAD)
  const uniform = writeUniformReads(dir)
  const runs = await Promise.all([
    cli(['run', file('w.yaml'), '--target', 'builtin://?nodes=2', '--report', file('run.html'), '--out', file('run.json')]),
    cli(['compare', 'write-heavy', '--strategy', 'none,lazy-loading,write-through', '--operations', '4000', '--warmup', '500', '--report', file('compare.html'), '--json']),
    // A baseline on three nodes: the failure of one loses less, so the diff has figures to show.
    cli(['run', file('w.yaml'), '--target', 'builtin://?nodes=3', '--out', file('base.json')]),
    cli(['mrc', uniform, '--capacities', '64KiB..512KiB', '--report', file('mrc.html'), '--report', file('mrc.json')]),
    cli(['plan', uniform, '--hit-ratio', '0.5', '--report', file('plan.html'), '--report', file('plan.json')]),
    // A Streams run with a consumer dropping out: messaging figures and charts instead of the cache's.
    cli(['run', 'sensor-stream', '--report', file('stream.html'), '--out', file('stream.json')]),
  ])
  // The 1ms threshold fails (exit 1), so the report has a failure to show.
  expect(runs.map((run) => run.exitCode)).toEqual([1, 0, 1, 0, 0, 0])
  writeFileSync(file('compare.json'), runs[1].stdout)
  const diff = await cli(['diff', file('base.json'), file('run.json'), '--fail-on', 'hitRatio < -0.01', '--fail-on', 'read.p99 > +10%', '--report', file('diff.html')])
  expect([0, 1]).toContain(diff.exitCode)
  browser = await startBrowser()
}, 300_000)

afterAll(async () => {
  await browser?.close()
})

interface Drawn {
  charts: number
  canvases: number
  seriesPixels: number[]
  scrollWidth: number
  embedded: unknown
}

async function openReport(context: BrowserContext, name: string, viewport: {width: number; height: number}): Promise<Drawn & {errors: string[]; requests: string[]}> {
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  const url = pathToFileURL(file(name)).href
  // Self-contained: the page itself is the only thing it may load.
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue()
    requests.push(route.request().url())
    return route.abort()
  })
  await page.goto(url, {waitUntil: 'load', timeout: 60_000})
  await page.waitForFunction(() => document.querySelectorAll('.chart').length === document.querySelectorAll('.chart canvas').length, undefined, {timeout: 60_000})
  const drawn = await page.evaluate((rgb) => {
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('.chart canvas'))
    const seriesPixels = canvases.map((canvas) => {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray()
      let count = 0
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - rgb[0]) < 8 && Math.abs(data[i + 1] - rgb[1]) < 8 && Math.abs(data[i + 2] - rgb[2]) < 8) count++
      }
      return count
    })
    const embedded = JSON.parse(document.getElementById('cb-document')?.textContent ?? 'null') as unknown
    return {charts: document.querySelectorAll('.chart').length, canvases: canvases.length, seriesPixels, scrollWidth: document.documentElement.scrollWidth, embedded}
  }, SERIES_RGB)
  const shot = `${name.replace('.html', '')}-${viewport.width}.png`
  await screenshot(page, join(ARTEFACTS, shot))
  await page.close()
  return {...drawn, errors, requests}
}

/**
 * The page as a picture, kept beside the test results for a person to look at; the assertions
 * read the page itself. Chromium under load sometimes answers "Unable to capture screenshot":
 * a few more tries, and a warning rather than a failure if all of them fail.
 */
async function screenshot(page: Page, path: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot({path, fullPage: true})
      return
    } catch (error) {
      if (attempt === 3) return void console.warn(`no screenshot ${path}: ${(error as Error).message.split('\n')[0]}`)
    }
  }
}

describe('HTML reports in headless Chromium', () => {
  it.each([
    ['run.html', 4, 'run.json'],
    ['compare.html', 2, 'compare.json'],
    ['diff.html', 1, null],
    ['mrc.html', 1, 'mrc.json'],
    ['plan.html', 1, 'plan.json'],
    ['stream.html', 3, 'stream.json'],
  ] as const)('%s loads offline without console errors and draws all %i charts, at 1280 px and on a phone', async (name, charts, source) => {
    for (const viewport of [{width: 1280, height: 900}, {width: 390, height: 844}]) {
      const page = await openReport(browser.context, name, viewport)
      expect(page.errors).toEqual([])
      expect(page.requests).toEqual([])
      expect(page.charts).toBe(charts)
      expect(page.canvases).toBe(charts)
      for (const pixels of page.seriesPixels) expect(pixels).toBeGreaterThan(20)
      // Nothing wider than the screen: wide tables scroll inside their own box.
      expect(page.scrollWidth).toBeLessThanOrEqual(viewport.width)
      if (source) expect(page.embedded).toEqual(JSON.parse(readFileSync(file(source), 'utf8')))
    }
  })

  it('a messaging run\'s report shows what was published and delivered, not cache figures it has none of', () => {
    const html = readFileSync(file('stream.html'), 'utf8')
    const cardLabels = [...html.matchAll(/<div class="card"><div class="label">([^<]+)</g)].map((match) => match[1])
    expect(cardLabels).toEqual(['verdict', 'published/s', 'delivered/s', 'delivery p99', 'lost', 'duplicated', 'errors'])
    expect(html).toContain('<h2>Messaging (streams)</h2>')
    expect(html).toMatch(/<td>trimmed before read<\/td><td>0<\/td>/)
    expect(html).toMatch(/<td>lag max<\/td><td>[\d,]+<\/td>/)
    const charts = JSON.parse(html.match(/<script[^>]*id="cb-charts"[^>]*>([^<]*)<\/script>/)![1]) as Array<{id: string; yFromZero?: boolean}>
    expect(charts.map((chart) => chart.id)).toEqual(['chart-messages', 'chart-delivery-p99', 'chart-lag'])
    expect(charts.every((chart) => chart.yFromZero === true)).toBe(true)
  })

  it('the diff report of two single runs has no p or noise column: only repetitions give them', () => {
    const html = readFileSync(file('diff.html'), 'utf8')
    const gates = html.slice(html.indexOf('<h2>Gates</h2>'))
    const head = gates.slice(0, gates.indexOf('</thead>'))
    expect([...head.matchAll(/<th>([^<]*)<\/th>/g)].map((match) => match[1])).toEqual(['gate', 'baseline', 'new', 'change', 'verdict'])
    const firstRow = gates.slice(gates.indexOf('<tbody>'), gates.indexOf('</tr>', gates.indexOf('<tbody>')))
    expect(firstRow.match(/<td>/g)).toHaveLength(5)
    expect(firstRow).toMatch(/<td><span class="(pass|fail)">/)
  })

  it('the run report names failed thresholds in words and inlines uPlot instead of linking it', () => {
    const html = readFileSync(file('run.html'), 'utf8')
    expect(html).toMatch(/read\.p99 &lt; 1ms<\/td><td>[^<]+<\/td><td><span class="fail">✘ FAIL<\/span>/)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/)
    expect(html).toContain(readFileSync(join(ROOT, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8').slice(0, 200))
  })
})
