import {execa} from 'execa'
import {fileURLToPath} from 'node:url'

const XSD = fileURLToPath(new URL('../fixtures/junit.xsd', import.meta.url))

/** Validates a JUnit file with xmllint (libxml2-utils, installed by scripts/test.sh); returns its complaints. */
export async function junitProblems(file: string): Promise<string | null> {
  const run = await execa('xmllint', ['--noout', '--schema', XSD, file], {reject: false})
  return run.exitCode === 0 ? null : String(run.stderr)
}
