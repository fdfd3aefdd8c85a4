import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import { IDBFactory } from 'fake-indexeddb';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { IndexedDbCacheStorage } from '../lib/chat-client/cache-storage.js';
import { createChatStore } from '../lib/stores/websocket-chat.js';

/**
 * The message cache: a conversation's cursors kept with the messages they cover (never more), written in batches,
 * read back on the next start so that the first `sync` asks for exactly what was missed — new messages and changes.
 */

/** @type {IDBFactory} */
let indexedDB;

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
  indexedDB = new IDBFactory();
});
afterEach(() => vi.useRealTimers());

/** The test's IndexedDB: every client of one test shares it, as the tabs and reloads of one browser do. */
function storage() {
  return new IndexedDbCacheStorage({ indexedDB });
}

/** @param {string} [user] */
async function stored(user = 'alice') {
  return storage().load(user);
}

/**
 * A client of alice on `server` (conversation 12 with bob unless the server has others), collecting what it emits.
 * @param {FakeChatServer} server @param {Record<string, any>} [options]
 */
async function start(server, options = {}) {
  const harness = createTestClient({ userId: 'alice', cache: { storage: storage() }, ...options });
  /** @type {{ conversationId: number, source: string, messages: any[] }[]} */
  const batches = [];
  harness.client.on('messages', (batch) => batches.push(batch));
  harness.client.connect();
  await flush(20);
  const ws = server.attach(FakeWebSocket.last);
  await flush(30);
  expect(harness.client.state.status).toBe('live');
  return { ...harness, ws, batches };
}

/** @param {FakeChatServer} server @param {any} ws @param {string} content */
function fromBob(server, ws, content, conversationId = 12) {
  ws.receive({ type: 'new_message', payload: { message: server.messageFrom(conversationId, 'bob', content) } });
}

function serverWith12() {
  const server = new FakeChatServer();
  server.addConversation(12);
  return server;
}

describe('message cache: what is written', () => {
  it('writes a conversation in one batch after the delay, not once per message: cursors and messages together', async () => {
    const server = serverWith12();
    const cache = storage();
    const write = vi.spyOn(cache, 'write');
    const { ws } = await start(server, { cache: { storage: cache } });
    write.mockClear();
    for (let i = 1; i <= 20; i++) fromBob(server, ws, `m${i}`);
    await flush();
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect(write).toHaveBeenCalledTimes(1);
    const [record] = (await stored()).records;
    expect(record).toMatchObject({ conversationId: 12, seq: 20, rev: 20 });
    expect(record.messages.map((/** @type {any} */ m) => m.seq)).toEqual([...Array(20)].map((_, i) => i + 1));
  });

  it('never lets a cursor claim more than its messages: no record for a conversation known only from the list', async () => {
    const server = serverWith12();
    server.addConversation(14);
    server.store(14, 'bob', 'never shown');
    const { ws, client } = await start(server);
    fromBob(server, ws, 'shown');
    client.disconnect();
    await flush();
    expect((await stored()).records.map((r) => r.conversationId)).toEqual([12]);
  });

  it('stores only the run below a hole: the cursor stays at the last message before it', async () => {
    const server = serverWith12();
    const { ws, client } = await start(server);
    server.overrides.sync = () => undefined; // the gap is not filled while this test looks
    fromBob(server, ws, 'one');
    fromBob(server, ws, 'two');
    server.messageFrom(12, 'bob', 'three, missed');
    fromBob(server, ws, 'four');
    await flush();
    client.disconnect();
    await flush();
    const [record] = (await stored()).records;
    expect(record).toMatchObject({ seq: 2, rev: 2 });
    expect(record.messages.map((/** @type {any} */ m) => m.content)).toEqual(['one', 'two']);
  });

  it('keeps the newest messages of a conversation, the cursor still at the newest', async () => {
    const server = serverWith12();
    const { ws, client } = await start(server, { cache: { storage: storage(), maxMessagesPerConversation: 3 } });
    for (let i = 1; i <= 5; i++) fromBob(server, ws, `m${i}`);
    client.disconnect();
    await flush();
    const [record] = (await stored()).records;
    expect(record).toMatchObject({ seq: 5, rev: 5 });
    expect(record.messages.map((/** @type {any} */ m) => m.seq)).toEqual([3, 4, 5]);
  });

  it('writes at once when the page is hidden or left', async () => {
    const server = serverWith12();
    const { ws, document, window } = await start(server);
    fromBob(server, ws, 'before hiding');
    await flush();
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect((await stored()).records[0].seq).toBe(1);
    fromBob(server, ws, 'before leaving');
    await flush();
    window.dispatchEvent(new Event('pagehide'));
    await flush();
    expect((await stored()).records[0].seq).toBe(2);
  });

  it('keeps the conversation list, without presence', async () => {
    const server = serverWith12();
    const { ws, client } = await start(server);
    fromBob(server, ws, 'hello');
    client.disconnect();
    await flush();
    const { conversations } = await stored();
    expect(conversations).toEqual([expect.objectContaining({ id: 12, lastSeq: 1, unreadCount: 1 })]);
    expect(conversations?.[0].lastMessage.content).toBe('hello');
    expect(conversations?.[0].participants.every((/** @type {any} */ p) => p.online === false)).toBe(true);
  });
});

