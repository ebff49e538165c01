import { describe, expect, test } from 'vitest';
import { aCommune, communeName, deCommune, fixCommuneContractions, laCommuneDe, maireDe } from './french';

describe('French contractions of commune names', () => {
  test.each([
    ['Le Bouscat', 'du Bouscat', 'au Bouscat'],
    ['Le Haillan', 'du Haillan', 'au Haillan'],
    ['Les Lilas', 'des Lilas', 'aux Lilas'],
    ['La Teste-de-Buch', 'de La Teste-de-Buch', 'à La Teste-de-Buch'],
    ["L'Isle-Adam", "de L'Isle-Adam", "à L'Isle-Adam"],
    ['Eysines', 'd’Eysines', 'à Eysines'],
    ['Ambarès-et-Lagrave', 'd’Ambarès-et-Lagrave', 'à Ambarès-et-Lagrave'],
    ['Yvrac', 'd’Yvrac', 'à Yvrac'],
    ['Hautefort', 'de Hautefort', 'à Hautefort'],
    ['Villedemo', 'de Villedemo', 'à Villedemo'],
    ['Bordeaux', 'de Bordeaux', 'à Bordeaux'],
  ])('%s → %s, %s', (name, de, a) => {
    expect(deCommune(name)).toBe(de);
    expect(aCommune(name)).toBe(a);
  });

  test('the commune and its mayor', () => {
    expect(laCommuneDe('Le Bouscat')).toBe('la commune du Bouscat');
    expect(laCommuneDe('Eysines', true)).toBe('La commune d’Eysines');
    expect(maireDe('Le Bouscat')).toBe('Maire du Bouscat');
    expect(maireDe(communeName('Commune de Le Bouscat'))).toBe('Maire du Bouscat');
  });

  test.each([
    ['Commune du Bouscat', 'Le Bouscat'],
    ['Commune des Lilas', 'Les Lilas'],
    ['Commune d’Eysines', 'Eysines'],
    ['commune de Le Bouscat', 'Le Bouscat'],
    ['Commune de Villedemo', 'Villedemo'],
    ['Le Bouscat', 'Le Bouscat'],
  ])('the name out of "%s" is %s', (designation, name) => {
    expect(communeName(designation)).toBe(name);
  });

  test('fixes what a template pasted after "de" or "à"', () => {
    expect(fixCommuneContractions("Contrat d'engagement entre Bordeaux Métropole et la commune de Le Bouscat")).toBe(
      "Contrat d'engagement entre Bordeaux Métropole et la commune du Bouscat",
    );
    expect(fixCommuneContractions('Fait à Le Bouscat, pour la commune de Les Lilas.')).toBe(
      'Fait au Bouscat, pour la commune des Lilas.',
    );
    expect(fixCommuneContractions('Maire de Le Haillan')).toBe('Maire du Haillan');
    // Running text and other names are left alone.
    expect(fixCommuneContractions('la commune de La Teste et de Villedemo ; de le faire')).toBe(
      'la commune de La Teste et de Villedemo ; de le faire',
    );
  });
});
