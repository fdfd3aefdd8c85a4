/**
 * What the views read: pure functions of the state, never changing it.
 */

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('../../chat-client/types.js').Conversation} Conversation */
/** @typedef {import('./state.js').MessageRow} MessageRow */
/** @typedef {import('./state.js').Receipt} Receipt */

import { changesOf, quoteOf, withChanges } from './changes.js';

/**
 * A conversation's display title: its title, else the other participants' names.
 * @param {ChatState} state @param {Conversation} conversation
 */
export function conversationTitle(state, conversation) {
  if (conversation.title) return conversation.title;
  const others = conversation.participants.filter((p) => p.userId !== state.me);
  if (others.length === 0) return 'Just you';
  return others.map((p) => state.names[p.userId] ?? p.displayName).join(', ');
}

/**
 * The other participants of a conversation with their names and presence. The one source of "who is online" for
 * the conversation list and the conversation header, so the two never disagree: `presence` (kept by presence,
 * member_joined and conversation events) wins over the participant object, which is as old as the conversation's
 * last load.
 * @param {ChatState} state @param {Conversation} conversation
 * @returns {{ userId: string, name: string, online: boolean, lastSeenAt: string | null }[]}
 */
export function selectOthers(state, conversation) {
  return conversation.participants
    .filter((p) => p.userId !== state.me)
    .map((p) => {
      const presence = state.presence[p.userId];
      return {
        userId: p.userId,
        name: state.names[p.userId] ?? p.displayName,
        // What `presence` says wins whole: offline with no lastSeenAt (a user who may not be seen, e.g. who
        // blocked this one) must not take the "last seen" of an older participant object.
        online: presence ? presence.online : (p.online ?? false),
        lastSeenAt: presence ? presence.lastSeenAt : (p.lastSeenAt ?? null)
      };
    });
}

/**
 * Who wrote a conversation's last message, as its preview names them: "You" for the user, the sender's name in a
 * group (where several people write), null in a direct conversation (the title already says who).
 * @param {ChatState} state @param {Conversation} conversation @returns {string | null}
 */
function lastSender(state, conversation) {
  const message = conversation.lastMessage;
  if (!message) return null;
  if (message.senderId === state.me) return 'You';
  if (conversation.type !== 'group') return null;
  const participant = conversation.participants.find((p) => p.userId === message.senderId);
  return state.names[message.senderId] ?? participant?.displayName ?? message.senderId;
}

/**
 * The conversation list, newest activity first, with what the sidebar shows.
 * @param {ChatState} state
 */
export function selectConversationList(state) {
  return Object.values(state.conversations)
    .map((c) => {
      const onlineOthers = selectOthers(state, c).filter((p) => p.online).length;
      return {
        id: c.id,
        type: c.type,
        title: conversationTitle(state, c),
        unreadCount: c.unreadCount,
        lastMessage: c.lastMessage,
        lastFromMe: c.lastMessage !== null && c.lastMessage.senderId === state.me,
        lastSender: lastSender(state, c),
        activity: c.lastMessage?.createdAt ?? c.createdAt,
        online: onlineOthers > 0,
        onlineCount: onlineOthers,
        memberCount: c.participants.length,
        pendingCount: state.pending.filter((e) => e.conversationId === c.id).length,
        typing: (state.typing[c.id] ?? []).length > 0
      };
    })
    .sort((a, b) => (a.activity < b.activity ? 1 : a.activity > b.activity ? -1 : b.id - a.id));
}

/**
 * The rows of a conversation's message view: stored messages by seq, then the user's messages still in the
 * outbox (unless the stored message with the same clientMessageId is already there: no doubles).
 * @param {ChatState} state @param {number} conversationId
 * @returns {MessageRow[]}
 */
export function selectMessageRows(state, conversationId) {
  const items = state.messages[conversationId]?.items ?? [];
  const conversation = state.conversations[conversationId];
  const stored = new Set(items.filter((m) => m.senderId === state.me && m.clientMessageId).map((m) => m.clientMessageId));
  // Each message as it will be once the user's changes still in the outbox are made.
  const shown = items.map((m) => {
    const changes = changesOf(state, conversationId, m.seq);
    return { message: changes.length ? withChanges(m, changes, state.me) : m, changes };
  });
  const held = new Map(shown.map(({ message }) => [message.seq, message]));
  /** @type {MessageRow[]} */
  const rows = shown.map(({ message, changes }) => {
    const mine = message.senderId === state.me;
    return {
      kind: 'message',
      key: `m${message.id}`,
      message,
      mine,
      receipt: mine && conversation ? receiptOf(state, conversation, message.seq) : null,
      changes,
      quote: quoteOf(held, message.replyTo)
    };
  });
  for (const entry of state.pending) {
    if (entry.conversationId === conversationId && !stored.has(entry.clientMessageId)) {
      const quote = entry.replyToSeq && held.has(entry.replyToSeq) ? quoteOf(held, { seq: entry.replyToSeq, senderId: '', excerpt: '' }) : null;
      rows.push({ kind: 'pending', key: `p${entry.clientMessageId}`, entry, mine: true, quote });
    }
  }
  return rows;
}

/**
 * Who of the other participants has read up to `seq`.
 * @param {ChatState} state @param {Conversation} conversation @param {number} seq @returns {Receipt}
 */
export function receiptOf(state, conversation, seq) {
  const positions = state.reads[conversation.id] ?? {};
  const others = conversation.participants.filter((p) => p.userId !== state.me);
  const readBy = others.filter((p) => (positions[p.userId] ?? 0) >= seq).map((p) => p.userId);
  const status = readBy.length === 0 ? 'sent' : readBy.length === others.length ? 'read' : 'read-some';
  return { status, readBy, of: others.length };
}

/**
 * The names of the users typing in a conversation, for "Alice is typing…".
 * @param {ChatState} state @param {number} conversationId @returns {string[]}
 */
export function selectTypingNames(state, conversationId) {
  return (state.typing[conversationId] ?? []).map((u) => state.names[u] ?? u);
}

/**
 * The blocked users, oldest block first, with the best name known (null: never seen sign in).
 * @param {ChatState} state @returns {{ userId: string, name: string | null, blockedAt: string }[]}
 */
export function selectBlockedUsers(state) {
  return state.blocked.map((u) => ({ userId: u.userId, name: u.displayName ?? state.names[u.userId] ?? null, blockedAt: u.blockedAt }));
}

/** @param {ChatState} state @param {string} userId @returns {boolean} whether the user blocked `userId` */
export function isBlocked(state, userId) {
  return state.blocked.some((u) => u.userId === userId);
}

/** @param {ChatState} state @returns {string[]} the users known to be online */
export function selectOnlineUsers(state) {
  return Object.entries(state.presence)
    .filter(([, p]) => p.online)
    .map(([userId]) => userId);
}
