import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { createChatStore } from '../lib/stores/websocket-chat.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

async function setup({ selected = null } = {}) {
  const { client } = createTestClient({ userId: 'alice' });
  const server = new FakeChatServer();
  server.addConversation(12);
  server.addConversation(14, ['alice', 'bob', 'carol']);
  server.blocked.set('mallory', { userId: 'mallory', displayName: 'Mallory', blockedAt: '2025-01-01T00:00:00Z' });
  const chat = createChatStore(client, { userId: 'alice', pageSize: 2, selected });
  chat.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush(20);
  return { chat, client, server, ws };
}

describe('chat store', () => {
  it('follows the connection status and lists conversations', async () => {
    const { chat } = await setup();
    expect(get(chat.status).status).toBe('live');
    expect(get(chat.conversations).map((c) => c.id).sort()).toEqual([12, 14]);
  });

  it('shows a sent message as pending, then once as stored', async () => {
    const { chat, server } = await setup();
    server.overrides.send_message = () => undefined; // hold the ack
    const entry = await chat.sendMessage(12, 'hello');
    const rows = chat.messages(12);
    expect(get(rows).map((row) => row.kind)).toEqual(['pending']);
    delete server.overrides.send_message;
    FakeWebSocket.last.serverClose(1006);
    await vi.advanceTimersByTimeAsync(get(chat.status).nextAttemptAt - Date.now());
    server.attach(FakeWebSocket.last);
    await flush(30);
    expect(get(rows)).toEqual([expect.objectContaining({ kind: 'message', message: expect.objectContaining({ clientMessageId: entry.clientMessageId }) })]);
    expect(server.conversations.get(12).messages).toHaveLength(1);
  });

  it('counts unread messages and clears them on markRead', async () => {
    const { chat, server, ws } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'one') } });
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'two') } });
    expect(get(chat.unreadTotal)).toBe(2);
    await chat.markRead(12);
    expect(get(chat.unreadTotal)).toBe(0);
    expect(ws.sentOf('mark_read').at(-1).payload).toEqual({ conversationId: 12, seq: 2 });
  });

  it('opens a conversation on its newest page and loads older pages upward', async () => {
    const { chat, server, ws } = await setup();
    for (let i = 1; i <= 5; i++) server.messageFrom(12, 'bob', `m${i}`);
    await chat.open(12);
    const seqs = () => get(chat.messages(12)).map((row) => row.kind === 'message' && row.message.seq);
    expect(seqs()).toEqual([4, 5]);
    expect(await chat.loadOlder(12)).toBe(true);
    expect(seqs()).toEqual([2, 3, 4, 5]);
    expect(await chat.loadOlder(12)).toBe(false);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(ws.sentOf('load_messages').map((f) => f.payload.beforeSeq)).toEqual([undefined, 4, 2]);
    expect(await chat.loadOlder(12)).toBe(false);
    expect(ws.sentOf('load_messages')).toHaveLength(3);
  });

  it('loads older pages by the oldest seq shown, also when a page holds fewer messages than asked', async () => {
    const { chat, server, ws } = await setup();
    for (let i = 1; i <= 5; i++) server.messageFrom(12, 'bob', `m${i}`);
    server.pageCap = 1; // the server stops pages short (too large): one message each, hasMore
    await chat.open(12);
    const seqs = () => get(chat.messages(12)).map((row) => row.kind === 'message' && row.message.seq);
    expect(seqs()).toEqual([5]);
    expect(get(chat.history(12)).hasOlder).toBe(true);
    while (await chat.loadOlder(12));
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(ws.sentOf('load_messages').map((f) => f.payload.beforeSeq)).toEqual([undefined, 5, 4, 3, 2]);
    expect(get(chat.history(12)).hasOlder).toBe(false);
  });

  it('creates a group and knows its conversation and invite code', async () => {
    const { chat, server } = await setup();
    server.overrides.create_group = (p) => {
      server.addConversation(20, ['alice']);
      return { group: { id: 3, conversationId: 20, name: p.name, description: null, inviteCode: 'Xk3-pQ9_vB2mZt7L', memberCount: 1, createdBy: 'alice', createdAt: 'now' } };
    };
    const group = await chat.createGroup({ name: 'Team' });
    expect(group.inviteCode).toBe('Xk3-pQ9_vB2mZt7L');
    expect(get(chat.groups)[20].inviteCode).toBe('Xk3-pQ9_vB2mZt7L');
    expect(get(chat.conversations).map((c) => c.id)).toContain(20);
  });

  it('shows who is typing in a conversation', async () => {
    const { chat, ws } = await setup();
    const names = chat.typingNames(12);
    ws.receive({ type: 'typing', payload: { conversationId: 12, userId: 'bob', typing: true } });
    expect(get(names)).toEqual(['bob']);
    ws.receive({ type: 'typing', payload: { conversationId: 12, userId: 'bob', typing: false } });
    expect(get(names)).toEqual([]);
  });

  it('exposes the typing store, and sends typing_start through notifyTyping', async () => {
    const { chat, ws } = await setup();
    expect(typeof chat.typing.subscribe).toBe('function');
    ws.receive({ type: 'typing', payload: { conversationId: 12, userId: 'bob', typing: true } });
    expect(get(chat.typing)).toEqual({ 12: ['bob'] });
    chat.notifyTyping(12);
    expect(ws.sentOf('typing_start').map((f) => f.payload)).toEqual([{ conversationId: 12 }]);
  });
});

