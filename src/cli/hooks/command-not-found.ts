import type {Hook} from '@oclif/core'
import {ExitCode} from '../../errors.js'
import {suggestNearest} from '../../workload/suggest.js'

/**
 * An unknown command is bad input (exit 2) told in one sentence, with the nearest command when
 * the word looks like a typo of one ("rnu" → "run"). oclif joins the words of the command line
 * with ":" into `id`; the first is the command the user meant.
 */
const hook: Hook<'command_not_found'> = async function ({config, id}) {
  const [word] = id.split(':')
  const commands = config.commands.filter((command) => !command.hidden).map((command) => command.id.replaceAll(':', ' '))
  const nearest = suggestNearest(word, commands)
  const hint = nearest === undefined ? `the commands are ${commands.sort().join(', ')}.` : `did you mean "${nearest}"?`
  process.stderr.write(`Error: "${word}" is not a ${config.bin} command; ${hint} See "${config.bin} --help".\n`)
  process.exitCode = ExitCode.badInput
}

export default hook
