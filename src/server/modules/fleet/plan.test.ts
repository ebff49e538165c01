import { describe, expect, it } from 'vitest';
import { renewalPlan, type PlanDevice } from './plan';

const dev = (id: string, kind: string, purchase: string, over: Partial<PlanDevice> = {}): PlanDevice => ({
  id,
  kind,
  name: null,
  serial: id.toUpperCase(),
  inventoryNumber: null,
  model: null,
  site: null,
  assignedTo: null,
  purchaseDate: purchase,
  inServiceFrom: purchase,
  retiredOn: null,
  warrantyEnd: null,
  costCents: null,
  ...over,
});

// A hand-made fleet of 7 in service on 1 January 2027 (and one retired, one in stock).
const fleet: PlanDevice[] = [
  dev('a', 'desktop', '2019-06-01', { warrantyEnd: '2024-05-31' }), // 7.6 y, due (6), out of warranty
  dev('b', 'desktop', '2020-01-10', { warrantyEnd: '2027-06-30' }), // 7.0 y, due, under warranty
  dev('c', 'laptop', '2022-03-01', { warrantyEnd: '2025-02-28' }), // 4.8 y, not due (5)
  dev('d', 'laptop', '2021-09-01', { warrantyEnd: '2024-08-31' }), // 5.3 y, due
  dev('e', 'screen', '2016-01-01'), // 11 y, due (8)
  dev('f', 'desktop', '2025-05-01', { costCents: 90000 }), // recent: 900 €
  dev('g', 'desktop', '2024-05-01', { costCents: 80000 }), // recent: 800 €
  dev('h', 'desktop', '2010-01-01', { retiredOn: '2020-01-01' }),
  dev('i', 'laptop', '2026-11-01', { inServiceFrom: null }),
];

describe('renewal plan', () => {
  it('ranks due devices first, oldest first, and selects what the share asks for', () => {
    const p = renewalPlan({ devices: fleet, year: 2027, today: '2026-12-02', sharePerYear: 1 / 6 });
    expect(p.fleet).toBe(7);
    expect(p.required).toBe(2); // ⌈7/6⌉
    expect(p.due).toBe(4);
    expect(p.items.map((i) => i.device.id)).toEqual(['e', 'a', 'b', 'd', 'c', 'g', 'f']);
    expect(p.items.filter((i) => i.selected).map((i) => i.device.id)).toEqual(['e', 'a']);
    // Desktops cost the median of the last three years' purchases (850 €); screens the policy's 220 €.
    expect(p.items.find((i) => i.device.id === 'a')!.replacementCost).toBe(850);
    expect(p.estimatedCost).toBe(220 + 850);
    expect(p.byKind.find((k) => k.kind === 'desktop')).toEqual({
      kind: 'desktop',
      fleet: 4,
      due: 2,
      selected: 1,
      cost: 850,
    });
  });

  it('out of warranty, then incidents, break ties of age', () => {
    const twins = [
      dev('x', 'desktop', '2018-01-01', { warrantyEnd: '2030-01-01' }),
      dev('y', 'desktop', '2018-01-01', { warrantyEnd: '2020-01-01' }),
      dev('z', 'desktop', '2018-01-01', { warrantyEnd: '2030-01-01' }),
    ];
    const p = renewalPlan({
      devices: twins,
      year: 2027,
      today: '2026-12-02',
      sharePerYear: 0.2,
      incidents: new Map([['z', 3]]),
    });
    expect(p.items.map((i) => i.device.id)).toEqual(['y', 'z', 'x']);
  });

  it('a budget says how far down the list it reaches', () => {
    const p = renewalPlan({ devices: fleet, year: 2027, today: '2026-12-02', sharePerYear: 0.5, budget: 2000 });
    expect(p.required).toBe(4);
    // e 220 + a 850 = 1070, + b 850 = 1920, + d (laptop 1100) > 2000.
    expect(p.affordable).toBe(3);
    expect(p.budgetCovers).toBe(false);
    expect(p.items.map((i) => i.withinBudget)).toEqual([true, true, true, false, false, false, false]);
    expect(
      renewalPlan({ devices: fleet, year: 2027, today: '2026-12-02', sharePerYear: 1 / 6, budget: 2000 }).budgetCovers,
    ).toBe(true);
  });

  it('a past year plans from the fleet of its 1 January; no share → nothing selected', () => {
    const p = renewalPlan({ devices: fleet, year: 2020, today: '2026-12-02', sharePerYear: null });
    expect(p.fleet).toBe(3); // a, e, h (b went into service on 10 January)
    expect(p.required).toBeNull();
    expect(p.items.every((i) => !i.selected)).toBe(true);
  });
});

