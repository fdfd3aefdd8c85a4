import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { IndexedDbOutboxStorage } from '../lib/chat-client/outbox-storage.js';
import { Cursors } from '../lib/chat-client/cursors.js';

/**
 * The message lifecycle (protocol.md: edit_message, delete_message, add_reaction, remove_reaction, send_message's
 * replyToSeq, search_messages, message_updated, sync's afterRev): the client's methods, the outbox that keeps
 * changes made offline, and the catch-up that brings changes missed while away.
 */

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

/**
 * A live client of alice in conversation 12 with bob, its outbox in the test's IndexedDB, collecting what it reports
 * as a store would: by seq, the copy with the higher rev.
 */
async function setup(options = {}) {
  const harness = createTestClient({ userId: 'alice', outbox: { storage: storage() }, ...options });
  const server = new FakeChatServer();
  server.addConversation(12);
  /** @type {Map<number, any>} */
  const held = new Map();
  /** @type {{ source: string, seqs: number[] }[]} */
  const batches = [];
  harness.client.on('messages', ({ conversationId, messages, source }) => {
    if (conversationId !== 12) return;
    batches.push({ source, seqs: messages.map((m) => m.seq) });
    for (const m of messages) if (!held.has(m.seq) || held.get(m.seq).rev < m.rev) held.set(m.seq, m);
  });
  harness.client.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush(20);
  expect(harness.client.state.status).toBe('live');
  return { ...harness, server, ws, held, batches };
}

/** @param {any} client @param {FakeChatServer} server */
async function reconnect(client, server) {
  await vi.advanceTimersByTimeAsync(client.state.nextAttemptAt - Date.now());
  const ws = server.attach(FakeWebSocket.last);
  await flush(30);
  return ws;
}

