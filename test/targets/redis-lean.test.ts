import {defineTests} from './redis-target-cases.js'

defineTests(['lean'], {withClientIndependentTests: true})
