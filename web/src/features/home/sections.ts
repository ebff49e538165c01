import type { ComponentType } from 'react';
import type { Me, Permission } from '../../api/types';
import { DeskHomeSection } from '../tickets/HomeSections';
import { DeskSummarySection } from '../tickets/DeskSummarySection';
import { CommitmentsAtRiskSection } from '../indicators/HomeSection';

/** A block of the home page contributed by a capability (e.g. "My open tickets"). */
export interface HomeSection {
  /** Stable key. */
  id: string;
  /** Shown to users with this permission (or one of these); to everyone when omitted. */
  permission?: Permission | readonly Permission[];
  /**
   * Sort key: lower first. Below 10: before the commune/communes block (the day's work); shortcuts
   * come last. A function when the block's place depends on who reads (see sectionOrder).
   */
  order: number | ((me: Me) => number);
  /** Renders the block: a <section aria-labelledby> with an h2, its own queries and states. */
  component: ComponentType;
}

/**
 * The home page's registry: a capability adds its block here (one line), e.g.
 * `{ id: 'my-tickets', permission: 'tickets.read', order: 20, component: MyTicketsSection }`.
 */
export const homeSections: HomeSection[] = [
  // Director and contract manager: the communes' backlog and commitments first, then their own
  // queue; a contract manager (who is not also a director) reads the commitments first.
  { id: 'desk-summary', permission: 'indicators.overview', order: 3, component: DeskSummarySection },
  {
    id: 'commitments-at-risk',
    permission: 'indicators.overview',
    order: (me) => (me.roles.includes('contract_manager') && !me.roles.includes('director') ? 2 : 4),
    component: CommitmentsAtRiskSection,
  },
  { id: 'desk', permission: 'tickets.read', order: 5, component: DeskHomeSection },
];

/** A block's place on the home page of this reader. */
export function sectionOrder(section: HomeSection, me: Me): number {
  return typeof section.order === 'function' ? section.order(me) : section.order;
}
