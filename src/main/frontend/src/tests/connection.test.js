import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, fakeToken, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets the client's async steps (getToken, answers) run, and advances the clock. */
async function advance(ms = 0) {
  await flush();
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
}

/** Advances the clock a second at a time until `done()` holds (at most `maxMs`). @param {() => boolean} done */
async function advanceUntil(done, maxMs = 60000) {
  for (let waited = 0; !done() && waited < maxMs; waited += 1000) await advance(1000);
}

/**
 * The server answers the next `count` attempts and closes each connection at once (a real refusal, unlike a
 * handshake that fails: the server is up), moving the clock on to each retry.
 */
async function dropAfterOpening(client, count) {
  for (let i = 0; i < count; i++) {
    await advance();
    FakeWebSocket.last.open();
    FakeWebSocket.last.serverClose(1013, 'try again later');
    await advance(client.state.nextAttemptAt - Date.now());
  }
}

describe('connecting', () => {
  it('offers chat.v1 and the token from getToken() as subprotocols', async () => {
    const { client, tokens } = createTestClient();
    client.connect();
    await advance();
    expect(FakeWebSocket.last.url).toBe('ws://127.0.0.1:1/api/websocket');
    expect(FakeWebSocket.last.protocols).toEqual(['chat.v1', `bearer.${tokens.issued[0]}`]);
  });

  it('goes connecting → authenticating → syncing → live', async () => {
    const { client, statuses } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    server.attach(FakeWebSocket.last);
    await advance();
    expect(statuses).toEqual(['connecting', 'authenticating', 'syncing', 'live']);
    expect(client.state).toMatchObject({ status: 'live', userId: 'alice', connectionId: 'c1' });
  });

  it('asks getToken() again on every reconnect, so a refreshed token is used', async () => {
    const { client, getToken, tokens } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    server.attach(FakeWebSocket.last);
    await advance();
    FakeWebSocket.last.serverClose(1001, 'server shutting down');
    await advance(client.state.nextAttemptAt - Date.now());
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(FakeWebSocket.last.protocols[1]).toBe(`bearer.${tokens.issued[1]}`);
  });

  it('stops and goes offline on disconnect(), closing with 1000', async () => {
    const { client } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    const ws = server.attach(FakeWebSocket.last);
    await advance();
    client.disconnect();
    expect(ws.closedByClient).toEqual({ code: 1000, reason: 'client disconnect' });
    expect(client.state).toMatchObject({ status: 'offline', stopped: true });
    await advance(120000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe('reconnecting with backoff', () => {
  it('waits a jittered, doubling time after connections the server closed, up to the cap', async () => {
    const { client } = createTestClient({ backoff: { baseMs: 1000, maxMs: 8000 } });
    client.connect();
    const waits = [];
    for (let i = 0; i < 6; i++) {
      await advance();
      FakeWebSocket.last.open();
      FakeWebSocket.last.serverClose(1013, 'try again later');
      await advance();
      const { status, nextAttemptAt } = client.state;
      expect(status).toBe('backoff');
      waits.push(nextAttemptAt - Date.now());
      await advance(nextAttemptAt - Date.now());
    }
    // random() is 0.5: half of each ceiling (1, 2, 4, 8, 8, 8 s)
    expect(waits).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(FakeWebSocket.instances).toHaveLength(7);
  });

  it('does not start over after a connection that dropped quickly', async () => {
    const { client } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await dropAfterOpening(client, 3);
    server.attach(FakeWebSocket.last);
    await advance(5000); // up, but not for long
    FakeWebSocket.last.serverClose(1006);
    await advance();
    expect(client.state.nextAttemptAt - Date.now()).toBe(4000); // attempt 4: half of 8 s
  });

  it('starts over once a connection stayed up for stableAfterMs', async () => {
    const { client } = createTestClient({ stableAfterMs: 10000 });
    const server = new FakeChatServer();
    client.connect();
    await dropAfterOpening(client, 3);
    server.attach(FakeWebSocket.last);
    await advance(10000);
    FakeWebSocket.last.serverClose(1006);
    await advance();
    expect(client.state.nextAttemptAt - Date.now()).toBe(500);
  });

  it('retries a server that is not up (handshakes fail) within quickMs every time, without growing the backoff', async () => {
    const { client, statuses } = createTestClient({ backoff: { baseMs: 1000, maxMs: 30000, quickMs: 1000 } });
    const server = new FakeChatServer();
    client.connect();
    await dropAfterOpening(client, 2); // the backoff had grown before the server went away
    const attempt = client.state.attempt;
    const waits = [];
    // Down, then starting (Payara answers the upgrade with 404, then 503): every handshake fails, a minute long.
    for (let i = 0; i < 60; i++) {
      await advance();
      FakeWebSocket.last.refuse();
      await advance();
      waits.push(client.state.nextAttemptAt - Date.now());
      await advance(client.state.nextAttemptAt - Date.now());
    }
    expect(Math.max(...waits)).toBeLessThan(1000);
    expect(client.state.attempt).toBe(attempt);
    expect(client.state.unreachable).toBe(true);
    expect(FakeWebSocket.last.protocols).toEqual(['chat.v1']); // anonymous: a refused token would be named by auth
    // Ready now: the attempt already under way (or the next, less than quickMs away) gets in.
    server.attach(FakeWebSocket.last);
    await advance();
    expect(client.state).toMatchObject({ status: 'live', unreachable: false });
    expect(statuses.at(-1)).toBe('live');
  });

  it('spreads quick retries with fresh jitter, between minMs and quickMs', async () => {
    const draws = [0, 0.5, 0.999];
    const { client } = createTestClient({ random: () => draws.shift() ?? 0.5, backoff: { minMs: 250, quickMs: 1000 } });
    client.connect();
    const waits = [];
    for (let i = 0; i < 3; i++) {
      await advance();
      FakeWebSocket.last.refuse();
      await advance();
      waits.push(client.state.nextAttemptAt - Date.now());
      await advance(client.state.nextAttemptAt - Date.now());
    }
    expect(waits).toEqual([250, 625, 999]);
  });

  it('starts the backoff over when reconnect() is called (the banner\'s "Retry now")', async () => {
    const { client } = createTestClient({ backoff: { baseMs: 1000, maxMs: 30000 } });
    client.connect();
    await dropAfterOpening(client, 4);
    expect(client.state.attempt).toBe(4);
    await advance();
    FakeWebSocket.last.open();
    FakeWebSocket.last.serverClose(1013);
    await advance();
    expect(client.state.nextAttemptAt - Date.now()).toBe(8000); // attempt 5: half of 16 s
    client.reconnect();
    await advance();
    expect(FakeWebSocket.instances).toHaveLength(6);
    FakeWebSocket.last.open();
    FakeWebSocket.last.serverClose(1013);
    await advance();
    expect(client.state.nextAttemptAt - Date.now()).toBe(500); // the first wait again: half of 1 s
  });

  it('after 4429 (too many) never comes back within slowMs, and waits longer each time', async () => {
    const { client } = createTestClient({ stableAfterMs: 10000, backoff: { baseMs: 1000, maxMs: 30000, slowMs: 5000 } });
    const server = new FakeChatServer();
    client.connect();
    await advance();
    server.attach(FakeWebSocket.last);
    await advance(10000); // live long enough for the backoff to start over: 4429 must not mean a short wait
    const waits = [];
    for (let i = 0; i < 5; i++) {
      FakeWebSocket.last.serverClose(4429, 'too many requests: the client ignored RATE_LIMITED');
      await advance();
      expect(client.state.status).toBe('backoff');
      waits.push(client.state.nextAttemptAt - Date.now());
      await advance(client.state.nextAttemptAt - Date.now());
      FakeWebSocket.last.open();
    }
    // random() is 0.5: slowMs + half of (max(2·slowMs, base·2ⁿ) − slowMs)
    expect(waits).toEqual([7500, 7500, 7500, 7500, 10500]);
    expect(FakeWebSocket.instances).toHaveLength(6);
  });

  it('after 1013 (try again later) backs off and grows, as after any close of an open connection', async () => {
    const { client } = createTestClient({ backoff: { baseMs: 1000, maxMs: 30000 } });
    client.connect();
    await dropAfterOpening(client, 3);
    expect(client.state.attempt).toBe(3);
    await advance();
    FakeWebSocket.last.open();
    FakeWebSocket.last.serverClose(1013, 'the database is unavailable, try again later');
    await advance();
    expect(client.state).toMatchObject({ status: 'backoff', unreachable: false, waitingForToken: false });
    expect(client.state.nextAttemptAt - Date.now()).toBe(4000); // attempt 4: half of 8 s
  });

  it('closes a connection whose auth is refused as too many (the user’s connection quota), and comes back slowly', async () => {
    const { client, errors } = createTestClient({ backoff: { baseMs: 1000, maxMs: 30000, slowMs: 5000 } });
    const server = new FakeChatServer();
    client.connect();
    await advance();
    FakeWebSocket.last.refuse(); // HTTP 429 on the handshake looks like 1006 to a browser
    await advance(client.state.nextAttemptAt - Date.now());
    server.overrides.auth = () => {
      throw Object.assign(new Error('too many connections for this user: at most 20'), { code: 'RATE_LIMITED', retryable: true });
    };
    const probe = server.attach(FakeWebSocket.last);
    await advance();
    expect(probe.sentOf('auth')).toHaveLength(1);
    expect(probe.closedByClient).toEqual({ code: 4429, reason: 'too many connections for this user: at most 20' });
    expect(errors.map((e) => e.message)).toContain('too many connections for this user: at most 20');
    expect(client.state).toMatchObject({ status: 'backoff', waitingForToken: false });
    expect(client.state.nextAttemptAt - Date.now()).toBeGreaterThanOrEqual(5000);
    // Once a connection is free again, the next attempt gets in.
    delete server.overrides.auth;
    await advance(client.state.nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await advance();
    expect(client.state.status).toBe('live');
  });

  it('treats a handshake that hangs like one that failed: dropped after connectTimeoutMs, retried quickly', async () => {
    const { client } = createTestClient({ connectTimeoutMs: 5000 });
    client.connect();
    await advance(5000);
    expect(FakeWebSocket.instances[0].closedByClient?.code).toBe(4000);
    expect(client.state.nextAttemptAt - Date.now()).toBeLessThan(1000);
    await advance(client.state.nextAttemptAt - Date.now());
    expect(FakeWebSocket.last.protocols).toEqual(['chat.v1']);
  });

  it('reconnects at once when the browser comes back online', async () => {
    const { client, window, navigator } = createTestClient();
    client.connect();
    await advance();
    navigator.onLine = false;
    window.dispatchEvent(new Event('offline'));
    FakeWebSocket.last.refuse();
    await advance();
    expect(client.state.status).toBe('offline');
    navigator.onLine = true;
    window.dispatchEvent(new Event('online'));
    await advance();
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(client.state.status).toBe('connecting');
  });

  it('reconnects at once when the tab becomes visible during a backoff', async () => {
    const { client, document } = createTestClient({ backoff: { baseMs: 20000 } });
    client.connect();
    await advance();
    FakeWebSocket.last.refuse();
    await advance();
    expect(client.state.status).toBe('backoff');
    document.dispatchEvent(new Event('visibilitychange'));
    await advance();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('drops a live socket that does not answer a ping after the tab wakes up', async () => {
    const { client, document } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    const ws = server.attach(FakeWebSocket.last);
    await advance();
    server.overrides.ping = () => undefined; // a dead connection: no answer
    document.dispatchEvent(new Event('visibilitychange'));
    await advance(5000);
    expect(ws.closedByClient?.code).toBe(4000);
    expect(client.state.status).toBe('backoff');
  });
});

describe('4401 and tokens', () => {
  it('after 4401 does not reconnect with the same token, and does once getToken() yields another', async () => {
    const { client, tokens } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    server.attach(FakeWebSocket.last);
    await advance();
    tokens.fixed = tokens.issued[0]; // the auth library has nothing newer yet
    FakeWebSocket.last.serverClose(4401, 'token expired');
    await advance(120000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(client.state).toMatchObject({ status: 'backoff', waitingForToken: true });
    tokens.fixed = fakeToken({ n: 99 });
    await advanceUntil(() => FakeWebSocket.instances.length > 1);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(FakeWebSocket.last.protocols[1]).toBe(`bearer.${tokens.fixed}`);
  });

  it('reconnect() after a re-login connects at once', async () => {
    const { client, tokens } = createTestClient({ backoff: { baseMs: 60000, maxMs: 60000 } });
    const server = new FakeChatServer();
    client.connect();
    await advance();
    server.attach(FakeWebSocket.last);
    await advance();
    tokens.fixed = tokens.issued[0];
    FakeWebSocket.last.serverClose(4401, 'token expired');
    await advance();
    tokens.fixed = fakeToken({ n: 7 });
    client.reconnect();
    await advance();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('after a refused handshake checks the token with auth, and waits for another when it is refused', async () => {
    const { client, tokens, errors } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    FakeWebSocket.last.refuse(); // HTTP 401 looks like 1006 to a browser
    tokens.fixed = tokens.issued[0];
    await advance(client.state.nextAttemptAt - Date.now());
    const probe = FakeWebSocket.last;
    expect(probe.protocols).toEqual(['chat.v1']);
    server.overrides.auth = () => {
      throw Object.assign(new Error('token has expired'), { code: 'UNAUTHORIZED' });
    };
    server.attach(probe);
    await advance();
    expect(probe.sentOf('auth')[0].payload.token).toBe(tokens.issued[0]);
    expect(errors.map((e) => e.message)).toContain('token has expired');
    expect(client.state.waitingForToken).toBe(true);
    await advance(60000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('replaces a refused token with a fresh one on the same connection (a server restarted with new keys)', async () => {
    const { client, getToken, tokens } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    FakeWebSocket.last.refuse();
    await advance(client.state.nextAttemptAt - Date.now());
    const stale = tokens.issued.at(-1);
    server.overrides.auth = (p) => {
      if (p.token === stale) throw Object.assign(new Error('token signature is not valid'), { code: 'UNAUTHORIZED' });
      return { userId: 'alice', expiresAt: new Date(Date.now() + 3600_000).toISOString() };
    };
    const ws = server.attach(FakeWebSocket.last);
    await advance();
    expect(ws.sentOf('auth').map((f) => f.payload.token)).toEqual([stale, tokens.issued.at(-1)]);
    expect(getToken).toHaveBeenLastCalledWith({ refresh: true });
    expect(client.state.status).toBe('live');
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('signs in with an auth frame after a failed handshake, then goes live', async () => {
    const { client } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    FakeWebSocket.last.refuse(); // server down
    await advance(client.state.nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await advance();
    expect(client.state.status).toBe('live');
    expect(FakeWebSocket.last.sent[0].type).toBe('auth');
  });

  it('signs in with auth when the server did not get the handshake token (a proxy dropped it)', async () => {
    const { client, tokens } = createTestClient();
    const server = new FakeChatServer();
    client.connect();
    await advance();
    const ws = FakeWebSocket.last;
    ws.protocols = ['chat.v1']; // what the server saw
    server.attach(ws);
    await advance();
    expect(ws.sentOf('auth').map((f) => f.payload.token)).toEqual([tokens.issued[0]]);
    expect(client.state.status).toBe('live');
  });

  it('sends auth with a fresh token before the current one expires', async () => {
    let n = 0;
    const getToken = vi.fn(async () => fakeToken({ exp: Math.floor(Date.now() / 1000) + 120, n: ++n }));
    const { client } = createTestClient({ getToken });
    const server = new FakeChatServer();
    client.connect();
    await advance();
    const ws = server.attach(FakeWebSocket.last);
    await advance();
    expect(ws.sentOf('auth')).toHaveLength(0);
    await advance(59000);
    expect(ws.sentOf('auth')).toHaveLength(0);
    await advance(1000); // 60 s before the 2-minute token expires
    expect(ws.sentOf('auth')).toHaveLength(1);
    expect(ws.sentOf('auth')[0].payload.token).not.toBe(ws.protocols[1].slice(7));
    await advance(60000); // the refreshed token is refreshed in turn
    expect(ws.sentOf('auth')).toHaveLength(2);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('tries the refresh again when getToken() has nothing newer yet', async () => {
    const token = fakeToken({ exp: Math.floor(Date.now() / 1000) + 120 });
    const { client, tokens } = createTestClient();
    tokens.fixed = token;
    const server = new FakeChatServer();
    client.connect();
    await advance();
    const ws = server.attach(FakeWebSocket.last);
    await advance(60000);
    expect(ws.sentOf('auth')).toHaveLength(0);
    tokens.fixed = fakeToken({ exp: Math.floor(Date.now() / 1000) + 3600, n: 5 });
    await advance(15000);
    expect(ws.sentOf('auth')).toHaveLength(1);
  });
});
