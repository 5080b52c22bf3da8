import {defineTests} from './redis-target-cases.js'

defineTests(['ioredis'])