describe('the requests', () => {
  it('editMessage sends edit_message through the outbox; the ack reaches listeners and empties the outbox', async () => {
    const { client, server, ws, held, batches } = await setup();
    server.store(12, 'alice', 'helo');
    const entry = await client.editMessage(12, 1, 'hello');
    expect(entry).toMatchObject({ kind: 'edit', conversationId: 12, seq: 1, content: 'hello', status: 'pending' });
    await flush(20);
    expect(ws.sentOf('edit_message').map((f) => f.payload)).toEqual([{ conversationId: 12, seq: 1, content: 'hello' }]);
    expect(held.get(1)).toMatchObject({ content: 'hello', rev: 2, editedAt: expect.any(String) });
    expect(batches).toContainEqual({ source: 'ack', seqs: [1] });
    expect(client.outbox).toEqual([]);
    expect(await storage().load('alice')).toEqual([]);
  });

  it('deleteMessage, addReaction and removeReaction send their requests, in the order made', async () => {
    const { client, server, ws, held } = await setup();
    server.store(12, 'bob', 'a question');
    server.store(12, 'alice', 'oops');
    await client.addReaction(12, 1, '👍');
    await client.addReaction(12, 1, ':tada:');
    await client.removeReaction(12, 1, '👍');
    await client.deleteMessage(12, 2);
    await flush(30);
    expect(ws.sent.filter((f) => f.type.includes('reaction') || f.type === 'delete_message').map((f) => [f.type, f.payload])).toEqual([
      ['add_reaction', { conversationId: 12, seq: 1, emoji: '👍' }],
      ['add_reaction', { conversationId: 12, seq: 1, emoji: ':tada:' }],
      ['remove_reaction', { conversationId: 12, seq: 1, emoji: '👍' }],
      ['delete_message', { conversationId: 12, seq: 2 }]
    ]);
    expect(held.get(1).reactions).toEqual([{ emoji: ':tada:', userIds: ['alice'] }]);
    expect(held.get(2)).toMatchObject({ content: '', reactions: [], deletedAt: expect.any(String) });
    expect(client.outbox).toEqual([]);
  });

  it('sendMessage with replyToSeq names the message answered; the stored message quotes it', async () => {
    const { client, server, ws, held } = await setup();
    server.store(12, 'bob', 'Lunch at noon?');
    await client.sendMessage(12, 'Yes!', { replyToSeq: 1 });
    await flush(20);
    expect(ws.sentOf('send_message')[0].payload).toMatchObject({ conversationId: 12, content: 'Yes!', replyToSeq: 1 });
    expect(held.get(2).replyTo).toEqual({ seq: 1, senderId: 'bob', excerpt: 'Lunch at noon?' });
  });

  it('sendMessage without replyToSeq sends no replyToSeq field (the request of before)', async () => {
    const { client, ws } = await setup();
    await client.sendMessage(12, 'plain');
    await flush(20);
    expect(Object.keys(ws.sentOf('send_message')[0].payload).sort()).toEqual(['clientMessageId', 'content', 'conversationId']);
  });

  it('refuses locally what the server would refuse: blank edits, too long edits, bad seqs and emoji', async () => {
    const { client, ws } = await setup();
    await expect(client.editMessage(12, 1, '   ')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.editMessage(12, 1, 'x'.repeat(4001))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(client.deleteMessage(12, 0)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'seq must be a positive integer' });
    await expect(client.addReaction(12, 1, '')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.addReaction(12, 1, 'x'.repeat(33))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.sendMessage(12, 'hi', { replyToSeq: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await flush(20);
    expect(ws.sent.filter((f) => /edit|delete|reaction|send_message/.test(f.type))).toEqual([]);
    expect(client.outbox).toEqual([]);
  });

  it('a change the server refuses (CONFLICT: the message was deleted) fails its entry, which says why', async () => {
    const { client, server } = await setup();
    server.store(12, 'alice', 'gone soon');
    server.change(12, 1, 'alice', { kind: 'delete' });
    const entry = await client.editMessage(12, 1, 'too late');
    await flush(20);
    expect(client.outbox).toEqual([
      expect.objectContaining({ clientMessageId: entry.clientMessageId, kind: 'edit', status: 'failed', error: { code: 'CONFLICT', message: 'the message was deleted' } })
    ]);
    await client.discardMessage(entry.clientMessageId);
    expect(client.outbox).toEqual([]);
  });

  it('searchMessages sends search_messages and pages with nextCursor as `before`', async () => {
    const { client, server, ws } = await setup();
    for (const text of ['release plan', 'lunch', 'release date', 'the release']) server.store(12, 'bob', text);
    const first = await client.searchMessages({ query: 'release', limit: 2 });
    expect(first.results.map((m) => m.content)).toEqual(['the release', 'release date']);
    expect(first.hasMore).toBe(true);
    const second = await client.searchMessages({ query: 'release', limit: 2, before: first.nextCursor });
    expect(second).toEqual({ results: [expect.objectContaining({ content: 'release plan' })], hasMore: false, nextCursor: null });
    expect(ws.sentOf('search_messages').map((f) => f.payload)).toEqual([
      { query: 'release', limit: 2 },
      { query: 'release', limit: 2, before: first.nextCursor }
    ]);
    const inOne = await client.searchMessages({ query: 'lunch', conversationId: 12 });
    expect(inOne.results).toHaveLength(1);
  });
});

describe('changes made offline', () => {
  it('wait in IndexedDB and go out after the reconnect, in the order made, after a message written before them', async () => {
    const { client, server, ws } = await setup();
    server.store(12, 'alice', 'teh plan');
    server.store(12, 'bob', 'ok');
    ws.serverClose(1006);
    await flush();
    await client.sendMessage(12, 'written offline');
    await client.editMessage(12, 1, 'the plan');
    await client.addReaction(12, 2, '👍');
    expect((await storage().load('alice')).map((e) => e.kind)).toEqual(['send', 'edit', 'add_reaction']);
    const ws2 = await reconnect(client, server);
    expect(ws2.sent.map((f) => f.type).filter((t) => /send_message|edit_message|add_reaction/.test(t))).toEqual([
      'send_message',
      'edit_message',
      'add_reaction'
    ]);
    expect(server.conversations.get(12).messages.map((m) => m.content)).toEqual(['the plan', 'ok', 'written offline']);
    expect(server.conversations.get(12).messages[1].reactions).toEqual([{ emoji: '👍', userIds: ['alice'] }]);
    expect(client.outbox).toEqual([]);
  });

  it('survive a reload: a new client finds the edit in IndexedDB and sends it', async () => {
    const first = createTestClient({ userId: 'alice', outbox: { storage: storage() } });
    first.client.connect();
    await flush();
    FakeWebSocket.last.refuse();
    await first.client.editMessage(12, 1, 'fixed offline');
    first.client.disconnect();

    const server = new FakeChatServer();
    server.addConversation(12);
    server.store(12, 'alice', 'fixd');
    const second = createTestClient({ userId: 'alice', outbox: { storage: storage() } });
    second.client.connect();
    await flush(20);
    expect(second.client.outbox).toEqual([expect.objectContaining({ kind: 'edit', seq: 1, content: 'fixed offline' })]);
    server.attach(FakeWebSocket.last);
    await flush(30);
    expect(server.conversations.get(12).messages[0].content).toBe('fixed offline');
    expect(await storage().load('alice')).toEqual([]);
  });

  it('are resent when the ack was lost: a repeated edit changes nothing on the server', async () => {
    const { client, server, ws } = await setup();
    server.store(12, 'alice', 'draft');
    server.overrides.edit_message = (p) => {
      server.change(12, p.seq, 'alice', { kind: 'edit', content: p.content });
      return undefined; // stored, but the ack is lost with the connection
    };
    await client.editMessage(12, 1, 'final');
    await flush();
    ws.serverClose(1006);
    delete server.overrides.edit_message;
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('edit_message')).toHaveLength(1);
    expect(server.conversations.get(12).messages[0]).toMatchObject({ content: 'final', rev: 2 }); // one change, not two
    expect(client.outbox).toEqual([]);
  });
});

describe('catch-up of changes', () => {
  it('a message edited and another deleted while away come in the sync answer as `changed`; the cursor moves to lastRev', async () => {
    const { client, server, ws, held, batches } = await setup();
    for (const text of ['one', 'two', 'three']) ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', text) } });
    await flush();
    ws.serverClose(1006);
    server.change(12, 2, 'bob', { kind: 'edit', content: 'two (edited)' });
    server.change(12, 3, 'bob', { kind: 'delete' });
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('sync')[0].payload.conversations).toEqual([{ conversationId: 12, afterSeq: 3, afterRev: 3 }]);
    expect(batches.at(-1)).toEqual({ source: 'sync', seqs: [2, 3] });
    expect(held.get(2)).toMatchObject({ content: 'two (edited)', rev: 4 });
    expect(held.get(3)).toMatchObject({ content: '', deletedAt: expect.any(String), rev: 5 });

    // Caught up to rev 5: the next reconnect asks only for what follows it.
    ws2.serverClose(1006);
    const ws3 = await reconnect(client, server);
    expect(ws3.sentOf('sync')[0].payload.conversations).toEqual([{ conversationId: 12, afterSeq: 3, afterRev: 5 }]);
  });

  it('follows hasMoreChanges: afterRev moves to the last change received, until none is left', async () => {
    const { client, server, ws, held } = await setup({ syncLimit: 2 });
    for (let i = 1; i <= 5; i++) ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', `m${i}`) } });
    await flush();
    ws.serverClose(1006);
    for (let i = 1; i <= 5; i++) server.change(12, i, 'bob', { kind: 'edit', content: `m${i}!` });
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('sync').map((f) => f.payload.conversations[0].afterRev)).toEqual([5, 7, 9]);
    expect([...held.values()].map((m) => m.content)).toEqual(['m1!', 'm2!', 'm3!', 'm4!', 'm5!']);
    expect(client.state.status).toBe('live');
  });

  it('a conversation whose changes did not fit the answer (none, hasMoreChanges) is asked again from the same afterRev', async () => {
    const { client, server, ws, held } = await setup();
    server.addConversation(14);
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'a') } });
    await flush();
    ws.serverClose(1006);
    server.change(12, 1, 'bob', { kind: 'edit', content: 'a!' });
    /** @type {any[]} */
    const asked = [];
    server.overrides.sync = (p) => {
      asked.push(p.conversations.find((c) => c.conversationId === 12));
      const spent = asked.length === 1; // the first answer's budget went to another conversation
      const c = server.conversations.get(12);
      const entry = (/** @type {number} */ id, /** @type {any[]} */ changed, /** @type {boolean} */ more) => ({
        conversationId: id, messages: [], hasMore: false, lastSeq: server.conversations.get(id).messages.length, lastReadSeq: 0,
        readPositions: [], changed, hasMoreChanges: more, lastRev: server.conversations.get(id).lastRev
      });
      return { conversations: [entry(12, spent ? [] : [c.messages[0]], spent), entry(14, [], false)] };
    };
    server.store(14, 'bob', 'elsewhere'); // something moved in the first round: it is not one that brought nothing
    server.overrides.sync = ((inner) => (/** @type {any} */ p) => {
      const answer = inner(p);
      if (asked.length === 1) answer.conversations[1].messages = [server.conversations.get(14).messages[0]];
      return answer;
    })(server.overrides.sync);
    await reconnect(client, server);
    expect(asked.map((c) => c.afterRev)).toEqual([1, 1]);
    expect(held.get(1).content).toBe('a!');
  });

  it('new messages and changes missed together: new ones from afterSeq, changes of older ones from afterRev', async () => {
    const { client, server, ws, held } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'old') } });
    await flush();
    ws.serverClose(1006);
    server.messageFrom(12, 'bob', 'new');
    server.change(12, 1, 'bob', { kind: 'add_reaction', emoji: '🎉' });
    server.change(12, 2, 'bob', { kind: 'edit', content: 'new, edited' });
    await reconnect(client, server);
    expect(held.get(1).reactions).toEqual([{ emoji: '🎉', userIds: ['bob'] }]);
    expect(held.get(2)).toMatchObject({ content: 'new, edited', rev: 4 });
  });

  it('a live message_updated whose rev skips one reveals a missed change: sync brings it', async () => {
    const { server, ws, held } = await setup();
    for (const text of ['a', 'b']) ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', text) } });
    await flush();
    const syncs = ws.sentOf('sync').length;
    server.change(12, 1, 'bob', { kind: 'edit', content: 'a (missed)' }); // rev 3, never announced
    ws.receive({ type: 'message_updated', payload: { message: server.change(12, 2, 'bob', { kind: 'edit', content: 'b!' }) } });
    await flush(30);
    expect(ws.sentOf('sync')).toHaveLength(syncs + 1);
    expect(ws.sentOf('sync').at(-1).payload.conversations).toEqual([{ conversationId: 12, afterSeq: 2, afterRev: 2 }]);
    expect(held.get(1).content).toBe('a (missed)');
    expect(held.get(2).content).toBe('b!');
  });

  it('live changes in rev order need no sync', async () => {
    const { server, ws, held } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'a') } });
    ws.receive({ type: 'message_updated', payload: { message: server.change(12, 1, 'bob', { kind: 'edit', content: 'a!' }) } });
    ws.receive({ type: 'message_updated', payload: { message: server.change(12, 1, 'alice', { kind: 'add_reaction', emoji: '👍' }) } });
    await flush(20);
    expect(ws.sentOf('sync')).toHaveLength(1); // the one of the connect
    expect(held.get(1)).toMatchObject({ content: 'a!', rev: 3, reactions: [{ emoji: '👍', userIds: ['alice'] }] });
  });
});