// Issue 14: "oldest, out of warranty, most incidents first" — each row a hand-made fleet and the
// order the plan must give. Ages are on 1 January 2027; the policy is the defaults (desktop 6 y)
// unless the row gives one.
describe('renewal ranking: oldest, out of warranty, most incidents first', () => {
  const rows: Array<{
    name: string;
    devices: PlanDevice[];
    incidents?: Record<string, number>;
    rules?: Parameters<typeof renewalPlan>[0]['rules'];
    order: string[];
    due?: string[];
  }> = [
    {
      name: 'an older year of age comes first, whatever the incidents of the younger',
      devices: [dev('p', 'desktop', '2019-06-01'), dev('q', 'desktop', '2018-06-01')],
      incidents: { p: 9 },
      order: ['q', 'p'],
    },
    {
      name: 'same year of age: out of warranty before under warranty, even with fewer incidents',
      devices: [
        dev('p', 'desktop', '2019-03-01', { warrantyEnd: '2030-01-01' }),
        dev('q', 'desktop', '2019-09-01', { warrantyEnd: '2022-01-01' }),
      ],
      incidents: { p: 4 },
      order: ['q', 'p'],
    },
    {
      name: 'same year of age and warranty: most incidents first, before the exact age',
      devices: [
        dev('p', 'desktop', '2019-02-01'),
        dev('q', 'desktop', '2019-11-01'),
        dev('r', 'desktop', '2019-06-01'),
      ],
      incidents: { q: 3, r: 1 },
      order: ['q', 'r', 'p'],
    },
    {
      name: 'incidents of type incident only are counted by the caller; none → exact age decides',
      devices: [dev('p', 'desktop', '2019-11-01'), dev('q', 'desktop', '2019-02-01')],
      order: ['q', 'p'],
    },
    {
      name: 'due under the policy before any age: a 3-year-old laptop out of warranty when the policy renews on warranty',
      devices: [
        dev('p', 'desktop', '2021-06-01', { warrantyEnd: '2030-01-01' }),
        dev('q', 'laptop', '2023-06-01', { warrantyEnd: '2026-05-31' }),
      ],
      rules: {
        ...Object.fromEntries(
          [
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
          ].map((k) => [k, { maxAgeYears: 8, renewOutOfWarranty: false }]),
        ),
        laptop: { maxAgeYears: 8, renewOutOfWarranty: true },
      } as NonNullable<Parameters<typeof renewalPlan>[0]['rules']>,
      order: ['q', 'p'],
      due: ['q'],
    },
    {
      name: 'a commune policy of 4 years for desktops makes a 5-year-old desktop due',
      devices: [dev('p', 'desktop', '2021-06-01'), dev('q', 'screen', '2020-06-01')],
      rules: {
        ...Object.fromEntries(
          [
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
          ].map((k) => [k, { maxAgeYears: 8, renewOutOfWarranty: false }]),
        ),
        desktop: { maxAgeYears: 4, renewOutOfWarranty: false },
      } as NonNullable<Parameters<typeof renewalPlan>[0]['rules']>,
      order: ['p', 'q'],
      due: ['p'],
    },
  ];
  it.each(rows)('$name', ({ devices, incidents, rules, order, due }) => {
    const p = renewalPlan({
      devices,
      year: 2027,
      today: '2026-12-02',
      sharePerYear: 0.5,
      incidents: new Map(Object.entries(incidents ?? {})),
      rules,
    });
    expect(p.items.map((i) => i.device.id)).toEqual(order);
    if (due) expect(p.items.filter((i) => i.due).map((i) => i.device.id)).toEqual(due);
    for (const i of p.items) expect(i.incidents).toBe(incidents?.[i.device.id] ?? 0);
  });
});
