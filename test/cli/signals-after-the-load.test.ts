import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli.js'

/**
 * A process that has run its load and is writing its result, as `run` is once runWithFeedback
 * returns: the stop handling is set up and disposed as a run does, then it waits for a line on
 * stdin (the test's "the result is written") before printing and ending normally.
 */
const FINISHING = `
import {stopOnSignals} from './dist/cli/graceful-stop.js'
const stop = stopOnSignals(() => {}, () => {})
stop.dispose()
console.log('load ended')
process.stdin.once('data', () => {
  console.log('result written')
  process.exit(0)
})
`

function finishingProcess() {
  const child = execa('node', ['--input-type=module', '-e', FINISHING], {cwd: ROOT, reject: false, timeout: 30_000})
  const said = (text: string) =>
    new Promise<void>((resolve) => {
      let out = ''
      child.stdout?.on('data', (chunk) => {
        out += String(chunk)
        if (out.includes(text)) resolve()
      })
    })
  // The handler has run once its sentence is on stderr (or the signal ended the process).
  const handled = () => Promise.race([new Promise<void>((resolve) => child.stderr?.once('data', () => resolve())), child.then(() => undefined)])
  return {child, ready: said('load ended'), handled}
}

describe('a signal once the load has ended', () => {
  it('lets the result be finished: the command ends as it would have, saying why it did not stop', async () => {
    const {child, ready, handled} = finishingProcess()
    await ready
    child.kill('SIGINT')
    await handled()
    child.stdin?.write('\n')
    const done = await child
    expect(done.exitCode).toBe(0)
    expect(done.stdout).toContain('result written')
    expect(done.stderr).toBe('The run has ended: finishing its result (press Ctrl-C again to quit at once)…')
  })

  it('a second one quits at once, with the exit code of the signal', async () => {
    const {child, ready, handled} = finishingProcess()
    await ready
    child.kill('SIGTERM')
    await handled()
    child.kill('SIGTERM')
    const done = await child
    expect(done.exitCode).toBe(143)
    expect(done.stdout).not.toContain('result written')
  })
})
