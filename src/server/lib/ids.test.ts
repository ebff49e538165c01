import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from './ids';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId (UUIDv7)', () => {
  it('has the UUIDv7 form and carries its millisecond timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        const id = newId(ms);
        expect(id).toMatch(uuidV7);
        expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
      }),
    );
  });

  it('sorts by creation time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 10 ** 9 }), (a, d) => {
        const b = Math.min(a + d, 2 ** 48 - 1);
        expect(newId(a) < newId(b)).toBe(true);
      }),
    );
  });

  it('does not repeat, across many refills of its random pool', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 20_000 }, () => newId(now)));
    expect(ids.size).toBe(20_000);
  });

  it('sorts ids of one millisecond in the order they were made, even with other instants in between', () => {
    const at = Date.parse('2026-12-02T08:00:00.000Z');
    for (let round = 0; round < 200; round++) {
      const ms = at + round * 1000;
      const first = newId(ms);
      newId();
      newId(ms - 5);
      const second = newId(ms);
      newId();
      const third = newId(ms);
      expect([first, second, third]).toEqual([first, second, third].sort());
    }
  });
});
