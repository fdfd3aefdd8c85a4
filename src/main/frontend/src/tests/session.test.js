import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DevSignInUnavailable, devTokenSource, websocketUrl, apiUrl } from '../lib/session.js';

beforeEach(() => {
  vi.stubGlobal('document', { baseURI: 'https://chat.example.com/ctx/' });
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A fetch that answers the dev token endpoint with numbered tokens valid for `ttlMs`. */
function devEndpoint(ttlMs = 3600_000, status = 200) {
  let n = 0;
  const fetch = vi.fn(async () => ({
    status,
    ok: status === 200,
    json: async () => (status === 200 ? { token: `t${++n}`, expiresAt: new Date(Date.now() + ttlMs).toISOString() } : { error: 'nope' })
  }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('session', () => {
  it('derives the WebSocket and API URLs from the page, under a context root', () => {
    expect(websocketUrl()).toBe('wss://chat.example.com/ctx/api/websocket');
    expect(apiUrl('api/dev/token').href).toBe('https://chat.example.com/ctx/api/dev/token');
    vi.stubGlobal('document', { baseURI: 'http://127.0.0.1:8080/' });
    expect(websocketUrl()).toBe('ws://127.0.0.1:8080/api/websocket');
  });

  it('reuses a dev token early in its life, and fetches a new one later or when told to refresh', async () => {
    const fetch = devEndpoint(100_000);
    const getToken = devTokenSource('alice', 'Alice');
    expect(await getToken()).toBe('t1');
    expect(await getToken()).toBe('t1');
    expect(await getToken({ refresh: true })).toBe('t2');
    vi.setSystemTime(Date.now() + 41_000); // past 40 % of its life
    expect(await getToken()).toBe('t3');
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(fetch.mock.calls[0][0].href).toBe('https://chat.example.com/ctx/api/dev/token');
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ userId: 'alice', name: 'Alice' });
  });

  it('shares one request between concurrent calls', async () => {
    const fetch = devEndpoint();
    const getToken = devTokenSource('alice', 'Alice');
    expect(await Promise.all([getToken(), getToken({ refresh: true })])).toEqual(['t1', 't1']);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reports dev sign-in as off when the endpoint answers 404', async () => {
    devEndpoint(0, 404);
    await expect(devTokenSource('alice', 'Alice')()).rejects.toBeInstanceOf(DevSignInUnavailable);
  });
});
