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

  /**
   * A command sent on connections of `generation` failed. One sent to the old primary failed
   * because of the switch whenever its failure arrives: a loaded machine can hand it over after
   * the first success on the new primary. Others count until success resumed.
   */
  failed(generation: number): void {
    if (this.firstSuccessAt === null || generation <= this.oldGeneration) this.errors++
  }

  succeeded(generation: number, now: number): void {
    if (this.firstSuccessAt === null && generation > this.oldGeneration) this.firstSuccessAt = now
  }
}
