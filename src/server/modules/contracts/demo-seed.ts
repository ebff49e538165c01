import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { DemoOrg } from '../../demo/organisation';
import type { AppContext } from '../../context';
import { insertAmendment, insertAnnexVersion, insertContract } from './repo';
import {
  AVENANT_1_EFFECTIVE,
  AVENANT_1_SIGNED,
  LE_BOUSCAT_SIGNED,
  avenant1,
  leBouscatAnnex2016,
  leBouscatAnnex2018,
  leBouscatContract,
  numeriqueTitle,
} from './demo-le-bouscat';
import { VILLEDEMO_SIGNED, villedemoAnnex, villedemoContract } from './demo-villedemo';

/** Demo contracts: Le Bouscat (2016 contract + Avenant n°1 in force from 2018-01-01) and Villedemo (2019). */
export async function seedContracts(trx: Transaction<DB>, org: DemoOrg, ctx: AppContext): Promise<void> {
  const at = ctx.now().toISOString();
  const lb = org.communes.leBouscat;
  const lbContract = await insertContract(trx, {
    communeId: lb,
    signedAt: LE_BOUSCAT_SIGNED,
    effectiveFrom: LE_BOUSCAT_SIGNED,
    content: leBouscatContract(),
    at,
  });
  await insertAnnexVersion(trx, {
    communeId: lb,
    contractId: lbContract,
    domain: 'numerique',
    domainTitle: numeriqueTitle,
    version: 1,
    status: 'signed',
    effectiveFrom: LE_BOUSCAT_SIGNED,
    amendmentId: null,
    signedAt: LE_BOUSCAT_SIGNED,
    content: leBouscatAnnex2016(),
    at,
  });
  const av1 = await insertAmendment(trx, {
    communeId: lb,
    contractId: lbContract,
    number: 1,
    status: 'signed',
    signedAt: AVENANT_1_SIGNED,
    effectiveFrom: AVENANT_1_EFFECTIVE,
    content: avenant1(),
    at,
  });
  await insertAnnexVersion(trx, {
    communeId: lb,
    contractId: lbContract,
    domain: 'numerique',
    domainTitle: numeriqueTitle,
    version: 2,
    status: 'signed',
    effectiveFrom: AVENANT_1_EFFECTIVE,
    amendmentId: av1,
    signedAt: AVENANT_1_SIGNED,
    content: leBouscatAnnex2018(),
    at,
  });

  const vd = org.communes.villedemo;
  const vdContract = await insertContract(trx, {
    communeId: vd,
    signedAt: VILLEDEMO_SIGNED,
    effectiveFrom: VILLEDEMO_SIGNED,
    content: villedemoContract(),
    at,
  });
  await insertAnnexVersion(trx, {
    communeId: vd,
    contractId: vdContract,
    domain: 'numerique',
    domainTitle: numeriqueTitle,
    version: 1,
    status: 'signed',
    effectiveFrom: VILLEDEMO_SIGNED,
    amendmentId: null,
    signedAt: VILLEDEMO_SIGNED,
    content: villedemoAnnex(),
    at,
  });
}
