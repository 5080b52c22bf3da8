/** One chart of an HTML report, computed from the document and drawn in the page by uPlot. */
export interface ChartSpec {
  id: string
  title: string
  xLabel: string
  yLabel: string
  /** Logarithmic axes (the percentile spectrum). */
  xLog?: boolean
  yLog?: boolean
  /** The y axis starts at zero (rates, latencies), instead of fitting the data's range. */
  yFromZero?: boolean
  /** Points only, each labelled: a scatter of cells. */
  scatter?: boolean
  /** Ascending (uPlot draws x in order). */
  x: number[]
  series: {label: string; values: (number | null)[]}[]
  /** Vertical markers with a text label: phases, events, the chosen size. */
  marks?: {x: number; label: string}[]
  /** Scatter only: a text label beside each point, in x order. */
  pointLabels?: string[]
  /** How the x axis prints its ticks: plain numbers, "1 in N" for percentile spectra, powers of ten as 100k, 1M, 10M for sizes on a log axis, or whole numbers only (numbered items: gates). */
  xTicks?: 'plain' | 'one-in' | 'decades' | 'whole'
}
