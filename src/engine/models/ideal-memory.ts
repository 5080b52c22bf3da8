import {itemBytes} from '../item-size.js'
import type {MemoryModel} from './memory-model.js'

/** Today's exact accounting: value + key + a fixed per-item overhead (item-size.ts) against one byte limit. */
export class IdealMemory implements MemoryModel {
  readonly overwritesInPlace = true

  constructor(private readonly byteLimit: number) {}

  charge(key: number, valueSize: number): number {
    return itemBytes(key, valueSize)
  }

  fitsAlone(charge: number): boolean {
    return charge <= this.byteLimit
  }

  hasRoom(charge: number, bytesUsed: number): boolean {
    return bytesUsed + charge <= this.byteLimit
  }

  taken(): void {}

  returned(): void {}
}