describe('message cache: the newer copy wins', () => {
  it('a page read before an edit and arriving after it does not bring the old text back into the cache', async () => {
    const server = serverWith12();
    const { ws, client } = await start(server);
    fromBob(server, ws, 'first draft');
    const stale = structuredClone(server.conversations.get(12).messages[0]);
    ws.receive({ type: 'message_updated', payload: { message: server.change(12, 1, 'bob', { kind: 'edit', content: 'final' }) } });
    server.overrides.load_messages = () => ({ messages: [stale], hasMore: false });
    await client.loadMessages(12);
    client.disconnect();
    await flush();
    const [record] = (await stored()).records;
    expect(record.messages).toEqual([expect.objectContaining({ seq: 1, content: 'final', rev: 2 })]);
    expect(record.rev).toBe(2);
  });
});

describe('message cache: erasure', () => {
  it('a deleted message replaces the copy kept: its text is nowhere in the cache, quotes of it included', async () => {
    const server = serverWith12();
    const { ws, client } = await start(server);
    fromBob(server, ws, 'a secret');
    ws.receive({ type: 'new_message', payload: { message: server.store(12, 'alice', 'I saw it', null, 1).message } });
    await flush();
    await client.disconnect();
    await flush();
    expect(JSON.stringify(await stored())).toContain('a secret');

    const second = await start(server);
    second.ws.receive({ type: 'message_updated', payload: { message: server.change(12, 1, 'bob', { kind: 'delete' }) } });
    second.client.disconnect();
    await flush();
    const { records } = await stored();
    expect(records[0].messages[0]).toMatchObject({ seq: 1, content: '', deletedAt: expect.any(String) });
    expect(records[0].messages[1].replyTo).toEqual({ seq: 1, senderId: 'bob', excerpt: '' });
    expect(JSON.stringify(await stored())).not.toContain('a secret');
  });

  it('a conversation left drops its record and its place in the list', async () => {
    const server = new FakeChatServer();
    server.addConversation(20, ['alice', 'bob', 'carol']);
    const { ws, client } = await start(server);
    fromBob(server, ws, 'in the group', 20);
    await flush();
    await client.disconnect();
    await flush();
    expect((await stored()).records).toHaveLength(1);
    const second = await start(server);
    await second.client.exitConversation(20);
    second.client.disconnect();
    await flush();
    expect(await stored()).toEqual({ records: [], conversations: [] });
  });

  it('a conversation the user was taken out of while away goes with the first list', async () => {
    const server = new FakeChatServer();
    server.addConversation(20, ['alice', 'bob', 'carol']);
    const first = await start(server);
    fromBob(server, first.ws, 'before removal', 20);
    first.client.disconnect();
    await flush();
    server.conversations.delete(20); // removed meanwhile
    const second = await start(server);
    second.client.disconnect();
    await flush();
    expect((await stored()).records).toEqual([]);
  });
});

