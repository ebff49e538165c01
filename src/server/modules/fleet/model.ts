/**
 * The vocabulary of the workstation fleet: the kinds of device of footnote (1) of the reference
 * annex ("postes fixes et portables, clients légers, tablettes, smartphones, écrans, imprimantes
 * et multifonctions, téléphonie, périphériques …"), the statuses of a device, and the default
 * renewal policy per kind (age after which a device is due, replacement cost when the commune's
 * own purchases give none).
 */
export const deviceKinds = [
  'desktop',
  'laptop',
  'thin_client',
  'tablet',
  'smartphone',
  'screen',
  'printer',
  'multifunction',
  'telephony',
  'peripheral',
] as const;
export type DeviceKind = (typeof deviceKinds)[number];

export const deviceStatuses = ['in_stock', 'deployed', 'in_repair', 'retired'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

/** Where a device's record came from. */
export const deviceSources = ['manual', 'import', 'agent', 'demo'] as const;
export type DeviceSource = (typeof deviceSources)[number];

/** Default policy per kind: due for renewal at this age (years); replacement cost in euros. */
export const defaultPolicy: Record<DeviceKind, { maxAgeYears: number; replacementCost: number }> = {
  desktop: { maxAgeYears: 6, replacementCost: 850 },
  laptop: { maxAgeYears: 5, replacementCost: 1100 },
  thin_client: { maxAgeYears: 7, replacementCost: 450 },
  tablet: { maxAgeYears: 4, replacementCost: 500 },
  smartphone: { maxAgeYears: 4, replacementCost: 350 },
  screen: { maxAgeYears: 8, replacementCost: 220 },
  printer: { maxAgeYears: 7, replacementCost: 600 },
  multifunction: { maxAgeYears: 6, replacementCost: 3500 },
  telephony: { maxAgeYears: 8, replacementCost: 180 },
  peripheral: { maxAgeYears: 5, replacementCost: 120 },
};

/** French labels of kinds (imports recognise them, exports print them). */
export const kindLabelsFr: Record<DeviceKind, string> = {
  desktop: 'Poste fixe',
  laptop: 'Portable',
  thin_client: 'Client léger',
  tablet: 'Tablette',
  smartphone: 'Smartphone',
  screen: 'Écran',
  printer: 'Imprimante',
  multifunction: 'Multifonction',
  telephony: 'Téléphonie',
  peripheral: 'Périphérique',
};

export const statusLabelsFr: Record<DeviceStatus, string> = {
  in_stock: 'En stock',
  deployed: 'Déployé',
  in_repair: 'En réparation',
  retired: 'Réformé',
};
