import { describe, expect, it } from 'vitest';
import * as r from '../lib/stores/chat-reducers.js';

const participants = ['alice', 'bob'].map((userId) => ({ userId, displayName: userId.toUpperCase(), online: true, lastSeenAt: null }));

/** @param {Partial<import('../lib/chat-client/types.js').Conversation>} [over] */
function conversation(over = {}) {
  return {
    id: 12, type: 'direct', title: null, groupId: null, createdAt: '2025-01-01T00:00:00Z', lastMessage: null,
    lastSeq: 0, lastReadSeq: 0, unreadCount: 0, participants, ...over
  };
}

let nextId = 100;
/** @param {number} seq @param {string} senderId @param {Partial<import('../lib/chat-client/types.js').Message>} [over] */
function message(seq, senderId = 'bob', over = {}) {
  return { id: nextId++, conversationId: 12, seq, senderId, content: `m${seq}`, clientMessageId: null, createdAt: `2025-01-01T00:00:${String(seq).padStart(2, '0')}Z`, ...over };
}

function pending(clientMessageId, over = {}) {
  return { clientMessageId, scope: 'alice', conversationId: 12, content: 'hi', createdAt: 1, order: 1, attempts: 0, status: 'pending', error: null, ...over };
}

function start() {
  return r.conversationsLoaded(r.initialState('alice'), [conversation()]);
}

