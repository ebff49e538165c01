import type { AgreedTarget } from '../contracts';

/**
 * "A calculer sur la base de l'existant, un objectif sera défini conjointement": the platform
 * measures the existing situation over a baseline period and proposes a target from it; the
 * parties agree (or amend) it. Pure: the distribution comes from the SQL percentiles (nearest
 * rank, queries.ts) or from another capability's data (outages), the proposal from the rule below.
 *
 * Proposal rule (docs/indicators.md, "Agreeing a target"): the delay that 90 % of the baseline's
 * cases met — its 90th percentile — rounded up to the whole business hour (at least 1 h), per
 * criticality for 3.3.2 and never shorter for a lower criticality, with a share of 90 %. The
 * proposal is a starting point: whoever proposes may change every value; both parties approve.
 */

export interface BaselineGroup {
  /** '*' for every case, or a criticality P1…P4. */
  group: string;
  count: number;
  medianHours: number | null;
  p80Hours: number | null;
  p90Hours: number | null;
  p95Hours: number | null;
}

export interface Baseline {
  kind: 'resolution_delay' | 'intervention_delay' | 'restoration_delay' | 'acknowledgement';
  /** Baseline period, local dates [from, to). */
  from: string;
  to: string;
  /** Cases measured, and per year (the volume clause's reference once agreed). */
  volume: number;
  volumePerYear: number;
  /** Delays in business hours. */
  groups: BaselineGroup[];
  /** For 3.3.1: the share acknowledged in time over the baseline. */
  share?: number | null;
  /** The target the measurement suggests, or null when a group has no case to propose from. */
  proposal: AgreedTarget | null;
  /** Why there is no proposal (e.g. "P1: no incident in the baseline period"). */
  proposalGap: string | null;
}

/** The share proposed with a delay: the 90th percentile is met by 90 % of the baseline's cases. */
export const PROPOSED_SHARE = 0.9;

/** Hours up to the whole hour, at least one, as an ISO-8601 duration (PT5H). */
export function roundedUpHours(h: number): string {
  return `PT${Math.max(1, Math.ceil(h - 1e-9))}H`;
}

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** The target a delay distribution suggests (see the rule above). */
export function proposeDelayTarget(
  kind: Baseline['kind'],
  groups: readonly BaselineGroup[],
): { proposal: AgreedTarget | null; gap: string | null } {
  if (kind === 'resolution_delay') {
    const byPriority: Record<string, string> = {};
    let floor = 0;
    for (const p of PRIORITIES) {
      const g = groups.find((x) => x.group === p);
      if (!g || g.count === 0 || g.p90Hours === null)
        return { proposal: null, gap: `${p}: no incident in the baseline period` };
      const h = Math.max(floor, Math.max(1, Math.ceil(g.p90Hours - 1e-9)));
      floor = h;
      byPriority[p] = `PT${h}H`;
    }
    return {
      proposal: {
        kind,
        byPriority: byPriority as { P1: string; P2: string; P3: string; P4: string },
        targetShare: PROPOSED_SHARE,
      },
      gap: null,
    };
  }
  if (kind === 'acknowledgement') return { proposal: null, gap: null };
  const all = groups.find((g) => g.group === '*');
  if (!all || all.count === 0 || all.p90Hours === null)
    return { proposal: null, gap: 'no case in the baseline period' };
  return { proposal: { kind, delay: roundedUpHours(all.p90Hours), targetShare: PROPOSED_SHARE }, gap: null };
}

/** A delay baseline with its proposal, from a distribution measured over `months` months. */
export function delayBaseline(
  kind: Baseline['kind'],
  m: { from: string; to: string; months: number; volume: number; groups: BaselineGroup[]; share?: number | null },
): Baseline {
  const { proposal, gap } =
    kind === 'acknowledgement'
      ? { proposal: shareProposal(m.share ?? null), gap: m.share == null ? 'no ticket in the baseline period' : null }
      : proposeDelayTarget(kind, m.groups);
  return {
    kind,
    from: m.from,
    to: m.to,
    volume: m.volume,
    volumePerYear: m.months > 0 ? Math.round((m.volume * 12) / m.months) : m.volume,
    groups: m.groups,
    ...(m.share !== undefined ? { share: m.share } : {}),
    proposal,
    proposalGap: gap,
  };
}

/** 3.3.1: the share observed, rounded down to the five points (a share the parties may agree below 100 %). */
function shareProposal(share: number | null): AgreedTarget | null {
  if (share === null || share <= 0) return null;
  const s = Math.floor(share * 20 + 1e-9) / 20;
  return { kind: 'acknowledgement', targetShare: Math.max(0.05, Math.min(1, s)) };
}
