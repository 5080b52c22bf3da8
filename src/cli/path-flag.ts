import {Flags} from '@oclif/core'

type PathFlagOptions = {char?: 'o'; description: string; helpValue: string}

/**
 * A flag naming a file or folder to write. An empty value (`--out ""`, or an unset shell
 * variable) is refused: read as no flag at all, the command ran and wrote nothing, unsaid.
 */
export function pathFlag(options: PathFlagOptions) {
  return Flags.string({
    ...options,
    parse: async (input) => {
      // Exit 2, worded as oclif's own parse errors are (parse-error-sentence.ts).
      if (input.trim() === '') throw Object.assign(new Error('needs a path; got an empty one.'), {oclif: {exit: 2}})
      return input
    },
  })
}
