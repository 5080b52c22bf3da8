import {describe, expect, it} from 'vitest'
import {IndexedLists} from '../../src/engine/indexed-lists.js'

function contents(lists: IndexedLists, list: number): number[] {
  const forward: number[] = []
  for (let element = lists.first(list); element !== -1; element = lists.after(element)) forward.push(element)
  const backward: number[] = []
  for (let element = lists.last(list); element !== -1; element = lists.before(element)) backward.push(element)
  // Both directions must agree, or a link was left dangling.
  expect(backward.reverse()).toEqual(forward)
  return forward
}

describe('IndexedLists', () => {
  it('keeps several lists over shared element arrays', () => {
    const lists = new IndexedLists(8, 2)
    lists.pushBack(0, 1)
    lists.pushBack(0, 2)
    lists.pushFront(0, 0)
    lists.pushBack(1, 5)
    lists.insertAfter(1, 5, 6)
    lists.insertAfter(0, 1, 3)
    expect(contents(lists, 0)).toEqual([0, 1, 3, 2])
    expect(contents(lists, 1)).toEqual([5, 6])
  })

  it('removes from the head, middle and tail and becomes empty', () => {
    const lists = new IndexedLists(4, 1)
    for (const element of [0, 1, 2, 3]) lists.pushBack(0, element)
    lists.remove(0, 1)
    expect(contents(lists, 0)).toEqual([0, 2, 3])
    lists.remove(0, 0)
    lists.remove(0, 3)
    expect(contents(lists, 0)).toEqual([2])
    lists.remove(0, 2)
    expect(lists.isEmpty(0)).toBe(true)
    expect(lists.first(0)).toBe(-1)
    expect(lists.last(0)).toBe(-1)
  })

  it('moves an element to the back', () => {
    const lists = new IndexedLists(3, 1)
    for (const element of [0, 1, 2]) lists.pushBack(0, element)
    lists.moveToBack(0, 0)
    lists.moveToBack(0, 0)
    expect(contents(lists, 0)).toEqual([1, 2, 0])
  })

  it('grows elements and lists while keeping existing links', () => {
    const lists = new IndexedLists(2, 1)
    lists.pushBack(0, 0)
    lists.pushBack(0, 1)
    lists.growElements(10)
    lists.growLists(3)
    lists.pushBack(0, 9)
    lists.pushBack(2, 7)
    expect(contents(lists, 0)).toEqual([0, 1, 9])
    expect(contents(lists, 1)).toEqual([])
    expect(contents(lists, 2)).toEqual([7])
  })
})
