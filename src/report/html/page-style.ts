/**
 * The report's own styles: one column that reads on a phone and stays under 1200 px on a
 * desktop; verdicts carry words and symbols, never colour alone.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d9dde3; --bad: #a3211f; --good: #1b6b35; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.45rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 28px 0 8px; }
.meta { color: var(--muted); margin: 0 0 16px; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: .85rem; } .card .value { font-size: 1.35rem; font-weight: 600; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px; margin: 10px 0; overflow: hidden; }
.chart h3 { font-size: .95rem; margin: 2px 4px 6px; }
.table-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.fail { color: var(--bad); font-weight: 600; } .pass { color: var(--good); font-weight: 600; }
.bar { display: inline-block; height: 10px; background: #4a6fa5; vertical-align: middle; margin-right: 6px; }
.bar.p99 { background: repeating-linear-gradient(45deg, #c0792a 0 4px, #e3b27a 4px 8px); }
.best { font-weight: 700; }
footer { color: var(--muted); font-size: .8rem; margin: 28px 0 8px; }
`
