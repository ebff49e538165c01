import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { AppContext } from '../context';

/**
 * Group commit for writes that come in storms: the alert webhook's outages and tickets, and what
 * a new ticket's listeners write after it (its SLA alert jobs, its notifications' emails). Each
 * commit costs a disk flush (SQLite `synchronous = FULL`,
 * PostgreSQL's WAL flush): one transaction per notification caps a storm at the disk's flush rate.
 * Operations submitted while a transaction is being prepared or committed wait and run together
 * in the next one, each in its own savepoint-free step; the batch commits once and every caller
 * gets its own answer. If the batch fails, its operations are retried one transaction each, so
 * one bad operation fails alone.
 *
 * On SQLite only: there, one connection serialises every write anyway and each commit blocks the
 * process for its flush. PostgreSQL runs concurrent transactions on its pool and already flushes
 * concurrent commits together (its WAL writer), while a single queue would serialise every
 * statement's round trip on one connection: there each operation runs in its own transaction, and
 * the unique key on the alert decides between concurrent firsts.
 */
type Op<T> = (trx: Transaction<DB>) => Promise<T>;
interface Pending {
  op: Op<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Pending[] = [];
  private running = false;
  constructor(private readonly ctx: Pick<AppContext, 'db' | 'dialect'>) {}

  run<T>(op: Op<T>): Promise<T> {
    if (this.ctx.dialect !== 'sqlite') return this.ctx.db.transaction().execute((trx) => op(trx));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op: op, resolve: resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests already received reach this queue before the first transaction.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const results: unknown[] = [];
        try {
          await this.ctx.db.transaction().execute(async (trx) => {
            for (const p of batch) results.push(await p.op(trx));
          });
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch {
          for (const p of batch) {
            try {
              p.resolve(await this.ctx.db.transaction().execute((trx) => p.op(trx)));
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const batchers = new WeakMap<object, GroupCommit>();

/**
 * The app's group-commit queue (one per database handle). An operation must use only the
 * transaction it is given (on SQLite, a query on the database handle from inside it would wait for
 * the connection the batch holds).
 */
export function groupCommit(ctx: Pick<AppContext, 'db' | 'dialect'>): GroupCommit {
  let g = batchers.get(ctx.db);
  if (!g) batchers.set(ctx.db, (g = new GroupCommit(ctx)));
  return g;
}