describe('message cache: the next start', () => {
  it('shows the cached messages before connecting, then syncs from the cached cursors: new messages and changes', async () => {
    const server = serverWith12();
    const first = await start(server);
    for (const text of ['one', 'two', 'three']) fromBob(server, first.ws, text);
    first.client.disconnect();
    await flush();

    // Away: bob writes a fourth message and edits the second.
    server.messageFrom(12, 'bob', 'four');
    server.change(12, 2, 'bob', { kind: 'edit', content: 'two, edited' });

    const second = createTestClient({ userId: 'alice', cache: { storage: storage() } });
    /** @type {any[]} */
    const batches = [];
    second.client.on('messages', (b) => batches.push(b));
    second.client.connect();
    await flush(20);
    expect(batches).toEqual([{ conversationId: 12, source: 'cache', messages: expect.any(Array) }]);
    expect(batches[0].messages.map((/** @type {any} */ m) => m.content)).toEqual(['one', 'two', 'three']);

    const ws = server.attach(FakeWebSocket.last);
    await flush(30);
    expect(ws.sentOf('sync')[0].payload.conversations).toEqual([{ conversationId: 12, afterSeq: 3, afterRev: 3 }]);
    const fromSync = batches.filter((b) => b.source === 'sync').flatMap((b) => b.messages);
    expect(fromSync.map((m) => [m.seq, m.content])).toEqual([[4, 'four'], [2, 'two, edited']]);

    second.client.disconnect();
    await flush();
    const [record] = (await stored()).records;
    expect(record).toMatchObject({ seq: 4, rev: 5 });
    expect(record.messages.map((/** @type {any} */ m) => m.content)).toEqual(['one', 'two, edited', 'three', 'four']);
  });

  it('a conversation too far behind is reset, and its cache replaced by what is read afresh', async () => {
    const server = serverWith12();
    const first = await start(server);
    fromBob(server, first.ws, 'old');
    first.client.disconnect();
    await flush();
    for (let i = 2; i <= 12; i++) server.messageFrom(12, 'bob', `new ${i}`);

    const second = await start(server, { maxCatchUp: 5, syncLimit: 2 });
    expect(second.batches.some((b) => b.source === 'cache')).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect((await stored()).records).toEqual([]); // the cursor moved to the newest message: no message of it is held
    await second.client.loadMessages(12, { limit: 3 });
    second.client.disconnect();
    await flush();
    const [record] = (await stored()).records;
    expect(record).toMatchObject({ seq: 12 });
    expect(record.messages.map((/** @type {any} */ m) => m.seq)).toEqual([10, 11, 12]);
  });

  it("keeps users apart: another user of the browser finds none of alice's cache, which stays hers", async () => {
    const server = serverWith12();
    const first = await start(server);
    fromBob(server, first.ws, 'for alice');
    first.client.disconnect();
    await flush();

    const bobServer = new FakeChatServer('bob');
    bobServer.addConversation(30, ['bob', 'carol']);
    const harness = createTestClient({ userId: 'bob', cache: { storage: storage() } });
    /** @type {any[]} */
    const seen = [];
    harness.client.on('messages', (b) => seen.push(b));
    harness.client.on('conversations', (list) => seen.push(list));
    harness.client.connect();
    await flush(20);
    const ws = bobServer.attach(FakeWebSocket.last);
    await flush(30);
    expect(JSON.stringify(seen)).not.toContain('for alice');
    expect(ws.sentOf('sync')[0].payload.conversations.map((/** @type {any} */ c) => c.conversationId)).toEqual([30]);
    expect((await stored('alice')).records[0].messages[0].content).toBe('for alice');
  });

  it('clearCache() erases the user\'s cache (signing out) and writes nothing more', async () => {
    const server = serverWith12();
    const { ws, client } = await start(server);
    fromBob(server, ws, 'private');
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect((await stored()).records).toHaveLength(1);
    await client.clearCache();
    fromBob(server, ws, 'after sign-out');
    client.disconnect();
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect(await stored()).toEqual({ records: [], conversations: null });
  });

  it('with cache: false nothing is kept, nothing is shown before connecting, and sync starts from lastSeq', async () => {
    const server = serverWith12();
    const cache = storage();
    const write = vi.spyOn(cache, 'write');
    const first = await start(server, { cache: false });
    fromBob(server, first.ws, 'one');
    first.client.disconnect();
    await flush();
    expect(first.client.cachePersistent).toBe(false);

    await storage().write('alice', { put: [{ conversationId: 12, seq: 0, rev: 0, messages: [] }], remove: [] });
    const second = await start(server, { cache: false });
    expect(second.batches.filter((b) => b.source === 'cache')).toEqual([]);
    expect(second.ws.sentOf('sync')[0].payload.conversations).toEqual([{ conversationId: 12, afterSeq: 1, afterRev: 1 }]);
    expect(write).not.toHaveBeenCalled();
  });
});

describe('message cache in the stores', () => {
  it('shows the cached conversations and messages before the connection is live, then what was missed', async () => {
    const server = serverWith12();
    const first = await start(server);
    fromBob(server, first.ws, 'hello');
    fromBob(server, first.ws, 'how are you?');
    first.client.disconnect();
    await flush();
    server.messageFrom(12, 'bob', 'still there?');
    server.change(12, 1, 'bob', { kind: 'edit', content: 'hello again' });

    const { client } = createTestClient({ userId: 'alice', cache: { storage: storage() } });
    const chat = createChatStore(client, { userId: 'alice' });
    chat.connect();
    await flush(20);
    expect(get(chat.status).status).not.toBe('live');
    expect(get(chat.saved)).toBe(true);
    expect(get(chat.conversations).map((c) => [c.id, c.lastMessage?.content])).toEqual([[12, 'how are you?']]);
    const text = () => get(chat.messages(12)).map((row) => (row.kind === 'message' ? row.message.content : ''));
    expect(text()).toEqual(['hello', 'how are you?']);

    server.attach(FakeWebSocket.last);
    await flush(30);
    expect(get(chat.status).status).toBe('live');
    expect(text()).toEqual(['hello again', 'how are you?', 'still there?']);
    expect(get(chat.saved)).toBe(false); // caught up: what shows is current
    expect(server.log.filter((type) => type === 'load_conversations')).toHaveLength(2); // no extra list read for the cache
  });
});
