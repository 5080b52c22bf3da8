// The entry bin/run.js starts from: oclif's execute, taken from the same bundle as the commands so
// that one copy of @oclif/core is loaded (scripts/bundle.js).
export {execute} from '@oclif/core'
