import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import * as r from '../lib/stores/chat-reducers.js';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { createChatStore } from '../lib/stores/websocket-chat.js';

/**
 * The message lifecycle in the reducers and stores: copies merged by seq keeping the higher rev, the user's changes
 * still in the outbox shown as made, replies' quotes, reactions toggled, a message opened from search.
 */

const participants = ['alice', 'bob'].map((userId) => ({ userId, displayName: userId.toUpperCase(), online: true, lastSeenAt: null }));

function start() {
  const conversation = {
    id: 12, type: 'direct', title: null, groupId: null, createdAt: '2025-01-01T00:00:00Z', lastMessage: null,
    lastSeq: 0, lastReadSeq: 0, unreadCount: 0, participants, lastRev: 0
  };
  return r.conversationsLoaded(r.initialState('alice'), [conversation]);
}

/** @param {number} seq @param {Record<string, unknown>} [over] */
function message(seq, over = {}) {
  return {
    id: 100 + seq, conversationId: 12, seq, senderId: 'bob', content: `m${seq}`, clientMessageId: null,
    createdAt: '2025-01-01T00:00:00Z', editedAt: null, deletedAt: null, replyTo: null, reactions: [], rev: seq, ...over
  };
}

/** @param {string} key @param {Record<string, unknown>} over */
function change(key, over) {
  return { clientMessageId: key, scope: 'alice', conversationId: 12, content: '', createdAt: 1, order: 1, attempts: 0, status: 'pending', error: null, ...over };
}

describe('merging by seq, the higher rev wins', () => {
  it('an edit replaces the copy held; an older copy (a page read before it) does not bring the old text back', () => {
    let s = r.messagesReceived(start(), 12, [message(1), message(2)]);
    s = r.messagesReceived(s, 12, [message(1, { content: 'edited', editedAt: '2025-01-01T00:01:00Z', rev: 3 })]);
    expect(s.messages[12].items.map((m) => m.content)).toEqual(['edited', 'm2']);
    s = r.messagesReceived(s, 12, [message(1), message(2)]); // a stale page
    expect(s.messages[12].items.map((m) => m.content)).toEqual(['edited', 'm2']);
    const same = r.messagesReceived(s, 12, [message(1, { content: 'edited', rev: 3 })]);
    expect(same.messages[12].items).toBe(s.messages[12].items); // nothing newer: the list is kept as it was
  });

  it('a deletion replaces the message in place and follows into the preview; counts stay', () => {
    let s = r.messagesReceived(start(), 12, [message(1), message(2)]);
    const unread = s.conversations[12].unreadCount;
    s = r.messagesReceived(s, 12, [message(2, { content: '', deletedAt: '2025-01-01T00:02:00Z', rev: 3 })]);
    expect(s.messages[12].items.map((m) => m.seq)).toEqual([1, 2]);
    expect(s.conversations[12].lastMessage).toMatchObject({ seq: 2, deletedAt: '2025-01-01T00:02:00Z' });
    expect(s.conversations[12].unreadCount).toBe(unread);
    expect(s.conversations[12].lastSeq).toBe(2);
  });

  it('copies without a rev (an older server) never replace one', () => {
    expect(r.isNewer(message(1, { rev: undefined }), message(1))).toBe(false);
    expect(r.isNewer(message(1, { rev: 2 }), message(1, { rev: undefined }))).toBe(true);
  });
});

