import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, refreshDelay, tokenExpiresAt, tokenSubject } from '../lib/chat-client/jwt.js';
import { fakeToken } from './support/fake-server.js';

describe('jwt', () => {
  it('reads exp and sub from a token', () => {
    const token = fakeToken({ sub: 'zoë', exp: 2_000_000_000 });
    expect(tokenExpiresAt(token)).toBe(2_000_000_000_000);
    expect(tokenSubject(token)).toBe('zoë');
  });

  it('returns null for what is not a JWT', () => {
    expect(decodeJwtPayload('nope')).toBeNull();
    expect(decodeJwtPayload('a.###.c')).toBeNull();
    expect(tokenExpiresAt('a.b')).toBeNull();
  });

  it('refreshes at 80 % of the time left, at least a minute before expiry, never before half of it', () => {
    const now = 1_000_000;
    expect(refreshDelay(now + 3_600_000, now)).toBe(2_880_000); // 1 h token: after 48 min
    expect(refreshDelay(now + 120_000, now)).toBe(60_000); // 2 min token: a minute before
    expect(refreshDelay(now + 30_000, now)).toBe(15_000); // short token: half-way
    expect(refreshDelay(now - 1, now)).toBe(0);
  });
});
