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

describe('chat store', () => {
  it('follows the connection status and lists conversations', async () => {
    const { chat } = await setup();
    expect(get(chat.status).status).toBe('live');
    expect(get(chat.conversations).map((c) => c.id)).toEqual([12]);
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
