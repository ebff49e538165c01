/**
 * Contract domain events, emitted on `ctx.events` after the change has committed.
 */
export interface ContractEventMap {
  /**
   * The terms in force changed from a date on (an amendment recorded with a past or present
   * effective date): the service desk recomputes the clocks of the open tickets created since.
   */
  termsChanged: { communeId: string; from: string };
}
