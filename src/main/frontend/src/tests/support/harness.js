import { expect, vi } from 'vitest';
import { ChatClient } from '../../lib/chat-client/client.js';
import { MemoryOutboxStorage } from '../../lib/chat-client/outbox-storage.js';
import { FakeWebSocket } from './fake-websocket.js';
import { FakeChatServer, fakeToken, flush } from './fake-server.js';

/**
 * A client wired to fakes: FakeWebSocket, a window/document/navigator made of EventTargets, a getToken that
 * hands out a new token on every call (unless told to repeat one), memory outbox storage.
 * @param {Partial<import('../../lib/chat-client/client.js').ChatClientOptions>} [options]
 */
export function createTestClient(options = {}) {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const navigator = { onLine: true };
  let n = 0;
  /** @type {string | null} when set, getToken returns it instead of a new token */
  const tokens = { fixed: /** @type {string | null} */ (null), issued: /** @type {string[]} */ ([]) };
  const getToken = vi.fn(async () => {
    const token = tokens.fixed ?? fakeToken({ n: ++n });
    tokens.issued.push(token);
    return token;
  });
  const client = new ChatClient({
    url: 'ws://127.0.0.1:1/api/websocket',
    getToken,
    WebSocket: /** @type {any} */ (FakeWebSocket),
    window,
    document,
    navigator,
    random: () => 0.5,
    outbox: { storage: new MemoryOutboxStorage() },
    ...options
  });
  /** @type {string[]} */
  const statuses = [];
  client.on('status', (s) => {
    if (statuses.at(-1) !== s.status) statuses.push(s.status);
  });
  /** @type {Error[]} */
  const errors = [];
  client.on('error', (e) => errors.push(e));
  return { client, getToken, tokens, window, document, navigator, statuses, errors };
}

/**
 * A test client connected to a {@link FakeChatServer} (the user in conversation 12 with bob) and live.
 * @param {Partial<import('../../lib/chat-client/client.js').ChatClientOptions>} [options]
 */
export async function liveClient(options = {}) {
  const harness = createTestClient(options);
  const server = new FakeChatServer();
  server.addConversation(12);
  harness.client.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush();
  expect(harness.client.state.status).toBe('live');
  return { ...harness, server, ws };
}

/** Fake timers for the client's timers and clock; I/O callbacks (setImmediate) stay real. */
export function useFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}
