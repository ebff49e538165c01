import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeCommuneWithContract } from '../factories';
import { measureCommune } from '../../src/server/modules/indicators/engine';
import { parsePeriod } from '../../src/server/modules/indicators/periods';
import { indicatorProviders, type ProviderInput } from '../../src/server/modules/indicators/providers';

// An indicator whose rule another capability measures (the fleet for 3.1.1 …) is asked of that
// capability's provider, with the period cut by contract version; the engine adds the rest.
describeEachDb('indicator providers', (dialect) => {
  let t: BareTestApp;
  let communeId: string;
  const asked: ProviderInput[] = [];
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-04-15T10:00:00.000Z' });
    ({ communeId } = await makeCommuneWithContract(t.app.ctx.db, {
      name: 'Fournisseur',
      slug: 'fournisseur',
      at: '2025-01-01T00:00:00.000Z',
      firstFrom: '2025-01-01',
      amendmentFrom: '2026-02-01',
      v1: () => undefined,
      v2: () => undefined,
    }));
  });
  // The fleet's own provider, put back after each test replaces it with a probe.
  const fleetProvider = indicatorProviders().fleet_renewal_share;
  afterEach(() => {
    indicatorProviders().fleet_renewal_share = fleetProvider;
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks the provider of the rule kind, per contract version, and shows its figure as computed', async () => {
    indicatorProviders().fleet_renewal_share = (input) => {
      asked.push(input);
      return Promise.resolve({
        value: 0.2,
        unit: 'share',
        volume: 240,
        status: 'met',
        details: { renewed: 48 },
        stock: true,
      });
    };
    const items = await measureCommune(t.app.ctx.db, communeId, parsePeriod('2026-Q1')!, {
      locale: 'fr',
      trendPeriods: 0,
      now: new Date('2026-04-15T10:00:00.000Z'),
    });
    const m = items.find((i) => i.code === '3.1.1')!;
    expect(m).toMatchObject({ source: 'computed', value: 0.2, volume: 240, status: 'met', details: { renewed: 48 } });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.pieces.map((p) => [p.from, p.to, p.version])).toEqual([
      ['2026-01-01', '2026-02-01', 1],
      ['2026-02-01', '2026-04-01', 2],
    ]);
    expect(asked[0]!.def.rule).toMatchObject({ kind: 'fleet_renewal_share' });
  });

  it('keeps an indicator without a provider a manual value', async () => {
    delete indicatorProviders().fleet_renewal_share;
    const items = await measureCommune(t.app.ctx.db, communeId, parsePeriod('2026-Q1')!, {
      locale: 'fr',
      trendPeriods: 0,
    });
    expect(items.find((i) => i.code === '3.1.1')!.source).toBe('manual');
  });
});
