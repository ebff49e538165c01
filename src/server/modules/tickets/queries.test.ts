import { describe, expect, it } from 'vitest';
import { narrowingParams } from './queries';
import { ticketQuery } from './schemas';

describe('ticket list parameters', () => {
  it('are each either a filter that narrows the tickets or a choice of words, order and page', () => {
    // The search's fast path reads the index alone when nothing narrows the tickets: a new filter
    // missing from narrowingParams would be ignored there.
    const choosing = ['q', 'sort', 'order', 'count', 'limit', 'offset'];
    expect([...narrowingParams, ...choosing].sort()).toEqual(Object.keys(ticketQuery.shape).sort());
  });
});
