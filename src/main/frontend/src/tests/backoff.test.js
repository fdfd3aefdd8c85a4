import { describe, expect, it } from 'vitest';
import { Backoff } from '../lib/chat-client/backoff.js';

describe('Backoff', () => {
  it('keeps every wait within [min, min(max, base·2ⁿ)) and doubles the ceiling', () => {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 30000, random: () => 0.999999 });
    const waits = Array.from({ length: 8 }, () => backoff.next());
    expect(waits).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999, 29999]);
  });

  it('draws fresh jitter for every attempt (full jitter)', () => {
    const draws = [0.1, 0.9, 0.3, 0.7];
    const backoff = new Backoff({ baseMs: 1000, maxMs: 30000, minMs: 0, random: () => draws.shift() ?? 0 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 1800, 1200, 5600]);
  });

  it('never waits less than the minimum, to avoid a hot reconnect loop', () => {
    const backoff = new Backoff({ baseMs: 1000, minMs: 250, random: () => 0 });
    expect(backoff.next()).toBe(250);
  });

  it('spreads real random waits over the whole window', () => {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 4000, minMs: 0 });
    for (let i = 0; i < 200; i++) {
      backoff.attempt = 2;
      const wait = backoff.next();
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(4000);
    }
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({ baseMs: 1000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(500);
  });

  it('keeps quick retries in [min, quick), with fresh jitter, without counting attempts', () => {
    const draws = [0, 0.5, 0.999999];
    const backoff = new Backoff({ minMs: 250, quickMs: 1000, random: () => draws.shift() ?? 0 });
    expect([backoff.quick(), backoff.quick(), backoff.quick()]).toEqual([250, 625, 999]);
    expect(backoff.attempt).toBe(0);
  });

  it('waits at least slowMs after "too many", jittered above it, and grows with the attempts', () => {
    const draws = [0, 0.999999, 0.5, 0.5, 0.5];
    const backoff = new Backoff({ baseMs: 1000, maxMs: 30000, slowMs: 5000, random: () => draws.shift() ?? 0 });
    const waits = Array.from({ length: 5 }, () => backoff.slow());
    // ceilings: max(2·slowMs, base·2ⁿ) = 10, 10, 10, 10, 16 s
    expect(waits).toEqual([5000, 9999, 7500, 7500, 10500]);
    expect(backoff.attempt).toBe(5);
  });
});
