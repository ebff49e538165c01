import { describe, expect, it } from 'vitest';
import { AppError, errorCatalogue, invalid } from './errors';

describe('error catalogue', () => {
  it('has a French and an English message for every code, with a 4xx/5xx status', () => {
    for (const [code, e] of Object.entries(errorCatalogue)) {
      expect(e.fr.length, code).toBeGreaterThan(5);
      expect(e.en.length, code).toBeGreaterThan(5);
      expect(e.fr).not.toBe(e.en);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.status).toBeLessThan(600);
    }
  });

  it('uses snake_case codes, each unique', () => {
    const codes = Object.keys(errorCatalogue);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('builds a 400 that names its fields', () => {
    const e = invalid([
      { field: 'from', message: 'Not an instant.' },
      { field: 'to', message: 'Not an instant.' },
    ]);
    // Every field problem carries a code (the web app translates codes, not English messages).
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(400);
    expect(e.details).toEqual({
      fields: [
        { field: 'from', message: 'Not an instant.', code: 'invalid' },
        { field: 'to', message: 'Not an instant.', code: 'invalid' },
      ],
    });
    expect(invalid('period').message).toContain('period');
  });
});