describe('messages', () => {
  it('keeps messages sorted by seq without doubles, whatever order and source they come in', () => {
    let s = start();
    const [m1, m2, m3, m4] = [message(1), message(2), message(3), message(4)];
    s = r.messagesReceived(s, 12, [m3]); // live
    s = r.messagesReceived(s, 12, [m1, m2, m3]); // sync overlaps
    s = r.messagesReceived(s, 12, [m4, m3]); // page overlaps
    s = r.messagesReceived(s, 12, [m2]); // duplicate
    expect(s.messages[12].items.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('shows an outbox entry as pending until the stored message with its clientMessageId arrives, never both', () => {
    let s = r.outboxChanged(start(), [pending('c-1')]);
    expect(r.selectMessageRows(s, 12).map((row) => row.kind)).toEqual(['pending']);
    // The ack comes before the outbox forgets the entry: the stored message replaces the pending one.
    s = r.messagesReceived(s, 12, [message(1, 'alice', { clientMessageId: 'c-1', content: 'hi' })]);
    let rows = r.selectMessageRows(s, 12);
    expect(rows.map((row) => row.kind)).toEqual(['message']);
    s = r.outboxChanged(s, []);
    rows = r.selectMessageRows(s, 12);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'message', mine: true, message: { clientMessageId: 'c-1' } });
  });

  it('puts pending messages after the stored ones, in send order, failed ones included', () => {
    let s = r.messagesReceived(start(), 12, [message(1), message(2)]);
    s = r.outboxChanged(s, [pending('a', { order: 1 }), pending('b', { order: 2, status: 'failed', error: { code: 'FORBIDDEN', message: 'no' } })]);
    expect(r.selectMessageRows(s, 12).map((row) => row.key)).toEqual([
      `m${s.messages[12].items[0].id}`, `m${s.messages[12].items[1].id}`, 'pa', 'pb'
    ]);
  });

  it('does not match another user’s message with the same clientMessageId', () => {
    let s = r.outboxChanged(start(), [pending('same')]);
    s = r.messagesReceived(s, 12, [message(1, 'bob', { clientMessageId: 'same' })]);
    expect(r.selectMessageRows(s, 12).map((row) => row.kind)).toEqual(['message', 'pending']);
  });

  it('moves the last message forward only', () => {
    let s = r.messagesReceived(start(), 12, [message(5)]);
    s = r.messagesReceived(s, 12, [message(3)]);
    expect(s.conversations[12]).toMatchObject({ lastSeq: 5, lastMessage: { seq: 5 } });
  });
});

describe('unread counts', () => {
  it('count new messages of others once, not the user’s own', () => {
    let s = start();
    s = r.messagesReceived(s, 12, [message(1), message(2)]);
    s = r.messagesReceived(s, 12, [message(2)]); // the same again (sync after live)
    expect(s.conversations[12].unreadCount).toBe(2);
    s = r.messagesReceived(s, 12, [message(3, 'alice')]);
    expect(s.conversations[12]).toMatchObject({ unreadCount: 0, lastReadSeq: 3 }); // sending reads
  });

  it('drop to the server’s count after mark_read', () => {
    let s = r.messagesReceived(start(), 12, [message(1), message(2), message(3)]);
    s = r.markedRead(s, { conversationId: 12, lastReadSeq: 2 });
    expect(s.conversations[12].unreadCount).toBe(1);
    s = r.markedRead(s, { conversationId: 12, lastReadSeq: 3, unreadCount: 0 });
    expect(s.conversations[12]).toMatchObject({ unreadCount: 0, lastReadSeq: 3 });
  });

  it('clear when the user read on another device', () => {
    let s = r.messagesReceived(start(), 12, [message(1), message(2)]);
    s = r.readReceipt(s, { conversationId: 12, userId: 'alice', seq: 2 });
    expect(s.conversations[12].unreadCount).toBe(0);
  });

  it('come from the server list, which replaces local counts', () => {
    let s = r.messagesReceived(start(), 12, [message(1)]);
    s = r.conversationsLoaded(s, [conversation({ lastSeq: 4, unreadCount: 3, lastReadSeq: 1 })]);
    expect(s.conversations[12]).toMatchObject({ unreadCount: 3, lastSeq: 4 });
    s = r.messagesReceived(s, 12, [message(5)]);
    expect(s.conversations[12].unreadCount).toBe(4);
  });

  it('do not go back when an older conversation object arrives after live messages', () => {
    let s = r.messagesReceived(start(), 12, [message(1), message(2)]);
    s = r.conversationUpdated(s, conversation({ lastSeq: 1, unreadCount: 1 }));
    expect(s.conversations[12]).toMatchObject({ lastSeq: 2, unreadCount: 2 });
  });
});

describe('read receipts', () => {
  it('turn the user’s message from sent to read when the other reads it', () => {
    let s = r.messagesReceived(start(), 12, [message(1, 'alice')]);
    expect(r.selectMessageRows(s, 12)[0].receipt).toEqual({ status: 'sent', readBy: [], of: 1 });
    s = r.readReceipt(s, { conversationId: 12, userId: 'bob', seq: 1 });
    expect(r.selectMessageRows(s, 12)[0].receipt).toEqual({ status: 'read', readBy: ['bob'], of: 1 });
  });

  it('take read positions from sync, forward only', () => {
    let s = r.messagesReceived(start(), 12, [message(1, 'alice'), message(2, 'alice')]);
    s = r.syncApplied(s, { conversationId: 12, messages: [], hasMore: false, lastSeq: 2, lastReadSeq: 2, readPositions: [{ userId: 'bob', lastReadSeq: 2 }] });
    s = r.readReceipt(s, { conversationId: 12, userId: 'bob', seq: 1 });
    expect(s.reads[12].bob).toBe(2);
  });

  it('count a sender as having read up to their own message', () => {
    let s = r.messagesReceived(start(), 12, [message(1, 'alice')]);
    s = r.messagesReceived(s, 12, [message(2, 'bob')]);
    expect(r.selectMessageRows(s, 12)[0].receipt?.status).toBe('read');
  });

  it('say read-some in a group until everyone has read', () => {
    const group = conversation({ type: 'group', title: 'Team', participants: [...participants, { userId: 'carol', displayName: 'Carol', online: false, lastSeenAt: null }] });
    let s = r.conversationsLoaded(r.initialState('alice'), [group]);
    s = r.messagesReceived(s, 12, [message(1, 'alice')]);
    s = r.readReceipt(s, { conversationId: 12, userId: 'bob', seq: 1 });
    expect(r.selectMessageRows(s, 12)[0].receipt).toEqual({ status: 'read-some', readBy: ['bob'], of: 2 });
  });
});

describe('conversation list, typing, presence', () => {
  it('orders by newest activity and titles direct chats by the other user', () => {
    let s = r.conversationsLoaded(r.initialState('alice'), [
      conversation({ id: 1, createdAt: '2025-01-01T00:00:00Z' }),
      conversation({ id: 2, type: 'group', title: 'Team', createdAt: '2025-01-02T00:00:00Z' })
    ]);
    expect(r.selectConversationList(s).map((c) => c.title)).toEqual(['Team', 'BOB']);
    s = r.messagesReceived(s, 1, [message(1, 'bob', { conversationId: 1, createdAt: '2025-02-01T00:00:00Z' })]);
    expect(r.selectConversationList(s).map((c) => c.id)).toEqual([1, 2]);
  });

  it('tracks typing users per conversation, never the user, cleared when the connection drops', () => {
    let s = r.typingChanged(start(), { conversationId: 12, userId: 'bob', typing: true });
    s = r.typingChanged(s, { conversationId: 12, userId: 'alice', typing: true });
    expect(r.selectTypingNames(s, 12)).toEqual(['BOB']);
    expect(r.selectConversationList(s)[0].typing).toBe(true);
    s = r.typingChanged(s, { conversationId: 12, userId: 'bob', typing: false });
    expect(r.selectTypingNames(s, 12)).toEqual([]);
    s = r.conversationJoined(s, { conversation: conversation(), online: ['alice'], typing: ['bob'] });
    expect(r.selectTypingNames(s, 12)).toEqual(['BOB']);
    expect(r.selectTypingNames(r.connectionLost(s), 12)).toEqual([]);
  });

  it('follows presence events', () => {
    let s = r.presenceChanged(start(), { userId: 'bob', status: 'offline', lastSeenAt: '2025-01-01T00:00:00Z' });
    expect(r.selectConversationList(s)[0].online).toBe(false);
    expect(r.selectOnlineUsers(s)).toEqual(['alice']);
    s = r.presenceChanged(s, { userId: 'bob', status: 'online', lastSeenAt: null });
    expect(r.selectConversationList(s)[0].online).toBe(true);
  });

  it('adds a member who joined, once', () => {
    const event = { conversationId: 12, groupId: 3, user: { userId: 'carol', displayName: 'Carol' } };
    let s = r.memberJoined(start(), event);
    s = r.memberJoined(s, event);
    expect(s.conversations[12].participants.map((p) => p.userId)).toEqual(['alice', 'bob', 'carol']);
  });

  it('shows a member who joined as online in the list and the header at once, even when last known offline', () => {
    const alone = conversation({ type: 'group', title: 'Team', participants: [participants[0]] });
    let s = r.conversationsLoaded(r.initialState('alice'), [alone]);
    s = r.presenceChanged(s, { userId: 'carol', status: 'offline', lastSeenAt: '2025-01-01T00:00:00Z' });
    expect(r.selectConversationList(s)[0]).toMatchObject({ online: false, onlineCount: 0 });
    s = r.memberJoined(s, { conversationId: 12, groupId: 3, user: { userId: 'carol', displayName: 'Carol' } });
    expect(r.selectConversationList(s)[0]).toMatchObject({ online: true, onlineCount: 1 });
    expect(r.selectOthers(s, s.conversations[12])).toEqual([{ userId: 'carol', name: 'Carol', online: true, lastSeenAt: '2025-01-01T00:00:00Z' }]);
  });

  it('reads presence for the list and the header from one place', () => {
    // The participant object says online (as of the last load); a later presence event says offline: both agree.
    let s = r.presenceChanged(start(), { userId: 'bob', status: 'offline', lastSeenAt: '2025-01-01T00:00:00Z' });
    expect(r.selectOthers(s, s.conversations[12]).map((p) => p.online)).toEqual([false]);
    expect(r.selectConversationList(s)[0].online).toBe(false);
    // A conversation object in an answer (the user's own view) carries its participants' presence.
    s = r.conversationUpdated(s, conversation({ id: 13, participants: [participants[0], { userId: 'dave', displayName: 'Dave', online: true, lastSeenAt: null }] }));
    expect(r.selectConversationList(s).find((c) => c.id === 13)?.online).toBe(true);
  });

  it('names the sender of a group’s last message, "You" for the user, nobody in a direct chat', () => {
    let s = r.conversationsLoaded(r.initialState('alice'), [
      conversation({ id: 1 }),
      conversation({ id: 2, type: 'group', title: 'Team' })
    ]);
    const sender = (id) => r.selectConversationList(s).find((c) => c.id === id)?.lastSender;
    expect(sender(2)).toBeNull();
    s = r.messagesReceived(s, 2, [message(1, 'bob', { conversationId: 2 })]);
    s = r.messagesReceived(s, 1, [message(1, 'bob', { conversationId: 1 })]);
    expect(sender(2)).toBe('BOB');
    expect(sender(1)).toBeNull();
    s = r.messagesReceived(s, 2, [message(2, 'alice', { conversationId: 2 })]);
    expect(sender(2)).toBe('You');
  });
});

describe('pages', () => {
  it('knows whether older messages exist from the oldest page read', () => {
    let s = r.messagesReceived(start(), 12, [message(60)]); // live, before the view opened
    s = r.pageLoaded(s, 12, [message(11), message(12)], true);
    expect(s.messages[12]).toMatchObject({ loaded: true, hasOlder: true });
    s = r.pageLoaded(s, 12, [message(1), message(2)], false);
    expect(s.messages[12].hasOlder).toBe(false);
    expect(s.messages[12].items.map((m) => m.seq)).toEqual([1, 2, 11, 12, 60]);
  });

  it('forgets a conversation’s messages on reset', () => {
    const s = r.conversationReset(r.pageLoaded(start(), 12, [message(1)], false), 12);
    expect(s.messages[12]).toEqual({ items: [], hasOlder: null, loaded: false });
  });
});

describe('presence the user may not see', () => {
  it('shows a participant reported offline with no lastSeenAt as offline, without an older "last seen"', () => {
    const seen = participants.map((p) => (p.userId === 'bob' ? { ...p, online: false, lastSeenAt: '2025-01-01T00:00:00Z' } : p));
    let s = r.conversationsLoaded(r.initialState('alice'), [conversation({ participants: seen })]);
    expect(r.selectOthers(s, s.conversations[12])).toEqual([{ userId: 'bob', name: 'BOB', online: false, lastSeenAt: '2025-01-01T00:00:00Z' }]);
    // bob blocked alice: the server says offline, no lastSeenAt
    s = r.presenceChanged(s, { userId: 'bob', status: 'offline', lastSeenAt: null });
    expect(r.selectOthers(s, s.conversations[12])).toEqual([{ userId: 'bob', name: 'BOB', online: false, lastSeenAt: null }]);
  });

  it('takes nothing of presence from conversation_created, which shows the creator’s view', () => {
    let s = r.presenceChanged(start(), { userId: 'bob', status: 'online', lastSeenAt: null });
    const announced = conversation({
      id: 14,
      type: 'group',
      participants: [
        { userId: 'alice', displayName: 'ALICE', online: false, lastSeenAt: null },
        { userId: 'bob', displayName: 'BOB', online: false, lastSeenAt: null },
        { userId: 'carol', displayName: 'CAROL', online: true, lastSeenAt: null } // the creator
      ]
    });
    s = r.conversationUpdated(s, announced, { announced: true });
    const others = r.selectOthers(s, s.conversations[14]);
    expect(others.find((p) => p.userId === 'bob')?.online).toBe(true); // not turned offline
    expect(others.find((p) => p.userId === 'carol')).toMatchObject({ name: 'CAROL', online: false, lastSeenAt: null }); // not shown online for good
    expect(s.presence.carol).toBeUndefined();
  });
});

describe('leaving', () => {
  const adHoc = () =>
    conversation({
      id: 14,
      type: 'group',
      title: 'Plans',
      participants: ['alice', 'bob', 'carol'].map((userId) => ({ userId, displayName: userId.toUpperCase(), online: true, lastSeenAt: null }))
    });
  /** alice in 12 (direct with bob) and 14 (Plans, with bob and carol), 14 shown, carol typing there */
  function withPlans() {
    let s = r.conversationsLoaded(r.initialState('alice'), [conversation(), adHoc()]);
    s = r.groupKnown(s, { id: 3, conversationId: 14, name: 'Plans', description: null, inviteCode: 'code', memberCount: 3, createdBy: 'bob', createdAt: 'now' });
    s = r.typingChanged(s, { conversationId: 14, userId: 'carol', typing: true });
    s = r.messagesReceived(s, 14, [message(1, 'carol', { conversationId: 14 })]);
    return r.conversationSelected(s, 14);
  }

  it('takes a member who left out of the participants, the member count and the typing line', () => {
    const s = r.memberLeft(withPlans(), { conversationId: 14, userId: 'carol' });
    expect(s.conversations[14].participants.map((p) => p.userId)).toEqual(['alice', 'bob']);
    expect(s.groups[14].memberCount).toBe(2);
    expect(r.selectTypingNames(s, 14)).toEqual([]);
    expect(r.selectConversationList(s).find((c) => c.id === 14)?.memberCount).toBe(2);
    expect(s.selected).toBe(14);
    expect(r.memberLeft(s, { conversationId: 14, userId: 'carol' })).toBe(s); // once
  });

  it('removes the whole conversation when the user left elsewhere, clears the selection and leaves a notice', () => {
    let s = r.outboxChanged(withPlans(), [pending('u-1', { conversationId: 14 }), pending('u-2', { conversationId: 12 })]);
    s = r.memberLeft(s, { conversationId: 14, userId: 'alice' });
    expect(Object.keys(s.conversations)).toEqual(['12']);
    expect(s.messages[14]).toBeUndefined();
    expect(s.typing[14]).toBeUndefined();
    expect(s.groups[14]).toBeUndefined();
    expect(s.selected).toBeNull();
    expect(s.notices).toEqual([{ conversationId: 14, title: 'Plans', unsent: 1, reason: 'left' }]);
    expect(r.conversationLeft(s, { conversationId: 14, elsewhere: true })).toBe(s); // the client's `left` after it
    expect(r.noticeDismissed(s, 14).notices).toEqual([]);
  });

  it('leaves no notice when the user left here, and keeps another selection', () => {
    let s = r.conversationSelected(withPlans(), 12);
    s = r.conversationLeft(s, { conversationId: 14, elsewhere: false });
    expect(Object.keys(s.conversations)).toEqual(['12']);
    expect(s.selected).toBe(12);
    expect(s.notices).toEqual([]);
  });
});

describe('blocked users', () => {
  it('are loaded, added when blocked (named if known), removed when unblocked', () => {
    let s = start();
    expect(s.blockedLoaded).toBe(false);
    s = r.blockedUsersLoaded(s, [{ userId: 'mallory', displayName: null, blockedAt: '2025-01-01T00:00:00Z' }]);
    expect(s.blockedLoaded).toBe(true);
    s = r.userBlocked(s, { userId: 'bob', blockedAt: '2025-01-02T00:00:00Z' });
    expect(r.userBlocked(s, { userId: 'bob', blockedAt: 'later' })).toBe(s);
    expect(r.selectBlockedUsers(s)).toEqual([
      { userId: 'mallory', name: null, blockedAt: '2025-01-01T00:00:00Z' },
      { userId: 'bob', name: 'BOB', blockedAt: '2025-01-02T00:00:00Z' }
    ]);
    expect(r.isBlocked(s, 'bob')).toBe(true);
    s = r.userUnblocked(s, 'bob');
    expect(r.isBlocked(s, 'bob')).toBe(false);
    expect(r.selectBlockedUsers(s).map((u) => u.userId)).toEqual(['mallory']);
  });
});

describe('selection', () => {
  it('is the conversation shown, or null', () => {
    const s = r.conversationSelected(start(), 12);
    expect(s.selected).toBe(12);
    expect(r.conversationSelected(s, 12)).toBe(s);
    expect(r.conversationSelected(s, null).selected).toBeNull();
    expect(r.initialState('alice', 12).selected).toBe(12);
  });
});
