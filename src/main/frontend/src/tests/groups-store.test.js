import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';
import * as r from '../lib/stores/chat-reducers.js';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { withGroups } from './support/fake-groups.js';
import { createTestClient, useFakeClock } from './support/harness.js';
import { createChatStore } from '../lib/stores/websocket-chat.js';

/** @param {string} userId @param {string | null} role */
const person = (userId, role) => ({ userId, displayName: userId.toUpperCase(), online: false, lastSeenAt: null, role });

const GROUP = {
  id: 3, conversationId: 30, name: 'Team', description: null, inviteCode: 'Xk3-pQ9_vB2mZt7L', memberCount: 3,
  createdBy: 'alice', createdAt: '2025-01-01T00:00:00Z', inviteExpiresAt: null, inviteMaxUses: null, inviteUses: 0,
  membersCanInvite: true
};

/** A group conversation 30 of alice (owner), bob (member), carol (admin), in the order they joined. */
function team(over = {}) {
  return {
    id: 30, type: 'group', title: 'Team', groupId: 3, inviteCode: GROUP.inviteCode, createdAt: '2025-01-01T00:00:00Z',
    lastMessage: null, lastSeq: 0, lastReadSeq: 0, unreadCount: 0,
    participants: [person('alice', 'owner'), person('bob', 'member'), person('carol', 'admin')], group: GROUP, ...over
  };
}

/** @param {string} [me] */
const start = (me = 'alice') => r.conversationsLoaded(r.initialState(me), [team()]);

