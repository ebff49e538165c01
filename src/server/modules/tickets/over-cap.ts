import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Searches known, a moment ago, to match more than the list's count cap. Saying "over 1,000" for a
 * common word costs finding 1,001 matches (PostgreSQL: about 15 ms walking the newest of
 * 2,000,000 tickets); the page itself needs only the newest 50. Tickets are never deleted, so a
 * search over the cap stays over it as tickets arrive; an edit that takes the word out of enough
 * tickets is what could make the figure stale, for at most `ttlMs`, and the list notices sooner
 * when a page comes up short (the caller then forgets the search and counts again).
 *
 * Keys are the compiled search statement with its values (the caller's scope and filters are in
 * it), held per database (tests run several in one process) and per process, bounded in number.
 */
export class OverCapMemo {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly capacity = 1_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  knows(key: string): boolean {
    const at = this.seen.get(key);
    if (at === undefined) return false;
    if (this.clock() - at <= this.ttlMs) return true;
    this.seen.delete(key);
    return false;
  }

  remember(key: string): void {
    this.seen.delete(key);
    this.seen.set(key, this.clock());
    // Maps iterate in insertion order: the first key is the one remembered longest ago.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
  }

  forget(key: string): void {
    this.seen.delete(key);
  }

  get size(): number {
    return this.seen.size;
  }
}

const memos = new WeakMap<Kysely<DB>, OverCapMemo>();

/** The memo of one database. */
export function overCapMemo(db: Kysely<DB>): OverCapMemo {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new OverCapMemo()));
  return memo;
}