describe('chat store: leaving and blocking', () => {
  it('drops a conversation the user left on another device, clears the selection, and says so', async () => {
    const { chat, server, ws } = await setup({ selected: 14 });
    server.overrides.send_message = () => undefined; // stays unsent
    await chat.sendMessage(14, 'never sent');
    await flush();
    ws.receive({ type: 'member_left', payload: { conversationId: 14, groupId: null, reason: 'left', userId: 'alice' } });
    await flush();
    expect(get(chat.conversations).map((c) => c.id)).toEqual([12]);
    expect(get(chat.selected)).toBeNull();
    expect(get(chat.notices)).toEqual([{ conversationId: 14, title: 'bob, carol', unsent: 1, reason: 'left' }]);
    expect(get(chat.outbox)).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'CONVERSATION_LEFT' }) })]);
    chat.dismissNotice(14);
    await flush();
    expect(get(chat.notices)).toEqual([]);
    expect(get(chat.outbox)).toEqual([]);
  });

  it('takes another member who left out of the conversation', async () => {
    const { chat, ws } = await setup();
    ws.receive({ type: 'member_left', payload: { conversationId: 14, groupId: null, reason: 'left', userId: 'carol' } });
    expect(get(chat.conversations).find((c) => c.id === 14)).toMatchObject({ memberCount: 2, title: 'bob' });
  });

  it('leaves a conversation here: gone from the list and the selection, no notice, unsent messages dropped', async () => {
    const { chat, server, ws } = await setup();
    chat.select(14);
    server.overrides.send_message = () => undefined;
    await chat.sendMessage(14, 'never sent');
    await flush();
    await chat.exitConversation(14);
    await flush();
    expect(ws.sentOf('exit_conversation').map((f) => f.payload)).toEqual([{ conversationId: 14 }]);
    expect(get(chat.conversations).map((c) => c.id)).toEqual([12]);
    expect(get(chat.selected)).toBeNull();
    expect(get(chat.notices)).toEqual([]);
    expect(get(chat.outbox)).toEqual([]);
  });

  it('reads the blocked users on connecting, and follows blocks and unblocks', async () => {
    const { chat, ws } = await setup();
    expect(get(chat.blocked)).toEqual([{ userId: 'mallory', name: 'Mallory', blockedAt: '2025-01-01T00:00:00Z' }]);
    await chat.blockUser('bob');
    expect(get(chat.blocked).map((u) => [u.userId, u.name])).toEqual([['mallory', 'Mallory'], ['bob', 'bob']]);
    await chat.unblockUser('mallory');
    expect(get(chat.blocked).map((u) => u.userId)).toEqual(['bob']);
    expect(ws.sentOf('block_user').map((f) => f.payload.userId)).toEqual(['bob']);
    expect(ws.sentOf('unblock_user').map((f) => f.payload.userId)).toEqual(['mallory']);
    await chat.loadBlockedUsers();
    expect(get(chat.blocked).map((u) => u.userId)).toEqual(['bob']);
  });

  it('takes no presence from conversation_created, whose objects show the creator’s view', async () => {
    const { chat, ws } = await setup();
    const participant = (userId, online) => ({ userId, displayName: userId, online, lastSeenAt: null });
    ws.receive({
      type: 'conversation_created',
      payload: {
        conversation: {
          id: 20, type: 'group', title: 'New', groupId: null, inviteCode: null, createdAt: '2025-01-02T00:00:00Z', lastMessage: null,
          lastSeq: 0, lastReadSeq: 0, unreadCount: 0, participants: [participant('dave', true), participant('alice', false)]
        }
      }
    });
    expect(get(chat.conversations).find((c) => c.id === 20)).toMatchObject({ title: 'New', online: false });
    expect(get(chat.onlineUsers)).not.toContain('dave');
  });

  it('does not list a block the server refused', async () => {
    const { chat } = await setup();
    await expect(chat.blockUser('alice')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(get(chat.blocked).map((u) => u.userId)).toEqual(['mallory']);
  });
});
