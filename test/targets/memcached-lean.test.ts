import {defineTests} from './memcached-target-cases.js'

defineTests(['lean'], {withClientIndependentTests: true})