describe('group reducers', () => {
  it('a conversation object brings its group: the invite code and limits are known without create or join', () => {
    const s = start();
    expect(s.groups[30]).toEqual(GROUP);
  });

  it('member_updated changes that participant’s role and name, not their presence, and keeps their place', () => {
    let s = start();
    s = r.memberUpdated(s, { conversationId: 30, groupId: 3, participant: { ...person('bob', 'admin'), displayName: 'Bobby', online: true } });
    expect(s.conversations[30].participants[1]).toEqual({ ...person('bob', 'admin'), displayName: 'Bobby' });
    expect(s.conversations[30].participants.map((p) => [p.userId, p.role])).toEqual([['alice', 'owner'], ['bob', 'admin'], ['carol', 'admin']]);
    expect(s.names.bob).toBe('Bobby');
    s = r.memberUpdated(s, { conversationId: 30, groupId: 3, participant: { userId: 'alice', role: 'admin' } });
    expect(s.conversations[30].participants[0]).toEqual({ ...person('alice', 'admin') });
  });

  it('member_updated about an unknown conversation or member changes nothing', () => {
    const s = start();
    expect(r.memberUpdated(s, { conversationId: 99, groupId: 9, participant: person('bob', 'admin') })).toBe(s);
    expect(r.memberUpdated(s, { conversationId: 30, groupId: 3, participant: person('zed', 'admin') })).toBe(s);
  });

  it('group_updated renames the conversation live and follows the invite code, hidden included', () => {
    let s = start('bob');
    s = r.groupUpdated(s, { ...GROUP, name: 'Crew', description: 'the crew', membersCanInvite: false, inviteCode: null });
    expect(s.conversations[30]).toMatchObject({ title: 'Crew', inviteCode: null, group: expect.objectContaining({ name: 'Crew' }) });
    expect(r.conversationTitle(s, s.conversations[30])).toBe('Crew');
    expect(r.selectConversationList(s)[0].title).toBe('Crew');
    expect(s.groups[30]).toMatchObject({ description: 'the crew', inviteCode: null, membersCanInvite: false });
  });

  it('group_updated of a group whose conversation is not listed only records the group', () => {
    const s = r.groupUpdated(r.initialState('alice'), { ...GROUP, name: 'Crew' });
    expect(s.groups[30].name).toBe('Crew');
    expect(s.conversations).toEqual({});
  });

  it('a page of conversations adds to those known, it does not replace them', () => {
    let s = start();
    const direct = { ...team(), id: 12, type: 'direct', title: null, groupId: null, inviteCode: null, group: null, participants: [person('alice', null), person('bob', null)] };
    s = r.conversationPageLoaded(s, { conversations: [direct] });
    expect(Object.keys(s.conversations).map(Number).sort()).toEqual([12, 30]);
    expect(s.groups[12]).toBeUndefined();
  });

  it('members: the owner, the admins, then the others, each in the order they joined', () => {
    const s = r.presenceChanged(start(), { userId: 'carol', status: 'online', lastSeenAt: null });
    expect(r.selectMembers(s, 30)).toEqual([
      { userId: 'alice', name: 'ALICE', role: 'owner', online: true, me: true },
      { userId: 'carol', name: 'CAROL', role: 'admin', online: true, me: false },
      { userId: 'bob', name: 'BOB', role: 'member', online: false, me: false }
    ]);
    expect(r.selectMembers(s, 99)).toEqual([]);
    expect(r.selectMyRole(s, 30)).toBe('owner');
    expect(r.selectMyRole(start('bob'), 30)).toBe('member');
    expect(r.selectMyRole(s, 99)).toBeNull();
  });

  it('what a role may do to a member: the owner everything, an admin removes plain members, a member nothing', () => {
    const member = { role: /** @type {const} */ ('member'), me: false };
    const admin = { role: /** @type {const} */ ('admin'), me: false };
    const self = { role: /** @type {const} */ ('owner'), me: true };
    expect(r.memberActions('owner', member)).toEqual({ remove: true, makeAdmin: true, removeAdmin: false, makeOwner: true });
    expect(r.memberActions('owner', admin)).toEqual({ remove: true, makeAdmin: false, removeAdmin: true, makeOwner: true });
    expect(r.memberActions('owner', self)).toEqual({ remove: false, makeAdmin: false, removeAdmin: false, makeOwner: false });
    expect(r.memberActions('admin', member)).toEqual({ remove: true, makeAdmin: false, removeAdmin: false, makeOwner: false });
    expect(r.memberActions('admin', admin)).toEqual({ remove: false, makeAdmin: false, removeAdmin: false, makeOwner: false });
    expect(r.memberActions('member', member)).toEqual({ remove: false, makeAdmin: false, removeAdmin: false, makeOwner: false });
    expect([r.canManageGroup('owner'), r.canManageGroup('admin'), r.canManageGroup('member'), r.canManageGroup(null)]).toEqual([true, true, false, false]);
  });

  it('removed elsewhere: the conversation goes with a notice that says so', () => {
    let s = r.conversationSelected(start('bob'), 30);
    s = r.memberLeft(s, { conversationId: 30, userId: 'bob', reason: 'removed' });
    expect(s.conversations[30]).toBeUndefined();
    expect(s.groups[30]).toBeUndefined();
    expect(s.selected).toBeNull();
    expect(s.notices).toEqual([{ conversationId: 30, title: 'Team', unsent: 0, reason: 'removed' }]);
  });
});

