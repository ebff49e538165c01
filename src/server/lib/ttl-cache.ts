/**
 * A small read-through cache whose entries expire after a fixed time: for figures a display may
 * show a few seconds late (a calendar edit), read on every page otherwise.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: V }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value of `key`, loaded with `load` when missing or expired. */
  async get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at <= this.ttlMs) return hit.value;
    const value = await load(key);
    this.entries.set(key, { at: now, value });
    return value;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }
}
