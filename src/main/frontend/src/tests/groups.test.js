import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { withGroups } from './support/fake-groups.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { ChatError, ConversationLeftError } from '../lib/chat-client/errors.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

const DIRECTORY = [
  { userId: 'alice', displayName: 'Alice Liddell' },
  { userId: 'bob', displayName: 'Bob Stone' },
  { userId: 'carol', displayName: 'Carol Bobbin' },
  { userId: 'dave', displayName: 'Dave' }
];

/**
 * A live client of alice in group 3 (conversation 30: alice with `role`, bob an admin, carol a member); it records
 * the events this file is about.
 * @param {{ role?: string }} [options]
 */
async function setup({ role = 'owner' } = {}) {
  const harness = createTestClient({ userId: 'alice' });
  const server = new FakeChatServer();
  const fake = withGroups(server, { users: DIRECTORY });
  server.addConversation(12);
  fake.addGroup({ id: 3, conversationId: 30, name: 'Team', members: [['alice', role], ['bob', 'admin'], ['carol', 'member']] });
  /** @type {Record<string, any[]>} */
  const events = { left: [], member_left: [], member_updated: [], group_updated: [], conversation: [], conversation_page: [] };
  for (const type of Object.keys(events)) harness.client.on(/** @type {any} */ (type), (e) => events[type].push(e));
  harness.client.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush(20);
  expect(harness.client.state.status).toBe('live');
  return { ...harness, server, fake, ws, events };
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

describe('leaveGroup', () => {
  it('sends leave_group and forgets the group’s conversation: left, here', async () => {
    const { client, ws, events } = await setup();
    await client.leaveGroup(3);
    expect(ws.sentOf('leave_group').map((f) => f.payload)).toEqual([{ groupId: 3 }]);
    expect(events.left).toEqual([{ conversationId: 30, reason: 'left', elsewhere: false }]);
  });

  it('no re-join after a reconnect, and unsent messages to it fail at once', async () => {
    const { client, server } = await setup();
    await client.joinConversation(30);
    await client.leaveGroup(3);
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('join_conversation')).toEqual([]);
    await client.sendMessage(30, 'still there?');
    await flush(20);
    expect(ws2.sentOf('send_message')).toEqual([]);
    expect(client.outbox[0].error?.code).toBe(new ConversationLeftError(30).code);
  });

  it.each(['FORBIDDEN', 'NOT_FOUND'])('counts %s (out of it already, the event missed) as done', async (code) => {
    const { client, server, events } = await setup();
    server.overrides.leave_group = () => {
      throw Object.assign(new Error('no'), { code });
    };
    await client.leaveGroup(3);
    expect(events.left).toEqual([{ conversationId: 30, reason: 'left', elsewhere: false }]);
  });

  it('a group whose conversation the client never saw: the request goes, nothing is forgotten', async () => {
    const { client, server, ws, events } = await setup();
    server.overrides.leave_group = () => ({});
    await client.leaveGroup(99);
    expect(ws.sentOf('leave_group').map((f) => f.payload)).toEqual([{ groupId: 99 }]);
    expect(events.left).toEqual([]);
  });

  it('rejects with other errors and keeps the conversation', async () => {
    const { client, server, events } = await setup();
    server.overrides.leave_group = () => {
      throw Object.assign(new Error('groupId must be a positive integer'), { code: 'BAD_REQUEST' });
    };
    await expect(client.leaveGroup(3)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(events.left).toEqual([]);
  });
});

describe('removeMember', () => {
  it('sends remove_member; this client hears member_left (removed) as the others do', async () => {
    const { client, ws, events } = await setup();
    await client.removeMember(3, 'carol');
    expect(ws.sentOf('remove_member').map((f) => f.payload)).toEqual([{ groupId: 3, userId: 'carol' }]);
    expect(events.member_left).toEqual([{ conversationId: 30, groupId: 3, userId: 'carol', reason: 'removed' }]);
    expect(events.left).toEqual([]);
  });

  it('refused (an admin removing an admin), it rejects with the code and tells nothing', async () => {
    const { client, events } = await setup({ role: 'admin' });
    await expect(client.removeMember(3, 'bob')).rejects.toBeInstanceOf(ChatError);
    await expect(client.removeMember(3, 'bob')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(events.member_left).toEqual([]);
  });

  it('member_left (removed) naming the user: the conversation goes, its unsent messages fail, as removed', async () => {
    const { client, server, ws, events } = await setup();
    server.overrides.send_message = () => undefined; // the first one stays on its way
    await client.sendMessage(12, 'to bob, on its way');
    await client.sendMessage(30, 'to the team, waiting');
    await flush();
    ws.receive({ type: 'member_left', payload: { conversationId: 30, groupId: 3, userId: 'alice', reason: 'removed' } });
    await flush();
    expect(events.left).toEqual([{ conversationId: 30, reason: 'removed', elsewhere: true }]);
    expect(client.outbox.find((e) => e.conversationId === 30)).toMatchObject({ status: 'failed', error: { code: 'CONVERSATION_LEFT' } });
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('join_conversation')).toEqual([]);
  });
});

describe('addMembers', () => {
  it('sends add_members and tells the conversation, new members in it', async () => {
    const { client, ws, events } = await setup();
    const conversation = await client.addMembers(3, ['dave']);
    expect(ws.sentOf('add_members').map((f) => f.payload)).toEqual([{ groupId: 3, userIds: ['dave'] }]);
    expect(conversation.participants.map((p) => p.userId)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(events.conversation.at(-1)).toEqual({ conversation });
  });

  it('rejects a present member with CONFLICT', async () => {
    const { client, events } = await setup();
    const before = events.conversation.length;
    await expect(client.addMembers(3, ['bob'])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(events.conversation).toHaveLength(before);
  });
});

describe('setRole', () => {
  it('sends set_role and tells member_updated with the participant the server answered', async () => {
    const { client, ws, events } = await setup();
    const participant = await client.setRole(3, 'carol', 'admin');
    expect(ws.sentOf('set_role').map((f) => f.payload)).toEqual([{ groupId: 3, userId: 'carol', role: 'admin' }]);
    expect(participant).toMatchObject({ userId: 'carol', role: 'admin' });
    expect(events.member_updated).toEqual([{ conversationId: 30, groupId: 3, participant }]);
  });

  it('handing the group over: the new owner, then the user as an admin', async () => {
    const { client, events } = await setup();
    await client.setRole(3, 'bob', 'owner');
    expect(events.member_updated.map((e) => [e.participant.userId, e.participant.role])).toEqual([
      ['bob', 'owner'],
      ['alice', 'admin']
    ]);
  });

  it('refused to an admin, it rejects and tells nothing', async () => {
    const { client, events } = await setup({ role: 'admin' });
    await expect(client.setRole(3, 'carol', 'admin')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(events.member_updated).toEqual([]);
  });
});

describe('updateGroup and rotateInvite', () => {
  it('updateGroup sends only the fields given and tells group_updated', async () => {
    const { client, ws, events } = await setup();
    const group = await client.updateGroup(3, { name: 'Crew', membersCanInvite: false });
    expect(ws.sentOf('update_group').map((f) => f.payload)).toEqual([{ groupId: 3, name: 'Crew', membersCanInvite: false }]);
    expect(group).toMatchObject({ id: 3, name: 'Crew', membersCanInvite: false });
    expect(events.group_updated).toEqual([{ group }]);
  });

  it('rotateInvite sends the limits given, none when none, and tells the new code', async () => {
    const { client, ws, events } = await setup();
    const first = await client.rotateInvite(3);
    const second = await client.rotateInvite(3, { expiresInSeconds: 3600, maxUses: 5 });
    expect(ws.sentOf('rotate_invite').map((f) => JSON.stringify(f.payload))).toEqual([
      JSON.stringify({ groupId: 3 }),
      JSON.stringify({ groupId: 3, expiresInSeconds: 3600, maxUses: 5 })
    ]);
    expect(second.inviteCode).not.toBe(first.inviteCode);
    expect(second).toMatchObject({ inviteMaxUses: 5, inviteUses: 0, inviteExpiresAt: expect.any(String) });
    expect(events.group_updated.map((e) => e.group.inviteCode)).toEqual([first.inviteCode, second.inviteCode]);
  });

  it('refused to a plain member', async () => {
    const { client, events } = await setup({ role: 'member' });
    await expect(client.updateGroup(3, { name: 'Mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.rotateInvite(3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(events.group_updated).toEqual([]);
  });
});

describe('searchUsers', () => {
  it('sends the query (and a limit when given) and resolves with the users', async () => {
    const { client, ws } = await setup();
    const users = await client.searchUsers('bo');
    expect(users.map((u) => u.userId)).toEqual(['bob', 'carol']); // "Bob …" and "… Bobbin"
    await client.searchUsers('a', { limit: 1 });
    expect(ws.sentOf('search_users').map((f) => JSON.stringify(f.payload))).toEqual([
      JSON.stringify({ query: 'bo' }),
      JSON.stringify({ query: 'a', limit: 1 })
    ]);
  });

  it('rejects an empty query with BAD_REQUEST', async () => {
    const { client } = await setup();
    await expect(client.searchUsers('')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('loadConversationPage', () => {
  it('reads the first page without a cursor, then the next with nextCursor, and tells each', async () => {
    const { client, ws, events } = await setup();
    const first = await client.loadConversationPage({ limit: 1 });
    expect(first).toEqual({ conversations: [expect.objectContaining({ id: 30 })], hasMore: true, nextCursor: '1' });
    const second = await client.loadConversationPage({ limit: 1, before: first.nextCursor });
    expect(second).toEqual({ conversations: [expect.objectContaining({ id: 12 })], hasMore: false, nextCursor: null });
    expect(ws.sentOf('load_conversations').slice(-2).map((f) => f.payload)).toEqual([{ limit: 1 }, { limit: 1, before: '1' }]);
    expect(events.conversation_page.map((p) => [p.before, p.hasMore])).toEqual([
      [null, true],
      ['1', false]
    ]);
  });

  it('a conversation of a page counts as known: a group learned there can be left by its id', async () => {
    const { client, events } = await setup();
    await client.loadConversationPage({ limit: 5 });
    await client.leaveGroup(3);
    expect(events.left.map((e) => e.conversationId)).toEqual([30]);
  });
});

describe('group events from the server', () => {
  it('member_updated and group_updated reach their listeners', async () => {
    const { ws, events } = await setup();
    const participant = { userId: 'carol', displayName: 'carol', online: true, lastSeenAt: null, role: 'admin' };
    ws.receive({ type: 'member_updated', payload: { conversationId: 30, groupId: 3, participant } });
    ws.receive({ type: 'group_updated', payload: { group: { id: 3, conversationId: 30, name: 'Crew' } } });
    expect(events.member_updated).toEqual([{ conversationId: 30, groupId: 3, participant }]);
    expect(events.group_updated).toEqual([{ group: { id: 3, conversationId: 30, name: 'Crew' } }]);
  });

  it('member_left (left) about another member is only passed on', async () => {
    const { ws, events } = await setup();
    ws.receive({ type: 'member_left', payload: { conversationId: 30, groupId: 3, userId: 'bob', reason: 'left' } });
    expect(events.member_left).toHaveLength(1);
    expect(events.left).toEqual([]);
  });
});
