import { EventEmitter } from 'node:events';

/**
 * Service-desk domain events, emitted after the change has committed. Notifications,
 * scheduled warnings and escalations subscribe here instead of being called from the
 * ticket commands, so a failing mail never rolls back a ticket change.
 */
export interface TicketEventMap {
  created: { ticketId: string; communeId: string; actorId: string | null };
  transitioned: { ticketId: string; communeId: string; from: string; to: string; actorId: string | null };
  assigned: {
    ticketId: string;
    communeId: string;
    groupId: string | null;
    assigneeId: string | null;
    actorId: string | null;
  };
  commented: { ticketId: string; communeId: string; commentId: string; internal: boolean; actorId: string | null };
  deadlinesChanged: { ticketId: string; communeId: string };
  escalated: { ticketId: string; communeId: string; level: string; automatic: boolean; actorId: string | null };
}

export class TicketEvents {
  private readonly emitter = new EventEmitter();
  /** Listener runs in flight, so shutting down waits for them instead of cutting their queries. */
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  /** Subscribes a listener; errors in listeners are the listener's to handle. */
  on<K extends keyof TicketEventMap>(name: K, listener: (e: TicketEventMap[K]) => void | Promise<void>): void {
    this.emitter.on(name, (e: TicketEventMap[K]) => {
      if (this.stopped) return;
      const run: Promise<void> = Promise.resolve()
        .then(() => listener(e))
        .catch((err) => {
          this.emitter.emit('error', err);
        })
        .finally(() => {
          this.pending.delete(run);
        });
      this.pending.add(run);
    });
  }

  /** Called when the app closes (ctx.services): no new listener runs, running ones finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  emit<K extends keyof TicketEventMap>(name: K, e: TicketEventMap[K]): void {
    this.emitter.emit(name, e);
  }

  onError(handler: (err: unknown) => void): void {
    this.emitter.on('error', handler);
  }
}
