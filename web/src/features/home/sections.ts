import type { ComponentType } from 'react';
import type { Permission } from '../../api/types';

/** A block of the home page contributed by a capability (e.g. "My open tickets"). */
export interface HomeSection {
  /** Stable key. */
  id: string;
  /** Shown to users with this permission (or one of these); to everyone when omitted. */
  permission?: Permission | readonly Permission[];
  /** Sort key: lower first. The commune/communes block comes first; shortcuts come last. */
  order: number;
  /** Renders the block: a <section aria-labelledby> with an h2, its own queries and states. */
  component: ComponentType;
}

/**
 * The home page's registry: a capability adds its block here (one line), e.g.
 * `{ id: 'my-tickets', permission: 'tickets.read', order: 20, component: MyTicketsSection }`.
 */
export const homeSections: HomeSection[] = [];
