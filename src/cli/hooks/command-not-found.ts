import type {Hook} from '@oclif/core'
import {ExitCode} from '../../errors.js'
import {suggestNearest} from '../../workload/suggest.js'

/**
 * An unknown command is bad input (exit 2) told in one sentence, with the nearest command when
 * the word looks like a typo of one ("rnu" → "run"). oclif joins the words of the command line
 * with ":" into `id`. The first is the command the user meant, or a topic ("trace"), when the
 * second word is the command within it ("trace stat" → "trace stats").
 */
const hook: Hook<'command_not_found'> = async function ({config, id}) {
  const words = id.split(':')
  const ids = config.commands.filter((command) => !command.hidden).map((command) => command.id)
  const topic = words[0]
  const inTopic = words.length > 1 && ids.some((command) => command.startsWith(`${topic}:`))
  // A command that takes no arguments, given one ("workloads foo"): oclif looks for "workloads:foo".
  if (!inTopic && words.length > 1 && ids.includes(topic)) {
    process.stderr.write(`Error: "${config.bin} ${topic}" takes no arguments (got "${words.slice(1).join(' ')}"); see "${config.bin} ${topic} --help".\n`)
    process.exitCode = ExitCode.badInput
    return
  }
  const typed = inTopic ? `${topic} ${words[1]}` : topic
  const commands = (inTopic ? ids.filter((command) => command.startsWith(`${topic}:`)) : ids).map((command) => command.replaceAll(':', ' '))
  // Within a topic, the command's own word is matched: the topic they share says nothing.
  const word = inTopic ? suggestNearest(words[1], commands.map((command) => command.slice(topic.length + 1))) : suggestNearest(topic, commands)
  const nearest = word === undefined ? undefined : inTopic ? `${topic} ${word}` : word
  const hint = nearest === undefined ? `the ${inTopic ? `${topic} ` : ''}commands are ${commands.sort().join(', ')}.` : `did you mean "${nearest}"?`
  process.stderr.write(`Error: "${typed}" is not a ${config.bin} command; ${hint} See "${config.bin} --help".\n`)
  process.exitCode = ExitCode.badInput
}

export default hook