describe('changes still in the outbox', () => {
  it('go to `changes`, not to the pending messages', () => {
    const s = r.outboxChanged(start(), [change('s', { kind: 'send', content: 'hi' }), change('e', { kind: 'edit', seq: 1, content: 'x' })]);
    expect(s.pending.map((e) => e.clientMessageId)).toEqual(['s']);
    expect(s.changes.map((e) => e.clientMessageId)).toEqual(['e']);
    expect(r.outboxChanged(start(), [change('old', {})]).pending).toHaveLength(1); // stored before kinds existed: a send
  });

  it('show as made: the edited text marked edited, a deletion, reactions added and removed; failed ones not', () => {
    let s = r.messagesReceived(start(), 12, [message(1, { reactions: [{ emoji: '👍', userIds: ['bob', 'alice'] }] }), message(2), message(3)]);
    s = r.outboxChanged(s, [
      change('a', { kind: 'edit', seq: 1, content: 'new text' }),
      change('b', { kind: 'remove_reaction', seq: 1, emoji: '👍' }),
      change('c', { kind: 'add_reaction', seq: 1, emoji: '🎉' }),
      change('d', { kind: 'delete', seq: 2 }),
      change('e', { kind: 'edit', seq: 3, content: 'refused', status: 'failed', error: { code: 'FORBIDDEN', message: 'no' } })
    ]);
    const rows = r.selectMessageRows(s, 12);
    expect(rows[0].message).toMatchObject({ content: 'new text', editedAt: expect.any(String) });
    expect(rows[0].message.reactions).toEqual([{ emoji: '👍', userIds: ['bob'] }, { emoji: '🎉', userIds: ['alice'] }]);
    expect(rows[1].message).toMatchObject({ content: '', deletedAt: expect.any(String) });
    expect(rows[2].message.content).toBe('m3');
    expect(rows[2].changes).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(rows.map((row) => row.kind)).toEqual(['message', 'message', 'message']);
  });

  it('a reaction toggles: added when the user has none, removed when they have it (pending ones included)', () => {
    let s = r.messagesReceived(start(), 12, [message(1, { reactions: [{ emoji: '👍', userIds: ['alice'] }] })]);
    expect(r.hasReacted(s, 12, 1, '👍')).toBe(true);
    expect(r.hasReacted(s, 12, 1, '🎉')).toBe(false);
    s = r.outboxChanged(s, [change('x', { kind: 'remove_reaction', seq: 1, emoji: '👍' }), change('y', { kind: 'add_reaction', seq: 1, emoji: '🎉' })]);
    expect(r.hasReacted(s, 12, 1, '👍')).toBe(false);
    expect(r.hasReacted(s, 12, 1, '🎉')).toBe(true);
  });

  it('reactions keep the order of each emoji’s first use and of who reacted', () => {
    const one = r.reacted([], '👍', 'bob', true);
    const two = r.reacted(one, '🎉', 'alice', true);
    const three = r.reacted(two, '👍', 'alice', true);
    expect(three).toEqual([{ emoji: '👍', userIds: ['bob', 'alice'] }, { emoji: '🎉', userIds: ['alice'] }]);
    expect(r.reacted(three, '🎉', 'alice', false)).toEqual([{ emoji: '👍', userIds: ['bob', 'alice'] }]);
    expect(r.reacted(three, '👍', 'alice', true)).toBe(three);
  });
});

describe('replies', () => {
  it('quote the replied-to message as held now: edited, or deleted', () => {
    let s = r.messagesReceived(start(), 12, [message(1, { content: 'Lunch?' }), message(2, { senderId: 'alice', replyTo: { seq: 1, senderId: 'bob', excerpt: 'Lunch?' } })]);
    expect(r.selectMessageRows(s, 12)[1].quote).toEqual({ seq: 1, senderId: 'bob', excerpt: 'Lunch?', deleted: false });
    s = r.messagesReceived(s, 12, [message(1, { content: 'Lunch at noon?', rev: 3 })]);
    expect(r.selectMessageRows(s, 12)[1].quote?.excerpt).toBe('Lunch at noon?');
    s = r.messagesReceived(s, 12, [message(1, { content: '', deletedAt: '2025-01-01T00:05:00Z', rev: 4 })]);
    expect(r.selectMessageRows(s, 12)[1].quote).toEqual({ seq: 1, senderId: 'bob', excerpt: '', deleted: true });
  });

  it('quote the excerpt they came with when the original is not held (an older page), cut to 100 characters', () => {
    const s = r.messagesReceived(start(), 12, [message(300, { replyTo: { seq: 2, senderId: 'bob', excerpt: 'old' } })]);
    expect(r.selectMessageRows(s, 12)[0].quote).toEqual({ seq: 2, senderId: 'bob', excerpt: 'old', deleted: false });
    const long = r.quoteOf(new Map([[1, message(1, { content: '😀'.repeat(150) })]]), { seq: 1, senderId: 'bob', excerpt: '' });
    expect([...(long?.excerpt ?? '')]).toHaveLength(100);
  });
});

