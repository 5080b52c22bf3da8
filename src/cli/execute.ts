// The entry bin/run.js starts from: oclif's execute, taken from the same bundle as the commands so
// that one copy of @oclif/core is loaded (scripts/bundle.js).
import {execute} from '@oclif/core'
import {guardStandardOutput} from './standard-output.js'

// After @oclif/core has loaded: it listens for errors on stdout itself, and rethrows them.
guardStandardOutput()

export {execute}
