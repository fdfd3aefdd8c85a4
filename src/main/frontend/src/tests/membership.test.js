import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { ChatError, ConversationLeftError } from '../lib/chat-client/errors.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

/**
 * A live client of alice in a direct conversation 12 with bob and an ad-hoc one, 14, with bob and carol; it
 * records the events this file is about.
 */
async function setup(options = {}) {
  const harness = createTestClient({ userId: 'alice', ...options });
  const server = new FakeChatServer();
  server.addConversation(12);
  server.addConversation(14, ['alice', 'bob', 'carol']);
  /** @type {Record<string, any[]>} */
  const events = { left: [], member_left: [], blocked_users: [], messages: [] };
  for (const type of Object.keys(events)) harness.client.on(/** @type {any} */ (type), (e) => events[type].push(e));
  harness.client.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush(20);
  return { ...harness, server, ws, events };
}

/** Closes the connection and lets the client reconnect to the same server. */
async function reconnect(client, server) {
  FakeWebSocket.last.serverClose(1006);
  await flush();
  await vi.advanceTimersByTimeAsync(client.state.nextAttemptAt - Date.now());
  const ws = server.attach(FakeWebSocket.last);
  await flush(30);
  return ws;
}

/** A member_left event as the server sends it. */
function memberLeft(userId, conversationId = 14, reason = 'left') {
  return { type: 'member_left', payload: { conversationId, groupId: null, reason, userId } };
}

describe('exitConversation', () => {
  it('sends exit_conversation and emits left, here', async () => {
    const { client, ws, events } = await setup();
    await client.exitConversation(14);
    expect(ws.sentOf('exit_conversation').map((f) => f.payload)).toEqual([{ conversationId: 14 }]);
    expect(events.left).toEqual([{ conversationId: 14, reason: 'left', elsewhere: false }]);
  });

  it('forgets the conversation: no cursor in the next sync, no re-join after a reconnect', async () => {
    const { client, server } = await setup();
    await client.joinConversation(14);
    await client.exitConversation(14);
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('join_conversation')).toEqual([]);
    expect(ws2.sentOf('sync').at(-1).payload.conversations).toEqual([{ conversationId: 12, afterSeq: 0, afterRev: 0 }]);
  });

  it('fails the unsent messages to it at once, and never sends them', async () => {
    const { client, server, ws } = await setup();
    server.overrides.send_message = () => undefined; // the first one stays on its way
    await client.sendMessage(12, 'to bob, on its way');
    await client.sendMessage(14, 'to the group, waiting');
    await flush();
    await client.exitConversation(14);
    await flush();
    const waiting = client.outbox.find((e) => e.conversationId === 14);
    expect(waiting).toMatchObject({ status: 'failed', error: { code: 'CONVERSATION_LEFT' } });
    expect(ws.sentOf('send_message').map((f) => f.payload.conversationId)).toEqual([12]);
  });

  it('refuses a message written to it afterwards without asking the server, also on Retry', async () => {
    const { client, ws } = await setup();
    await client.exitConversation(14);
    const entry = await client.sendMessage(14, 'too late');
    await flush(20);
    expect(client.outbox.find((e) => e.clientMessageId === entry.clientMessageId)).toMatchObject({
      status: 'failed',
      error: { code: 'CONVERSATION_LEFT' }
    });
    await client.retryMessage(entry.clientMessageId);
    await flush(20);
    expect(client.outbox.find((e) => e.clientMessageId === entry.clientMessageId)?.status).toBe('failed');
    expect(ws.sentOf('send_message')).toEqual([]);
  });

  it('counts a conversation the server says the user is not in (left elsewhere, the event missed) as left', async () => {
    const { client, server, events } = await setup();
    server.conversations.delete(14);
    await client.exitConversation(14);
    expect(events.left).toEqual([{ conversationId: 14, reason: 'left', elsewhere: false }]);
  });

  it('rejects for a direct conversation and forgets nothing', async () => {
    const { client, events } = await setup();
    await expect(client.exitConversation(12)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'a direct conversation cannot be left: block the user instead'
    });
    expect(events.left).toEqual([]);
  });
});

