import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { IndexedDbOutboxStorage } from '../lib/chat-client/outbox-storage.js';
import { OutboxFullError } from '../lib/chat-client/errors.js';

/** @type {IDBFactory} */
let indexedDB;

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
  indexedDB = new IDBFactory();
});
afterEach(() => vi.useRealTimers());

function storage() {
  return new IndexedDbOutboxStorage({ indexedDB });
}

/** A client whose outbox lives in the test's IndexedDB, signed in as alice. */
function client(options = {}) {
  return createTestClient({ userId: 'alice', outbox: { storage: storage(), ...options } });
}

async function goLive(harness, server) {
  harness.client.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush(20);
  return ws;
}

describe('outbox', () => {
  it('keeps a message written while offline in IndexedDB, with its clientMessageId', async () => {
    const { client: c } = client();
    c.connect();
    await flush();
    FakeWebSocket.last.refuse();
    const entry = await c.sendMessage(12, 'written offline');
    expect(entry).toMatchObject({ conversationId: 12, content: 'written offline', status: 'pending' });
    expect(entry.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storage().load('alice')).toEqual([expect.objectContaining({ clientMessageId: entry.clientMessageId })]);
  });

  it('sends it once live, removes it on the ack, and emits the stored message', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    const received = [];
    harness.client.on('messages', (e) => received.push(e));
    harness.client.connect();
    await flush();
    FakeWebSocket.last.refuse();
    const entry = await harness.client.sendMessage(12, 'hello');
    await vi.advanceTimersByTimeAsync(harness.client.state.nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await flush(20);
    expect(server.conversations.get(12).messages).toEqual([expect.objectContaining({ content: 'hello', clientMessageId: entry.clientMessageId })]);
    expect(harness.client.outbox).toEqual([]);
    expect(await storage().load('alice')).toEqual([]);
    expect(received).toContainEqual(expect.objectContaining({ source: 'ack', messages: [expect.objectContaining({ seq: 1 })] }));
  });

  it('re-sends an unacknowledged message after a reconnect with the same clientMessageId, stored once', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    const ws = await goLive(harness, server);
    // The server stores the message, but the ack is lost with the connection.
    server.overrides.send_message = (p) => {
      server.store(12, 'alice', p.content, p.clientMessageId);
      return undefined;
    };
    const entry = await harness.client.sendMessage(12, 'maybe lost');
    await flush();
    ws.serverClose(1006);
    await flush();
    expect(harness.client.outbox).toHaveLength(1);
    delete server.overrides.send_message;
    // The catch-up sync returns the stored message with its clientMessageId: the entry is confirmed without a resend.
    await vi.advanceTimersByTimeAsync(harness.client.state.nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await flush(20);
    expect(server.conversations.get(12).messages).toHaveLength(1);
    expect(server.conversations.get(12).messages[0].clientMessageId).toBe(entry.clientMessageId);
    expect(harness.client.outbox).toEqual([]);
  });

  it('re-sends with the same clientMessageId when the message never reached the server', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    const ws = await goLive(harness, server);
    server.overrides.send_message = () => undefined; // dropped on the way
    const entry = await harness.client.sendMessage(12, 'dropped');
    await flush();
    ws.serverClose(1006);
    delete server.overrides.send_message;
    await vi.advanceTimersByTimeAsync(harness.client.state.nextAttemptAt - Date.now());
    const ws2 = server.attach(FakeWebSocket.last);
    await flush(20);
    expect(ws2.sentOf('send_message').map((f) => f.payload.clientMessageId)).toEqual([entry.clientMessageId]);
    expect(server.conversations.get(12).messages).toHaveLength(1);
  });

  it('re-sends after a page reload: a new client finds the message in IndexedDB', async () => {
    const first = client();
    first.client.connect();
    await flush();
    FakeWebSocket.last.refuse();
    const entry = await first.client.sendMessage(12, 'before reload');
    first.client.disconnect(); // the page goes away

    const server = new FakeChatServer();
    server.addConversation(12);
    const second = client();
    second.client.connect();
    await flush(20);
    expect(second.client.outbox.map((e) => e.clientMessageId)).toEqual([entry.clientMessageId]); // shown at once
    const ws = server.attach(FakeWebSocket.last);
    await flush(20);
    expect(ws.sentOf('send_message').map((f) => f.payload.clientMessageId)).toEqual([entry.clientMessageId]);
    expect(server.conversations.get(12).messages).toHaveLength(1);
    expect(await storage().load('alice')).toEqual([]);
  });

  it('sends in the order written, one at a time', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    harness.client.connect();
    await flush();
    FakeWebSocket.last.refuse();
    for (const text of ['one', 'two', 'three']) await harness.client.sendMessage(12, text);
    await vi.advanceTimersByTimeAsync(harness.client.state.nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await flush(30);
    expect(server.conversations.get(12).messages.map((m) => [m.seq, m.content])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three']
    ]);
  });

  it('is bounded: beyond maxEntries it refuses with OutboxFullError', async () => {
    const { client: c } = client({ maxEntries: 3 });
    c.connect();
    await flush();
    FakeWebSocket.last.refuse();
    for (let i = 0; i < 3; i++) await c.sendMessage(12, `m${i}`);
    await expect(c.sendMessage(12, 'one too many')).rejects.toBeInstanceOf(OutboxFullError);
    expect(c.outbox).toHaveLength(3);
  });

  it('refuses blank and too long content before queuing it', async () => {
    const { client: c } = client({ maxChars: 5 });
    await expect(c.sendMessage(12, '   ')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(c.sendMessage(12, '😀😀😀😀😀😀')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    c.connect();
    await flush();
    await expect(c.sendMessage(12, '😀😀😀😀😀')).resolves.toHaveProperty('status', 'pending');
  });

  it('marks a message failed on a non-retryable error, goes on with the next, and retries on request', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    const ws = await goLive(harness, server);
    const bad = await harness.client.sendMessage(99, 'to a foreign conversation');
    await harness.client.sendMessage(12, 'fine');
    await flush(20);
    expect(harness.client.outbox).toEqual([
      expect.objectContaining({
        clientMessageId: bad.clientMessageId,
        status: 'failed',
        error: { code: 'FORBIDDEN', message: 'not a participant of conversation 99' }
      })
    ]);
    expect(server.conversations.get(12).messages.map((m) => m.content)).toEqual(['fine']);
    expect((await storage().load('alice'))[0].status).toBe('failed'); // survives a reload as failed
    await vi.advanceTimersByTimeAsync(120000);
    expect(ws.sentOf('send_message').filter((f) => f.payload.conversationId === 99)).toHaveLength(1); // not retried by itself
    server.addConversation(99);
    await harness.client.retryMessage(bad.clientMessageId);
    await flush(20);
    expect(harness.client.outbox).toEqual([]);
    expect(server.conversations.get(99).messages[0].clientMessageId).toBe(bad.clientMessageId);
  });

  it('discards a failed message', async () => {
    const harness = client();
    const server = new FakeChatServer();
    await goLive(harness, server);
    const bad = await harness.client.sendMessage(99, 'nope');
    await flush(20);
    await harness.client.discardMessage(bad.clientMessageId);
    expect(harness.client.outbox).toEqual([]);
    expect(await storage().load('alice')).toEqual([]);
  });

  it('retries a retryable error with backoff, with the same clientMessageId', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    const ws = await goLive(harness, server);
    let refusals = 2;
    server.overrides.send_message = (p) => {
      if (refusals-- > 0) throw Object.assign(new Error('the database is unavailable, retry shortly'), { code: 'UNAVAILABLE', retryable: true });
      return { message: server.store(12, 'alice', p.content, p.clientMessageId).message };
    };
    const entry = await harness.client.sendMessage(12, 'eventually');
    await flush(20);
    expect(harness.client.outbox[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await vi.advanceTimersByTimeAsync(30000);
    await flush(20);
    const ids = ws.sentOf('send_message').map((f) => f.payload.clientMessageId);
    expect(ids).toEqual([entry.clientMessageId, entry.clientMessageId, entry.clientMessageId]);
    expect(harness.client.outbox).toEqual([]);
    expect(server.conversations.get(12).messages).toHaveLength(1);
  });

  it('says why a message waits while the server refuses it for now (RATE_LIMITED), and clears it once sent', async () => {
    const harness = client();
    const server = new FakeChatServer();
    server.addConversation(12);
    await goLive(harness, server);
    let refusals = 1;
    server.overrides.send_message = (p) => {
      if (refusals-- > 0) throw Object.assign(new Error('too many requests, slow down'), { code: 'RATE_LIMITED', retryable: true });
      return { message: server.store(12, 'alice', p.content, p.clientMessageId).message };
    };
    const changes = [];
    harness.client.on('outbox', (entries) => changes.push(entries));
    await harness.client.sendMessage(12, 'not silently');
    await flush(20);
    expect(harness.client.outbox).toEqual([
      expect.objectContaining({ status: 'pending', error: { code: 'RATE_LIMITED', message: 'too many requests, slow down' } })
    ]);
    expect(changes.at(-1)[0].error?.code).toBe('RATE_LIMITED'); // listeners (the UI) were told
    await vi.advanceTimersByTimeAsync(30000);
    await flush(20);
    expect(harness.client.outbox).toEqual([]);
    expect(server.conversations.get(12).messages).toHaveLength(1);
  });

  it('fails every waiting message of a conversation at once, in storage too, and leaves the others', async () => {
    const harness = client();
    harness.client.connect();
    await flush();
    FakeWebSocket.last.refuse(); // offline: everything waits
    await harness.client.sendMessage(12, 'to 12');
    await harness.client.sendMessage(14, 'to 14');
    await harness.client.exitConversation(14).catch(() => {}); // not connected: the request fails, nothing changes
    expect(harness.client.outbox.map((e) => e.status)).toEqual(['pending', 'pending']);
    const server = new FakeChatServer();
    server.addConversation(12);
    server.addConversation(14, ['alice', 'bob', 'carol']);
    server.overrides.send_message = () => undefined; // nothing gets through before the exit
    await vi.advanceTimersByTimeAsync(harness.client.state.nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await flush(20);
    await harness.client.exitConversation(14);
    await flush(20);
    expect(harness.client.outbox.map((e) => [e.conversationId, e.status])).toEqual([[12, 'pending'], [14, 'failed']]);
    const stored = await storage().load('alice');
    expect(stored.find((e) => e.conversationId === 14)).toMatchObject({ status: 'failed', error: { code: 'CONVERSATION_LEFT' } });
  });

  it('keeps each user’s messages apart', async () => {
    const alice = client();
    alice.client.connect();
    await flush();
    FakeWebSocket.last.refuse();
    await alice.client.sendMessage(12, 'from alice');
    alice.client.disconnect();
    const bob = createTestClient({ userId: 'bob', outbox: { storage: storage() } });
    bob.client.connect();
    await flush(20);
    expect(bob.client.outbox).toEqual([]);
  });
});
