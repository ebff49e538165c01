import { defaultPolicy, type DeviceKind } from './model';
import { inServiceAt } from './renewal-rate';
import type { PolicyRules } from './renewal-policy';

/**
 * The renewal plan of a year — pure. The fleet to renew from is the fleet in service on
 * 1 January (for a year to come: the devices in service today); the share of the contract in
 * force says how many to renew (rounded up). Devices are ranked (issue 14: "oldest, out of
 * warranty, most incidents first"): due under the commune's policy first (past the age of their
 * kind, or out of warranty where the policy renews on warranty), then oldest by whole years of
 * age, then out of warranty, then most incidents (tickets of type incident naming the device),
 * then the exact age; the first ones the share asks for are selected. Each costs what the commune recently paid for its kind (median of the
 * last three years' purchases), or the policy's default; a budget says how far down the list it
 * reaches.
 */

export interface PlanDevice {
  id: string;
  kind: string;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  model: string | null;
  site: string | null;
  assignedTo: string | null;
  purchaseDate: string | null;
  inServiceFrom: string | null;
  retiredOn: string | null;
  warrantyEnd: string | null;
  costCents: number | null;
}

export interface PlanInput {
  devices: readonly PlanDevice[];
  year: number;
  today: string;
  sharePerYear: number | null;
  incidents?: ReadonlyMap<string, number>;
  budget?: number | null;
  /** The commune's age/warranty policy in force (renewal-policy.ts); the defaults when absent. */
  rules?: PolicyRules;
}

export interface PlanItem {
  rank: number;
  device: Pick<PlanDevice, 'id' | 'kind' | 'name' | 'serial' | 'inventoryNumber' | 'model' | 'site' | 'assignedTo'>;
  ageYears: number | null;
  policyAgeYears: number;
  due: boolean;
  outOfWarranty: boolean;
  incidents: number;
  replacementCost: number;
  selected: boolean;
  withinBudget: boolean | null;
}

export interface Plan {
  year: number;
  fleet: number;
  sharePerYear: number | null;
  required: number | null;
  due: number;
  estimatedCost: number;
  budget: number | null;
  affordable: number | null;
  budgetCovers: boolean | null;
  byKind: Array<{ kind: string; fleet: number; due: number; selected: number; cost: number }>;
  items: PlanItem[];
}

const years = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 86_400_000);

function median(list: number[]): number | null {
  if (!list.length) return null;
  const s = [...list].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Whole years of age (-1 when unknown): devices of the same year of age are ranked by warranty, then incidents. */
const wholeYears = (age: number | null) => (age === null ? -1 : Math.floor(age + 1e-9));

export function renewalPlan(input: PlanInput): Plan {
  const start = `${input.year}-01-01`;
  const future = start > input.today;
  const fleet = input.devices.filter((d) =>
    future ? d.inServiceFrom !== null && d.retiredOn === null : inServiceAt(d, start),
  );
  const policy = (k: string) => {
    const base = defaultPolicy[k as DeviceKind] ?? { maxAgeYears: 6, replacementCost: 800 };
    const rule = input.rules?.[k as DeviceKind];
    return {
      maxAgeYears: rule?.maxAgeYears ?? base.maxAgeYears,
      renewOutOfWarranty: rule?.renewOutOfWarranty ?? false,
      replacementCost: base.replacementCost,
    };
  };
  const recentFrom = `${input.year - 3}-01-01`;
  const costOf = new Map<string, number>();
  for (const k of new Set(fleet.map((d) => d.kind))) {
    const paid = input.devices
      .filter(
        (d) =>
          d.kind === k &&
          d.costCents !== null &&
          d.purchaseDate &&
          d.purchaseDate >= recentFrom &&
          d.purchaseDate < start,
      )
      .map((d) => Number(d.costCents) / 100);
    costOf.set(k, Math.round(median(paid) ?? policy(k).replacementCost));
  }
  const ranked = fleet
    .map((d) => {
      const born = d.purchaseDate ?? d.inServiceFrom;
      const age = born ? Math.round(years(born, start) * 10) / 10 : null;
      const p = policy(d.kind);
      const outOfWarranty = d.warrantyEnd !== null && d.warrantyEnd < start;
      return {
        d,
        age,
        due: (age !== null && age >= p.maxAgeYears) || (p.renewOutOfWarranty && outOfWarranty),
        outOfWarranty,
        incidents: input.incidents?.get(d.id) ?? 0,
        policyAgeYears: p.maxAgeYears,
      };
    })
    .sort(
      (a, b) =>
        Number(b.due) - Number(a.due) ||
        wholeYears(b.age) - wholeYears(a.age) ||
        Number(b.outOfWarranty) - Number(a.outOfWarranty) ||
        b.incidents - a.incidents ||
        (b.age ?? -1) - (a.age ?? -1) ||
        (a.d.serial ?? a.d.id).localeCompare(b.d.serial ?? b.d.id),
    );
  const required = input.sharePerYear === null ? null : Math.ceil(input.sharePerYear * fleet.length - 1e-9);
  const budget = input.budget ?? null;
  let spent = 0;
  let affordable = budget === null ? null : 0;
  const items: PlanItem[] = ranked.map((r, i) => {
    const cost = costOf.get(r.d.kind)!;
    let withinBudget: boolean | null = null;
    if (budget !== null) {
      withinBudget = affordable === i && spent + cost <= budget;
      if (withinBudget) {
        spent += cost;
        affordable = i + 1;
      }
    }
    return {
      rank: i + 1,
      device: {
        id: r.d.id,
        kind: r.d.kind,
        name: r.d.name,
        serial: r.d.serial,
        inventoryNumber: r.d.inventoryNumber,
        model: r.d.model,
        site: r.d.site,
        assignedTo: r.d.assignedTo,
      },
      ageYears: r.age,
      policyAgeYears: r.policyAgeYears,
      due: r.due,
      outOfWarranty: r.outOfWarranty,
      incidents: r.incidents,
      replacementCost: cost,
      selected: required !== null && i < required,
      withinBudget,
    };
  });
  const selected = items.filter((i) => i.selected);
  const kinds = [...new Set(fleet.map((d) => d.kind))].sort();
  return {
    year: input.year,
    fleet: fleet.length,
    sharePerYear: input.sharePerYear,
    required,
    due: items.filter((i) => i.due).length,
    estimatedCost: selected.reduce((s, i) => s + i.replacementCost, 0),
    budget,
    affordable,
    budgetCovers: budget === null || required === null ? null : (affordable ?? 0) >= required,
    byKind: kinds.map((k) => {
      const of = items.filter((i) => i.device.kind === k);
      return {
        kind: k,
        fleet: of.length,
        due: of.filter((i) => i.due).length,
        selected: of.filter((i) => i.selected).length,
        cost: of.filter((i) => i.selected).reduce((s, i) => s + i.replacementCost, 0),
      };
    }),
    items,
  };
}