describe('member_left', () => {
  it('is emitted for another user, and the conversation stays', async () => {
    const { client, server, ws, events } = await setup();
    ws.receive(memberLeft('carol'));
    expect(events.member_left).toEqual([{ conversationId: 14, groupId: null, reason: 'left', userId: 'carol' }]);
    expect(events.left).toEqual([]);
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(14, 'bob', 'still here') } });
    expect(events.messages.at(-1)).toMatchObject({ conversationId: 14, source: 'live' });
  });

  it('about the user: left elsewhere; the conversation is forgotten and its unsent messages fail', async () => {
    const { client, server, ws, events } = await setup();
    server.overrides.send_message = () => undefined;
    await client.sendMessage(12, 'on its way');
    await client.sendMessage(14, 'waiting');
    await flush();
    ws.receive(memberLeft('alice'));
    await flush();
    expect(events.member_left).toHaveLength(1);
    expect(events.left).toEqual([{ conversationId: 14, reason: 'left', elsewhere: true }]);
    expect(client.outbox.find((e) => e.conversationId === 14)).toMatchObject({ status: 'failed', error: { code: 'CONVERSATION_LEFT' } });
    // The outbox goes on with the others, and never tries the failed one.
    delete server.overrides.send_message;
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('send_message').map((f) => f.payload.conversationId)).toEqual([12]);
  });

  it('accepts reasons other than "left"', async () => {
    const { ws, events } = await setup();
    ws.receive(memberLeft('alice', 14, 'removed'));
    expect(events.left).toEqual([{ conversationId: 14, reason: 'removed', elsewhere: true }]);
  });

  it('drops messages of the conversation that were already on their way (a sync answered before the exit)', async () => {
    const { client, server, ws, events } = await setup();
    const message = server.messageFrom(14, 'bob', 'sent before the exit');
    ws.receive(memberLeft('alice'));
    const before = events.messages.length;
    // The answer of a load_messages sent before the event.
    server.overrides.load_messages = () => ({ messages: [message], hasMore: false });
    await client.loadMessages(14);
    expect(events.messages).toHaveLength(before);
  });

  it('counts the conversation again once the user joins the group again', async () => {
    const { client, server, ws, events } = await setup();
    ws.receive(memberLeft('alice'));
    server.overrides.join_group = () => ({
      conversation: server.view(14),
      group: { id: 3, conversationId: 14, name: 'G', description: null, inviteCode: 'code', memberCount: 3, createdBy: 'bob', createdAt: 'now' }
    });
    await client.joinGroup('code');
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(14, 'bob', 'welcome back') } });
    expect(events.messages.at(-1)).toMatchObject({ conversationId: 14, messages: [expect.objectContaining({ content: 'welcome back' })] });
    const entry = await client.sendMessage(14, 'glad to be back');
    await flush(20);
    expect(client.outbox.find((e) => e.clientMessageId === entry.clientMessageId)).toBeUndefined();
  });
});

describe('a conversation left while this client was away', () => {
  it('is found when its room cannot be joined again: left elsewhere, not an error', async () => {
    const { client, server, events, errors } = await setup();
    await client.joinConversation(14);
    server.conversations.delete(14); // left on another device while this one was offline
    await reconnect(client, server);
    expect(events.left).toEqual([{ conversationId: 14, reason: 'not_a_participant', elsewhere: true }]);
    expect(errors).toEqual([]);
    expect(client.state.status).toBe('live');
  });
});

describe('blocking', () => {
  it('sends block_user and unblock_user with the user id', async () => {
    const { client, ws } = await setup();
    await client.blockUser('mallory');
    await client.unblockUser('mallory');
    expect(ws.sentOf('block_user').map((f) => f.payload)).toEqual([{ userId: 'mallory' }]);
    expect(ws.sentOf('unblock_user').map((f) => f.payload)).toEqual([{ userId: 'mallory' }]);
  });

  it('loads the blocked users and emits them', async () => {
    const { client, events } = await setup();
    await client.blockUser('mallory');
    const users = await client.loadBlockedUsers();
    expect(users).toEqual([{ userId: 'mallory', displayName: 'MALLORY', blockedAt: expect.any(String) }]);
    expect(events.blocked_users).toEqual([users]);
  });

  it('passes the server’s refusal on as a ChatError', async () => {
    const { client } = await setup();
    const error = await client.blockUser('alice').catch((e) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'you cannot block yourself', type: 'block_user' });
  });
});

describe('ConversationLeftError', () => {
  it('says which conversation and that the message was not sent', () => {
    const error = new ConversationLeftError(14);
    expect(error).toMatchObject({ code: 'CONVERSATION_LEFT', retryable: false, conversationId: 14 });
    expect(error.message).toBe('no longer a participant of conversation 14: the message was not sent');
  });
});
