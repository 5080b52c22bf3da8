/**
 * The workloads shipped in the package's `workloads/` folder, runnable by name
 * (`cache-bench run read-heavy`).
 */
import {existsSync, readdirSync, statSync} from 'node:fs'
import {basename, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {InputError} from '../errors.js'
import {loadWorkload} from './load-workload.js'
import {suggestNearest} from './suggest.js'

const EXTENSION = '.yaml'

/** Both src/workload/ and dist/workload/ sit two levels below the package root. */
export const BUNDLED_WORKLOADS_DIR = fileURLToPath(new URL('../../workloads/', import.meta.url))

export interface BundledWorkload {
  name: string
  description: string | null
  file: string
}

export function listBundledWorkloads(): BundledWorkload[] {
  return bundledNames().map((name) => {
    const file = join(BUNDLED_WORKLOADS_DIR, name + EXTENSION)
    return {name, description: loadWorkload(file).description, file}
  })
}

/**
 * An existing file path is used as is; otherwise the name (with or without `.yaml`) of a
 * bundled workload; otherwise an error listing the bundled names.
 */
export function resolveWorkloadSource(nameOrPath: string): string {
  const kind = pathKind(nameOrPath)
  // A pipe or a device (/dev/stdin, <(…)) reads as a file does.
  if (kind === 'readable') return nameOrPath
  const name = basename(nameOrPath) === nameOrPath && nameOrPath.endsWith(EXTENSION) ? nameOrPath.slice(0, -EXTENSION.length) : nameOrPath
  const names = bundledNames()
  if (names.includes(name)) return join(BUNDLED_WORKLOADS_DIR, name + EXTENSION)
  if (kind === 'folder') throw new InputError(`"${nameOrPath}" is a folder; give a workload file in it (a .yaml file) or a bundled workload's name.`)
  const nearest = suggestNearest(name, names)
  const hint = nearest === undefined ? '' : ` (did you mean "${nearest}"?)`
  throw new InputError(`no workload file or bundled workload named "${nameOrPath}"${hint}; bundled workloads: ${names.join(', ')}.`)
}

function bundledNames(): string[] {
  if (!existsSync(BUNDLED_WORKLOADS_DIR)) return []
  return readdirSync(BUNDLED_WORKLOADS_DIR)
    .filter((entry) => entry.endsWith(EXTENSION))
    .map((entry) => entry.slice(0, -EXTENSION.length))
    .sort()
}

function pathKind(path: string): 'readable' | 'folder' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'readable'
  } catch {
    return 'missing'
  }
}
