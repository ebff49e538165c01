import { describe, expect, it } from 'vitest';
import { frenchDate, isValidDate, localDateOf, quarterStart } from './dates';

describe('contract dates', () => {
  it.each([
    ['2018-01-01', '1er janvier 2018'],
    ['2016-02-15', '15 février 2016'],
    ['2019-08-31', '31 août 2019'],
  ])('Article 4 — %s is written "%s"', (d, fr) => expect(frenchDate(d)).toBe(fr));

  it.each([
    ['2026-11-28', '2026-10-01'],
    ['2026-01-01', '2026-01-01'],
    ['2026-03-31', '2026-01-01'],
    ['2026-04-01', '2026-04-01'],
  ])('the quarter of %s starts on %s', (d, q) => expect(quarterStart(d)).toBe(q));

  it('takes today in Europe/Paris (23:30 UTC on 31 December is already 1 January)', () => {
    expect(localDateOf(new Date('2017-12-31T23:30:00Z'))).toBe('2018-01-01');
    expect(localDateOf(new Date('2018-06-30T21:59:00Z'))).toBe('2018-06-30');
  });

  it.each([
    ['2018-02-30', false],
    ['2018-02-28', true],
    ['18-02-28', false],
    ['2018-13-01', false],
  ])('isValidDate(%s) = %s', (d, ok) => expect(isValidDate(d)).toBe(ok));
});
