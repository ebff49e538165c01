import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { annexInForce, annexVersionsOverPeriod, indicatorAt } from '../../src/server/modules/contracts/queries';
import { struckPriority } from '../../src/server/modules/contracts/demo-le-bouscat';

describeEachDb('contracts', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await makeTestApp(dialect, { now: '2026-11-28T10:00:00.000Z' }); });
  afterAll(async () => { await t.close(); });

  describe('effective dating (exports for the other modules)', () => {
    it.each([
      ['2016-02-14', undefined, 'the day before the contract: nothing in force'],
      ['2016-02-15', 1, 'the signing day: the 2016 annex'],
      ['2017-12-31', 1, 'the day before Avenant n°1: the 2016 annex'],
      ['2018-01-01', 2, 'the day Avenant n°1 takes effect: version 2'],
      ['2018-01-02', 2, 'the day after: version 2'],
      ['2026-11-28', 2, 'today: version 2'],
    ])('annexInForce(Le Bouscat, %s) → version %s (%s)', async (date, version) => {
      const a = await annexInForce(t.app.ctx.db, t.org.communes.leBouscat, date);
      expect(a?.version).toBe(version);
      if (version === 1) {
        expect(a!.effectiveTo).toBe('2018-01-01');
        expect(a!.priorities).toHaveLength(6);
        expect(a!.priorities[5]).toBe(struckPriority);
      }
      if (version === 2) {
        expect(a!.effectiveTo).toBeNull();
        expect(a!.priorities).toHaveLength(5);
        expect(a!.escalationMatrix).toHaveLength(12);
      }
    });

    it('indicatorAt gives the rule in force and the annex version id', async () => {
      const lb = await indicatorAt(t.app.ctx.db, t.org.communes.leBouscat, '2019-06-01', '3.3.2');
      expect(lb?.indicator.rule).toEqual({ kind: 'resolution_delay', byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' }, targetShare: 0.9 });
      const v2 = await annexInForce(t.app.ctx.db, t.org.communes.leBouscat, '2019-06-01');
      expect(lb?.annexVersionId).toBe(v2!.id);
      const vd = await indicatorAt(t.app.ctx.db, t.org.communes.villedemo, '2019-06-01', '3.3.1');
      expect(vd?.indicator.rule).toMatchObject({ kind: 'acknowledgement', targetShare: 0.9 });
      expect(await indicatorAt(t.app.ctx.db, t.org.communes.villedemo, '2019-02-28', '3.3.1')).toBeUndefined();
      expect(await indicatorAt(t.app.ctx.db, t.org.communes.leBouscat, '2019-06-01', '9.9.9')).toBeUndefined();
    });

    it('annexVersionsOverPeriod cuts a quarter spanning Avenant n°1 in two pieces', async () => {
      const pieces = await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2017-11-01', '2018-02-01');
      expect(pieces.map((p) => [p.annex.version, p.from, p.to])).toEqual([[1, '2017-11-01', '2018-01-01'], [2, '2018-01-01', '2018-02-01']]);
      const one = await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2018-01-01', '2018-04-01');
      expect(one.map((p) => [p.annex.version, p.from, p.to])).toEqual([[2, '2018-01-01', '2018-04-01']]);
      const before = await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2016-01-01', '2016-03-01');
      expect(before.map((p) => [p.annex.version, p.from, p.to])).toEqual([[1, '2016-02-15', '2016-03-01']]);
      expect(await annexVersionsOverPeriod(t.app.ctx.db, t.org.communes.leBouscat, '2018-01-01', '2018-01-01')).toEqual([]);
    });
  });
});