describe('the stores', () => {
  beforeEach(() => {
    FakeWebSocket.reset();
    useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  async function setup() {
    const { client } = createTestClient({ userId: 'alice' });
    const server = new FakeChatServer();
    server.addConversation(12);
    const chat = createChatStore(client, { userId: 'alice', pageSize: 2 });
    chat.connect();
    await flush();
    const ws = server.attach(FakeWebSocket.last);
    await flush(20);
    return { chat, client, server, ws };
  }

  it('a message_updated from another user replaces the row; the preview follows', async () => {
    const { chat, server, ws } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'helo') } });
    ws.receive({ type: 'message_updated', payload: { message: server.change(12, 1, 'bob', { kind: 'edit', content: 'hello' }) } });
    await flush();
    const rows = get(chat.messages(12));
    expect(rows.map((row) => row.kind === 'message' && row.message.content)).toEqual(['hello']);
    expect(get(chat.conversations)[0].lastMessage?.content).toBe('hello');
  });

  it('editMessage shows the new text at once, and the stored edit once acknowledged', async () => {
    const { chat, server } = await setup();
    await chat.sendMessage(12, 'teh plan');
    await flush(20);
    server.overrides.edit_message = () => undefined; // the ack is on its way
    await chat.editMessage(12, 1, 'the plan');
    const row = get(chat.messages(12))[0];
    expect(row.kind === 'message' && row.message).toMatchObject({ content: 'the plan', editedAt: expect.any(String) });
  });

  it('toggleReaction adds the user’s reaction, and a second click takes it back', async () => {
    const { chat, server, ws } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'hi') } });
    await flush();
    await chat.toggleReaction(12, 1, '👍');
    await flush(20);
    expect(server.conversations.get(12).messages[0].reactions).toEqual([{ emoji: '👍', userIds: ['alice'] }]);
    await chat.toggleReaction(12, 1, '👍');
    await flush(20);
    expect(server.conversations.get(12).messages[0].reactions).toEqual([]);
    expect(ws.sent.filter((f) => f.type.endsWith('_reaction')).map((f) => f.type)).toEqual(['add_reaction', 'remove_reaction']);
  });

  it('reply sends replyToSeq; the row quotes the original', async () => {
    const { chat, server, ws } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'Lunch?') } });
    await flush();
    await chat.reply(12, 'Yes', 1);
    await flush(20);
    const rows = get(chat.messages(12));
    expect(rows[1]).toMatchObject({ kind: 'message', quote: { seq: 1, senderId: 'bob', excerpt: 'Lunch?', deleted: false } });
  });

  it('showMessage selects the conversation and asks its view to focus the message; loadUntil reads older pages to it', async () => {
    const { chat, server } = await setup();
    for (let i = 1; i <= 7; i++) server.messageFrom(12, 'bob', `m${i}`);
    chat.showMessage(12, 2);
    expect(get(chat.selected)).toBe(12);
    expect(get(chat.focus)).toMatchObject({ conversationId: 12, seq: 2 });
    expect(await chat.loadUntil(12, 2)).toBe(true);
    expect(get(chat.state).messages[12].items.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]); // pages of 2 from the newest, until seq 2 is held
    expect(await chat.loadUntil(12, 99)).toBe(false);
    chat.clearFocus();
    expect(get(chat.focus)).toBeNull();
  });

  it('searchMessages answers results with the conversations they are in', async () => {
    const { chat, server } = await setup();
    server.messageFrom(12, 'bob', 'the release plan');
    const { results, hasMore } = await chat.searchMessages({ query: 'release' });
    expect(results).toEqual([expect.objectContaining({ conversationId: 12, seq: 1 })]);
    expect(hasMore).toBe(false);
  });
});
