import {describe, expect, it} from 'vitest'
import {VirtualClock} from '../../src/time/virtual-clock.js'

describe('VirtualClock', () => {
  it('wakes sleepers in time order and advances now() to each wake-up', async () => {
    const clock = new VirtualClock()
    const woke: Array<[string, number]> = []
    const sleeper = async (name: string, ms: number) => {
      await clock.sleep(ms)
      woke.push([name, clock.now()])
    }
    const all = Promise.all([sleeper('c', 30), sleeper('a', 10), sleeper('b', 20), clock.drive()])
    await all
    expect(woke).toEqual([
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ])
  })

  it('keeps FIFO order among equal wake-up times and chains sleeps', async () => {
    const clock = new VirtualClock()
    const order: string[] = []
    const chain = async (name: string) => {
      await clock.sleep(5)
      order.push(`${name}1`)
      await clock.sleep(5)
      order.push(`${name}2`)
    }
    await Promise.all([chain('x'), chain('y'), clock.drive()])
    expect(order).toEqual(['x1', 'y1', 'x2', 'y2'])
    expect(clock.now()).toBe(10)
  })

  it('does not wait for zero or negative sleeps', async () => {
    const clock = new VirtualClock()
    await clock.sleep(0)
    await clock.sleep(-1)
    expect(clock.now()).toBe(0)
  })
})

describe('VirtualClock.tick', () => {
  it('yields a macrotask turn without letting simulated time move on', async () => {
    const clock = new VirtualClock()
    const seen: number[] = []
    const sleeper = async () => {
      await clock.sleep(10)
      seen.push(clock.now())
    }
    const yielder = async () => {
      for (let i = 0; i < 5; i++) await clock.tick()
      // Still at 0 after five turns, though a sleeper was due at 10 all along.
      seen.push(clock.now())
      await clock.sleep(3)
      seen.push(clock.now())
    }
    await Promise.all([sleeper(), yielder(), clock.drive()])
    expect(seen).toEqual([0, 3, 10])
  })
  it('moves time on in place only when no other event is due by then, and only so often per runEvents call', () => {
    const clock = new VirtualClock()
    const ran: number[] = []
    clock.after(10, () => ran.push(clock.now()))
    // Nothing due by 4: time moves on at once, with no event.
    expect(clock.advanceIfNext(4)).toBe(true)
    expect(clock.now()).toBe(4)
    // The event at 10 is due by 4 + 6 (a tie goes to the event scheduled first) and by 4 + 7.
    expect(clock.advanceIfNext(6)).toBe(false)
    expect(clock.advanceIfNext(7)).toBe(false)
    expect(clock.now()).toBe(4)
    expect(clock.runEvents(10)).toBe(1)
    expect(ran).toEqual([10])
    // With nothing pending, in-place steps stop after a bound, so a run still yields its turn.
    let steps = 0
    while (clock.advanceIfNext(1) && steps < 1_000_000) steps++
    expect(steps).toBeGreaterThan(1000)
    expect(steps).toBeLessThan(1_000_000)
    expect(clock.now()).toBe(10 + steps)
    // A new runEvents call starts the count over.
    clock.runEvents(1)
    expect(clock.advanceIfNext(1)).toBe(true)
  })
  it('runs hand-offs and timers in (time, scheduling order), as one sorted list would', () => {
    // Each event schedules up to two more, decided by its own number, so a reference written out
    // here (a list sorted by time, then scheduling order) replays exactly the same pushes.
    const plan = (id: number): Array<number | 'now'> => {
      const draw = (id * 2654435761) >>> 0
      const choices: Array<number | 'now'> = ['now', 'now', 1, 2, 5]
      return id > 20_000 ? [] : [choices[draw % 5], choices[(draw >>> 8) % 5]].slice(0, 1 + ((draw >>> 16) % 2))
    }
    const clock = new VirtualClock()
    const ran: Array<[number, number]> = []
    let next = 0
    const schedule = (when: number | 'now'): void => {
      const id = next++
      const event = (): void => {
        ran.push([id, clock.now()])
        for (const step of plan(id)) schedule(step)
      }
      if (when === 'now') clock.handOff(event)
      else clock.after(when, event)
    }
    for (let start = 0; start < 8; start++) schedule(start % 2 === 0 ? 'now' : 3)
    while (clock.runEvents(1000) > 0);

    const reference: Array<{time: number; id: number}> = []
    const expected: Array<[number, number]> = []
    let referenceNext = 0
    let now = 0
    const push = (when: number | 'now'): void => {
      const entry = {time: when === 'now' ? now : now + when, id: referenceNext++}
      // Kept sorted: after every entry due no later (ids only grow, so ties keep their order).
      let at = reference.length
      while (at > 0 && reference[at - 1].time > entry.time) at--
      reference.splice(at, 0, entry)
    }
    for (let start = 0; start < 8; start++) push(start % 2 === 0 ? 'now' : 3)
    while (reference.length > 0) {
      const {time, id} = reference.shift() as {time: number; id: number}
      now = time
      expected.push([id, time])
      for (const step of plan(id)) push(step)
    }
    expect(ran.length).toBeGreaterThan(10_000)
    expect(ran).toEqual(expected)
    expect(clock.pending).toBe(0)
  })
})
