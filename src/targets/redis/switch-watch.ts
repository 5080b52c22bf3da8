/**
 * What the application sees while it switches: commands fail from the moment the primary is
 * gone until the first command succeeds on the promoted replica.
 */
export class SwitchWatch {
  errors = 0
  firstSuccessAt: number | null = null

  constructor(
    readonly startedAt: number,
    /** Commands issued on connections of a later generation went to the new primary. */
    private readonly oldGeneration: number,
  ) {}

  failed(): void {
    if (this.firstSuccessAt === null) this.errors++
  }

  succeeded(generation: number, now: number): void {
    if (this.firstSuccessAt === null && generation > this.oldGeneration) this.firstSuccessAt = now
  }
}
