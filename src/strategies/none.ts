import type {ReadAnswer, Steps, Strategy} from './strategy.js'

/** The baseline without a cache: every operation goes to the origin. */
export class NoCacheStrategy implements Strategy {
  readonly name = 'none'
  readonly usesCache = false

  async read(key: number, steps: Steps): Promise<ReadAnswer> {
    return {value: await steps.originRead(key), fromCache: false}
  }

  async write(key: number, steps: Steps): Promise<void> {
    await steps.originWrite(key)
  }

  async delete(key: number, steps: Steps): Promise<void> {
    await steps.originDelete(key)
  }
}
