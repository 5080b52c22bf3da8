/**
 * Calls `issue` for 20 commands spread over one turn of the event loop: 8 now, 8 in a next tick
 * and 4 in a promise continuation after it, as a run's replies and their continuations issue
 * them. Resolves once all 20 are issued.
 */
export async function issueOverOneTurn(issue: (from: number, to: number) => void): Promise<void> {
  issue(0, 8)
  await new Promise<void>((resolve) =>
    process.nextTick(() => {
      issue(8, 16)
      void Promise.resolve().then(() => {
        issue(16, 20)
        resolve()
      })
    }),
  )
}
