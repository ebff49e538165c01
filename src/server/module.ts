import type { App } from './lib/http';
import type { AppContext } from './context';
import type { JobHandler } from './modules/scheduler';

/**
 * A capability of the app, as `buildApp` assembles it. Each module's `index.ts` exports one such
 * object; importing a module has no side effect: nothing runs until `buildApp` calls these.
 */
export interface AppModule {
  /** The module's folder name, for logs and errors. */
  readonly name: string;
  /** Declares the module's HTTP routes. */
  routes?(app: App, ctx: AppContext): void;
  /** Handlers of the job kinds the module owns (`kind` → handler). */
  readonly jobs?: Readonly<Record<string, JobHandler>>;
  /** Subscribes the module's listeners to domain events (`ctx.events`). */
  subscribe?(ctx: AppContext): void;
  /**
   * Runs once the app is ready, in a process that runs scheduled work (`MUTUALIS_SCHEDULER`):
   * makes sure the module's recurring jobs exist.
   */
  start?(ctx: AppContext): Promise<void>;
  /** Runs when the app closes, before the database closes. */
  stop?(ctx: AppContext): Promise<void>;
}
