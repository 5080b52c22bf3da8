import {spawnSync} from 'node:child_process'

/**
 * Makes sure a reference tool from Debian's packages is on PATH, installing its package with
 * apt-get when it is missing (as scripts/test.sh installs the servers the tests start).
 */
export function ensureDebianTool(command: string, debianPackage: string): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  console.error(`Installing ${debianPackage} from Debian's packages (the bench compares with ${command})...`)
  for (const step of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', debianPackage]]) {
    const [program, ...args] = [...sudo, ...step]
    const done = spawnSync(program, args, {stdio: ['ignore', 'ignore', 'inherit'], env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}})
    if (done.status !== 0) throw new Error(`Could not install ${debianPackage}; install it with: apt-get install -y ${debianPackage}`)
  }
}