describe('group stores', () => {
  beforeEach(() => {
    FakeWebSocket.reset();
    useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  /** bob is a member of alice's group 3 (conversation 30), and shows it. */
  async function setup(me = 'bob', role = 'member') {
    const { client } = createTestClient({ userId: me });
    const server = new FakeChatServer(me);
    const fake = withGroups(server);
    const others = /** @type {[string, string][]} */ ([['alice', 'owner'], ['carol', 'admin']].filter(([u]) => u !== me));
    fake.addGroup({ id: 3, conversationId: 30, name: 'Team', members: [...others, [me, role]] });
    const chat = createChatStore(client, { userId: me, selected: 30 });
    chat.connect();
    await flush();
    const ws = server.attach(FakeWebSocket.last);
    await flush(20);
    return { chat, client, server, fake, ws };
  }

  it('removed while looking at the conversation: it goes from the list and the view, a notice names the group', async () => {
    const { chat, ws } = await setup();
    await chat.open(30);
    expect(get(chat.selected)).toBe(30);
    ws.receive({ type: 'member_left', payload: { conversationId: 30, groupId: 3, userId: 'bob', reason: 'removed' } });
    await flush();
    expect(get(chat.conversations)).toEqual([]);
    expect(get(chat.selected)).toBeNull();
    expect(get(chat.notices)).toEqual([{ conversationId: 30, title: 'Team', unsent: 0, reason: 'removed' }]);
  });

  it('a renamed group is renamed in the list at once', async () => {
    const { chat, ws, fake } = await setup();
    ws.receive({ type: 'group_updated', payload: { group: { ...fake.groups.get(3), name: 'Crew', memberCount: 3 } } });
    expect(get(chat.conversations).map((c) => c.title)).toEqual(['Crew']);
  });

  it('promoted: the role shows, and the list is read again (an admin may see the invite code now)', async () => {
    const { chat, ws, server, fake } = await setup();
    fake.groups.get(3).membersCanInvite = false;
    server.conversations.get(30).conversation.participants.find((p) => p.userId === 'bob').role = 'admin';
    const loads = server.log.filter((t) => t === 'load_conversations').length;
    ws.receive({ type: 'member_updated', payload: { conversationId: 30, groupId: 3, participant: person('bob', 'admin') } });
    expect(r.selectMyRole(get(chat.state), 30)).toBe('admin');
    await flush(20);
    expect(server.log.filter((t) => t === 'load_conversations').length).toBe(loads + 1);
  });

  it('someone else’s new role changes only them, and reads nothing again', async () => {
    const { chat, ws, server } = await setup();
    const loads = server.log.length;
    ws.receive({ type: 'member_updated', payload: { conversationId: 30, groupId: 3, participant: person('carol', 'member') } });
    await flush();
    expect(r.selectMembers(get(chat.state), 30).map((m) => [m.userId, m.role])).toEqual([['alice', 'owner'], ['carol', 'member'], ['bob', 'member']]);
    expect(server.log.length).toBe(loads);
  });

  it('the owner’s actions: remove, promote, hand over, rename, rotate — the state follows each ack', async () => {
    const { chat } = await setup('alice', 'owner');
    await chat.removeMember(3, 'carol');
    expect(r.selectMembers(get(chat.state), 30).map((m) => m.userId)).toEqual(['alice']);
    await chat.addMembers(3, ['bob']);
    await chat.setRole(3, 'bob', 'admin');
    expect(r.selectMembers(get(chat.state), 30).map((m) => [m.userId, m.role])).toEqual([['alice', 'owner'], ['bob', 'admin']]);
    await chat.setRole(3, 'bob', 'owner');
    expect(r.selectMembers(get(chat.state), 30).map((m) => [m.userId, m.role])).toEqual([['bob', 'owner'], ['alice', 'admin']]);
    await chat.updateGroup(3, { name: 'Crew' });
    expect(get(chat.conversations)[0].title).toBe('Crew');
    const { inviteCode } = await chat.rotateInvite(3, { maxUses: 2 });
    expect(get(chat.state).groups[30]).toMatchObject({ inviteCode, inviteMaxUses: 2 });
    expect(get(chat.state).conversations[30].inviteCode).toBe(inviteCode);
  });

  it('leaving a group: gone from the list and the view, no notice (the user did it here)', async () => {
    const { chat } = await setup();
    await chat.leaveGroup(3);
    expect(get(chat.conversations)).toEqual([]);
    expect(get(chat.selected)).toBeNull();
    expect(get(chat.notices)).toEqual([]);
  });

  it('searchUsers answers what the client answers', async () => {
    const { chat, server } = await setup();
    server.overrides.search_users = (p) => ({ users: [{ userId: 'zoe', displayName: `Zoe ${p.query}`, online: true, lastSeenAt: null }] });
    await expect(chat.searchUsers('zo')).resolves.toEqual([{ userId: 'zoe', displayName: 'Zoe zo', online: true, lastSeenAt: null }]);
  });
});
