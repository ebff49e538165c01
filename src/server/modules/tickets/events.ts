import { EventEmitter } from 'node:events';

/**
 * Service-desk domain events, emitted after the change has committed. Notifications,
 * scheduled warnings and escalations subscribe here instead of being called from the
 * ticket commands, so a failing mail never rolls back a ticket change.
 */
export interface TicketEventMap {
  created: { ticketId: string; communeId: string; actorId: string | null };
  transitioned: { ticketId: string; communeId: string; from: string; to: string; actorId: string | null };
  assigned: { ticketId: string; communeId: string; groupId: string | null; assigneeId: string | null; actorId: string | null };
  commented: { ticketId: string; communeId: string; commentId: string; internal: boolean; actorId: string | null };
  deadlinesChanged: { ticketId: string; communeId: string };
  escalated: { ticketId: string; communeId: string; level: string; automatic: boolean; actorId: string | null };
}

export class TicketEvents {
  private readonly emitter = new EventEmitter();

  /** Subscribes a listener; errors in listeners are the listener's to handle. */
  on<K extends keyof TicketEventMap>(name: K, listener: (e: TicketEventMap[K]) => void | Promise<void>): void {
    this.emitter.on(name, (e: TicketEventMap[K]) => {
      void Promise.resolve().then(() => listener(e)).catch((err) => this.emitter.emit('error', err));
    });
  }

  emit<K extends keyof TicketEventMap>(name: K, e: TicketEventMap[K]): void {
    this.emitter.emit(name, e);
  }

  onError(handler: (err: unknown) => void): void {
    this.emitter.on('error', handler);
  }
}
