import { EventEmitter } from 'node:events';

/**
 * A typed in-process event bus for domain events emitted after their change has committed.
 * Listeners run asynchronously; every run is tracked, so `settle()` can wait for the work they
 * started (tests driving the clock, the scheduler before a run) and `stop()` lets running ones
 * finish when the app closes instead of cutting their queries. A listener's failure goes to
 * `onError`, never to the emitter: a failing email never rolls back a ticket change.
 */
export class EventBus<M extends { [K in keyof M]: object }> {
  private readonly emitter = new EventEmitter();
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly onError: (err: unknown, event: string) => void) {}

  /** Subscribes a listener to one event. */
  on<K extends keyof M & string>(name: K, listener: (e: M[K]) => void | Promise<void>): void {
    this.emitter.on(name, (e: M[K]) => {
      if (this.stopped) return;
      const run: Promise<void> = Promise.resolve()
        .then(() => listener(e))
        .catch((err: unknown) => this.onError(err, name))
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
    });
  }

  /** Emits an event to its listeners (they run after the current tick). */
  emit<K extends keyof M & string>(name: K, e: M[K]): void {
    this.emitter.emit(name, e);
  }

  /** Waits until every listener run has finished, including runs started meanwhile. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** No new listener run starts; running ones finish. Called when the app closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.settle();
  }
}
