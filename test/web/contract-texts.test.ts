import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { TFunction } from 'i18next';
import type I18n from '../../web/src/i18n';
import type * as Format from '../../web/src/features/contracts/format';
import { weeklyMinutes } from '../../web/src/features/calendars/format';

// Issue 13: the amendment's text in the order of the PDF, "compare" from a draft, French dates,
// places and numbers of the contract screens, the calendar's business week.

let i18n: typeof I18n;
let f: typeof Format;
let t: TFunction;

beforeAll(async () => {
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  ({ default: i18n } = await import('../../web/src/i18n'));
  f = await import('../../web/src/features/contracts/format');
  await i18n.changeLanguage('fr');
  t = i18n.t.bind(i18n) as TFunction;
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('amendment text', () => {
  test('the revisions table goes where Article 2 says "… est :", not before Article 1', () => {
    expect(f.splitAtRevisions('La liste des annexes révisées est :\n{{revisions}}\nLe reste est inchangé.')).toEqual({
      before: 'La liste des annexes révisées est :',
      after: 'Le reste est inchangé.',
    });
    expect(f.splitAtRevisions('Le présent avenant prend effet le {{effectiveFrom}}.')).toBeNull();
  });
});

describe('comparing versions', () => {
  const v = (id: string, version: number, status: string, effectiveFrom: string | null) => ({
    id,
    version,
    status,
    effectiveFrom,
  });
  const items = [v('a', 1, 'signed', '2016-03-12'), v('b', 2, 'signed', '2018-01-01'), v('d', 3, 'draft', null)];

  test('from a draft (only "to" given), against the last signed version', () => {
    expect(f.withDefaultBase(items, { to: 'd' })).toEqual({ from: 'b', to: 'd' });
  });
  test('from a signed version, against the one before it', () => {
    expect(f.withDefaultBase(items, { to: 'b' })).toEqual({ from: 'a', to: 'b' });
  });
  test('with nothing chosen, the last two signed versions; a full choice is kept', () => {
    expect(f.withDefaultBase(items, {})).toEqual({ from: 'a', to: 'b' });
    expect(f.withDefaultBase(items, { from: 'd', to: 'a' })).toEqual({ from: 'd', to: 'a' });
  });
});

describe('French wording of the contract screens', () => {
  const now = new Date('2026-12-02T09:00:00Z');
  test('a version not yet in force reads "à partir du", never "depuis"', () => {
    expect(f.validityText(t, { effectiveFrom: '2027-01-01' }, 'fr', now)).toBe('en vigueur à partir du 01/01/2027');
    expect(f.validityText(t, { effectiveFrom: '2018-01-01' }, 'fr', now)).toBe('en vigueur depuis le 01/01/2018');
    expect(f.validityText(t, { effectiveFrom: '2016-03-12', effectiveTo: '2018-01-01' }, 'fr', now)).toBe(
      'en vigueur du 12/03/2016 au 31/12/2017',
    );
  });
  test('signed "au Bouscat", never "Signé le — —"', () => {
    expect(f.signedText(t, '2016-03-12', 'Le Bouscat', 'fr')).toBe('Signé le 12/03/2016 au Bouscat');
    expect(f.signedText(t, '2016-03-12', 'Villedemo', 'fr')).toBe('Signé le 12/03/2016 à Villedemo');
    expect(f.signedText(t, null, null, 'fr')).toBe('Non signé');
  });
  test('"la commune du Bouscat" in contract texts shown in French', () => {
    expect(f.frenchText('entre Bordeaux Métropole et la commune de Le Bouscat', 'fr')).toBe(
      'entre Bordeaux Métropole et la commune du Bouscat',
    );
  });
  test("the signing form words the server's date rules in French", () => {
    expect(f.signingProblem(t, { field: 'effectiveFrom', code: 'invalid' }, 'fr', now)).toBe(
      'Date d’entrée en vigueur refusée : elle doit suivre celle de la version remplacée et ne pas remonter dans une période déjà présentée (au plus tôt le 01/10/2026, début du trimestre en cours).',
    );
    expect(f.signingProblem(t, { field: 'signedAt', code: 'invalid' }, 'fr', now)).toBe(
      'Date de signature refusée : elle ne peut être ni dans le futur ni antérieure à la signature du contrat.',
    );
    expect(f.signingProblem(t, { field: 'signedAt', code: 'required' }, 'fr', now)).toBeUndefined();
  });
  test('shares with a decimal comma', () => {
    expect(
      f.describeRule({ kind: 'acknowledgement', targetShare: 0.955 } as Parameters<typeof f.describeRule>[0], t),
    ).toContain('95,5 %');
  });
});

describe('calendar', () => {
  test('one business week of a town hall is its 37.5 open hours, not 168', () => {
    const day: Array<[string, string]> = [
      ['08:30', '12:00'],
      ['13:30', '17:30'],
    ];
    expect(weeklyMinutes({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] })).toBe(37.5 * 60);
  });
});
