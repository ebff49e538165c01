import { describe, expect, it } from 'vitest';
import { OverCapMemo } from './over-cap';

describe('OverCapMemo', () => {
  const memoAt = (ttl = 1_000, capacity = 3) => {
    const clock = { now: 0 };
    return { clock, memo: new OverCapMemo(ttl, capacity, () => clock.now) };
  };

  it('knows a search remembered within the time to live, not after', () => {
    const { clock, memo } = memoAt();
    expect(memo.knows('a')).toBe(false);
    memo.remember('a');
    clock.now = 1_000;
    expect(memo.knows('a')).toBe(true);
    clock.now = 1_001;
    expect(memo.knows('a')).toBe(false);
    expect(memo.size).toBe(0);
  });

  it('forgets on demand, and remembering again restarts the time', () => {
    const { clock, memo } = memoAt();
    memo.remember('a');
    memo.forget('a');
    expect(memo.knows('a')).toBe(false);
    memo.remember('b');
    clock.now = 900;
    memo.remember('b');
    clock.now = 1_800;
    expect(memo.knows('b')).toBe(true);
  });

  it('holds at most its capacity, dropping the search remembered longest ago', () => {
    const { clock, memo } = memoAt();
    for (const k of ['a', 'b', 'c']) {
      memo.remember(k);
      clock.now += 1;
    }
    memo.remember('a');
    memo.remember('d');
    expect(memo.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].filter((k) => memo.knows(k))).toEqual(['a', 'c', 'd']);
  });
});
