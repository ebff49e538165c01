import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localDate } from './http';

describe('localDate', () => {
  it.each([
    ['2026-12-03', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-12-00', false],
    ['2026-1-05', false],
    ['2026-12-03T00:00', false],
  ])('%s is a calendar day: %s', (day, ok) => {
    expect(localDate.safeParse(day).success).toBe(ok);
  });

  it('accepts exactly the days Luxon knows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(localDate.safeParse(day).success).toBe(DateTime.fromISO(day).isValid);
        },
      ),
    );
  });
});
