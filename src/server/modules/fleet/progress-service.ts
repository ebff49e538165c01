import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { scoped } from '../../db/scope';
import { effectivePiecesOverPeriod } from '../contracts';
import { serviceSpans } from './repo';
import { localToday } from './service';
import { renewalProgress } from './renewal-progress';
import type { SharePiece } from './renewal-rate';
import type { ProgressQuery, ProgressView } from './schemas';

/**
 * The year of indicator 3.1.1 month by month for a commune: its devices' dates of service and,
 * for each day, the yearly share of the contract version in force (rule kind
 * `fleet_renewal_share`, agreements applied), as the indicator itself reads them.
 */
export async function getRenewalProgress(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: ProgressQuery,
): Promise<ProgressView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.read');
  const today = localToday(ctx.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const versions = await effectivePiecesOverPeriod(ctx.db, communeId, from, to);
  const pieces: SharePiece[] = versions.map((v) => {
    const rule = v.commitments
      .flatMap((c) => c.indicators)
      .map((i) => i.rule as { kind?: string; sharePerYear?: unknown } | null)
      .find((r) => r?.kind === 'fleet_renewal_share');
    const share = rule?.sharePerYear;
    return {
      from: v.from,
      to: v.to,
      sharePerYear: typeof share === 'number' && share > 0 && share <= 1 ? share : null,
      annexVersionId: v.annex.id,
      version: v.annex.version,
    };
  });
  const until = DateTime.fromISO(today).plus({ days: 1 }).toISODate()!;
  const progress = renewalProgress({ devices: await serviceSpans(ctx.db, communeId), year, until, pieces });
  return {
    communeId,
    ...progress,
    versions: pieces.map((p) => ({
      from: p.from,
      to: p.to,
      annexVersionId: p.annexVersionId!,
      version: p.version!,
      sharePerYear: p.sharePerYear,
    })),
  };
}
