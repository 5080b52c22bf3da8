import {runWorkload} from '../src/runner/run-workload.js'
import {loadWorkload} from '../src/workload/load-workload.js'
const w = loadWorkload(process.argv[2])
const ops = Number(process.argv[3] ?? 1000000)
const wl = {...w, load: {...w.load, operations: ops, warmup: {operations: 0}}}
await runWorkload({...wl, load: {...wl.load, operations: 50000}})
const t = performance.now()
const cpu0 = process.cpuUsage()
const r = await runWorkload(wl, process.argv[4] ? {engine: 'async'} : {engine: 'simulation'})
const ms = performance.now() - t
const c = process.cpuUsage(cpu0); const cpuMs = (c.user + c.system) / 1000
console.log(process.argv[2], (ops / ms * 1000 / 1e6).toFixed(3), 'M ops/s wall', ms.toFixed(0), 'cpu ms', cpuMs.toFixed(0), 'M ops per cpu s', (ops / cpuMs / 1000).toFixed(3), 'ms; wallMs', r.wallMs.toFixed(0), 'hit', r.summary.hitRatio.toFixed(4))
