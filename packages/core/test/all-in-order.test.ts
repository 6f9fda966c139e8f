import { describe, expect, it } from 'vitest';
import { allInOrder } from '../src/util/all-in-order.js';

const later = <T>(ms: number, f: () => T) => new Promise<T>((resolve, reject) => setTimeout(() => {
  try {
    resolve(f());
  } catch (e) {
    reject(e);
  }
}, ms));

describe('allInOrder', () => {
  it('resolves to the values in argument order', async () => {
    await expect(allInOrder([later(20, () => 1), later(1, () => 'b')])).resolves.toEqual([1, 'b']);
  });

  it('throws the first rejection in argument order, not in time', async () => {
    const first = later(30, () => { throw new Error('first argument'); });
    const second = later(1, () => { throw new Error('second argument'); });
    await expect(allInOrder([first, second])).rejects.toThrow('first argument');
  });

  it('waits for every promise before throwing', async () => {
    let finished = false;
    const slow = later(30, () => { finished = true; });
    await expect(allInOrder([Promise.reject(new Error('early')), slow])).rejects.toThrow('early');
    expect(finished).toBe(true);
  });
});