describe('the cursors', () => {
  it('send afterRev only where the conversation’s revision is known (a server without revisions gets the old sync)', () => {
    const cursors = new Cursors();
    cursors.init(1, 4);
    cursors.init(2, 4, 6);
    expect(cursors.toSync()).toEqual([{ conversationId: 1, afterSeq: 4 }, { conversationId: 2, afterSeq: 4, afterRev: 6 }]);
    expect(cursors.noteRev(1, 9)).toBe(false); // unknown revision: no gap can be told
  });

  it('move the change cursor with consecutive revs, hold revs above a hole, and close it when the hole fills', () => {
    const cursors = new Cursors();
    cursors.init(1, 2, 2);
    expect(cursors.noteRev(1, 3)).toBe(false);
    expect(cursors.noteRev(1, 5)).toBe(true);
    expect(cursors.getRev(1)).toBe(3);
    expect(cursors.noteRev(1, 4)).toBe(false);
    expect(cursors.getRev(1)).toBe(5);
    expect(cursors.noteRev(1, 5)).toBe(false); // again: nothing new
    cursors.noteRev(1, 8);
    cursors.setRev(1, 9); // a sync answer's lastRev covers the rev held above the hole
    expect(cursors.getRev(1)).toBe(9);
    expect(cursors.noteRev(1, 10)).toBe(false);
  });

  it('a conversation first seen without a revision takes it from a later conversation object', () => {
    const cursors = new Cursors();
    cursors.note(3, 1); // a message before any conversation object
    cursors.init(3, 1, 4);
    expect(cursors.toSync()).toEqual([{ conversationId: 3, afterSeq: 1, afterRev: 4 }]);
  });
});
