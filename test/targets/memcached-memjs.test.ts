import {defineTests} from './memcached-target-cases.js'

defineTests(['memjs'])
