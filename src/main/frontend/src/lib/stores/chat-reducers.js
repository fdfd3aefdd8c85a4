/**
 * The chat state and the pure functions that change and read it. Every reducer takes a state and returns a new
 * one (never mutating its input), so the Svelte stores stay thin and these rules are unit-tested alone.
 *
 * @typedef {import('../chat-client/types.js').Message} Message
 * @typedef {import('../chat-client/types.js').Conversation} Conversation
 * @typedef {import('../chat-client/types.js').Group} Group
 * @typedef {import('../chat-client/types.js').OutboxEntry} OutboxEntry
 * @typedef {import('../chat-client/types.js').SyncEntry} SyncEntry
 * @typedef {import('../chat-client/types.js').BlockedUser} BlockedUser
 *
 * A conversation that disappeared because the user left it elsewhere (another device): what the UI tells them.
 * `unsent`: how many of their messages to it were still waiting (they are not sent); `reason`: the client's (`left`,
 * `not_a_participant`, or another the server may add).
 * @typedef {{ conversationId: number, title: string, unsent: number, reason: string }} LeftNotice
 *
 * Messages of one conversation: `items` ascending by seq without doubles; `hasOlder` is null until a page
 * told; `loaded` once the newest page was read.
 * @typedef {{ items: Message[], hasOlder: boolean | null, loaded: boolean }} MessageList
 *
 * @typedef {{
 *   me: string | null,
 *   conversations: Record<number, Conversation>,
 *   messages: Record<number, MessageList>,
 *   pending: OutboxEntry[],
 *   typing: Record<number, string[]>,
 *   presence: Record<string, { online: boolean, lastSeenAt: string | null }>,
 *   names: Record<string, string>,
 *   reads: Record<number, Record<string, number>>,
 *   groups: Record<number, Group>,
 *   selected: number | null,
 *   blocked: BlockedUser[],
 *   blockedLoaded: boolean,
 *   notices: LeftNotice[]
 * }} ChatState
 *
 * A row of the message view: a stored message (with its read state when it is the user's own) or a message
 * still in the outbox.
 * @typedef {{ kind: 'message', key: string, message: Message, mine: boolean, receipt: Receipt | null }
 *   | { kind: 'pending', key: string, entry: OutboxEntry, mine: true }} MessageRow
 *
 * @typedef {{ status: 'sent' | 'read-some' | 'read', readBy: string[], of: number }} Receipt
 */

/** @type {MessageList} */
const EMPTY_LIST = Object.freeze({ items: [], hasOlder: null, loaded: false });

/** @param {string | null} [me] @param {number | null} [selected] @returns {ChatState} */
export function initialState(me = null, selected = null) {
  return {
    me, conversations: {}, messages: {}, pending: [], typing: {}, presence: {}, names: {}, reads: {}, groups: {},
    selected, blocked: [], blockedLoaded: false, notices: []
  };
}

/** The conversation the user shows, or null. @param {ChatState} state @param {number | null} id @returns {ChatState} */
export function conversationSelected(state, id) {
  return state.selected === id ? state : { ...state, selected: id };
}

/** @param {ChatState} state @param {string} me @returns {ChatState} */
export function signedIn(state, me) {
  return state.me === me ? state : { ...state, me };
}

// ---- conversations -----------------------------------------------------------------------------------------

/**
 * The full list from `load_conversations`: replaces the conversations, their unread counts and presence.
 * @param {ChatState} state @param {Conversation[]} list @returns {ChatState}
 */
export function conversationsLoaded(state, list) {
  let next = { ...state, conversations: {} };
  for (const conversation of list) next = conversationUpdated(next, conversation);
  return next;
}

/**
 * One conversation from an ack or `conversation_created`. Its counters only move forward: a live message may
 * have been counted already.
 *
 * `announced`: the object came with `conversation_created`, where the participants' presence is the creator's view
 * (only the creator's own is shown), not the user's; taken as it is, it would show the creator online to someone who
 * may not see them, and no presence event would ever correct it. Such presence is not recorded, and the object's
 * own is cleared, so what the user may see (kept in `presence`) shows.
 * @param {ChatState} state @param {Conversation} conversation @param {{ announced?: boolean }} [options]
 * @returns {ChatState}
 */
export function conversationUpdated(state, conversation, { announced = false } = {}) {
  const known = state.conversations[conversation.id];
  const participants = announced
    ? (conversation.participants ?? []).map((p) => ({ ...p, online: false, lastSeenAt: null }))
    : conversation.participants;
  const merged =
    known && known.lastSeq > conversation.lastSeq
      ? { ...conversation, participants, lastSeq: known.lastSeq, lastMessage: known.lastMessage, unreadCount: known.unreadCount }
      : { ...conversation, participants };
  merged.lastReadSeq = Math.max(merged.lastReadSeq, known?.lastReadSeq ?? 0);
  const names = { ...state.names };
  const presence = { ...state.presence };
  for (const p of conversation.participants ?? []) {
    names[p.userId] = p.displayName;
    if (!announced) presence[p.userId] = { online: p.online, lastSeenAt: p.lastSeenAt };
  }
  const reads = state.me ? withRead(state.reads, conversation.id, state.me, merged.lastReadSeq) : state.reads;
  return { ...state, names, presence, reads, conversations: { ...state.conversations, [conversation.id]: merged } };
}

/**
 * The answer of `join_conversation`: the conversation, who is online and who is typing now.
 * @param {ChatState} state
 * @param {{ conversation: Conversation, online: string[], typing: string[] }} ack
 * @returns {ChatState}
 */
export function conversationJoined(state, { conversation, online, typing }) {
  const next = conversationUpdated(state, conversation);
  const presence = { ...next.presence };
  for (const userId of online) presence[userId] = { online: true, lastSeenAt: presence[userId]?.lastSeenAt ?? null };
  const typists = typing.filter((u) => u !== state.me);
  return { ...next, presence, typing: { ...next.typing, [conversation.id]: typists } };
}

/** @param {ChatState} state @param {Group} group @returns {ChatState} */
export function groupKnown(state, group) {
  return { ...state, groups: { ...state.groups, [group.conversationId]: group } };
}

/**
 * @param {ChatState} state
 * @param {{ conversationId: number, user: { userId: string, displayName: string } }} event
 * @returns {ChatState}
 */
export function memberJoined(state, { conversationId, user }) {
  const names = { ...state.names, [user.userId]: user.displayName };
  const conversation = state.conversations[conversationId];
  if (!conversation || conversation.participants.some((p) => p.userId === user.userId)) return { ...state, names };
  // The joiner sent join_group on a live connection: online now, whatever was known of them before. Recorded in
  // `presence`, which the list and the header both read, so neither waits for the next presence event.
  const presence = { ...state.presence, [user.userId]: { online: true, lastSeenAt: state.presence[user.userId]?.lastSeenAt ?? null } };
  const participant = { ...user, online: true, lastSeenAt: null };
  const updated = { ...conversation, participants: [...conversation.participants, participant] };
  const group = state.groups[conversationId];
  const groups = group ? { ...state.groups, [conversationId]: { ...group, memberCount: group.memberCount + 1 } } : state.groups;
  return { ...state, names, presence, groups, conversations: { ...state.conversations, [conversationId]: updated } };
}

/**
 * `member_left`: the user named is no longer a participant. When it is the signed-in user (another device left),
 * the whole conversation goes, as in {@link conversationLeft}.
 * @param {ChatState} state
 * @param {{ conversationId: number, userId: string, reason?: string }} event
 * @returns {ChatState}
 */
export function memberLeft(state, { conversationId, userId, reason = 'left' }) {
  if (userId === state.me) return conversationLeft(state, { conversationId, elsewhere: true, reason });
  const conversation = state.conversations[conversationId];
  if (!conversation || !conversation.participants.some((p) => p.userId === userId)) return state;
  const updated = { ...conversation, participants: conversation.participants.filter((p) => p.userId !== userId) };
  const group = state.groups[conversationId];
  const groups = group ? { ...state.groups, [conversationId]: { ...group, memberCount: Math.max(0, group.memberCount - 1) } } : state.groups;
  const typists = state.typing[conversationId];
  const typing = typists?.includes(userId) ? { ...state.typing, [conversationId]: typists.filter((u) => u !== userId) } : state.typing;
  return { ...state, groups, typing, conversations: { ...state.conversations, [conversationId]: updated } };
}

/**
 * The user is out of a conversation (left here, or elsewhere): it goes from the state whole, and from the
 * selection. Left elsewhere, the user did not see it happen here: a notice says so, with the number of their
 * messages to it that were still waiting (the client failed them: they will not be sent).
 * @param {ChatState} state
 * @param {{ conversationId: number, elsewhere: boolean, reason?: string }} left
 * @returns {ChatState}
 */
export function conversationLeft(state, { conversationId, elsewhere, reason = 'left' }) {
  const conversation = state.conversations[conversationId];
  if (!conversation) return state;
  const { [conversationId]: _c, ...conversations } = state.conversations;
  const { [conversationId]: _m, ...messages } = state.messages;
  const { [conversationId]: _t, ...typing } = state.typing;
  const { [conversationId]: _r, ...reads } = state.reads;
  const { [conversationId]: _g, ...groups } = state.groups;
  const notices = elsewhere
    ? [
        ...state.notices.filter((n) => n.conversationId !== conversationId),
        {
          conversationId,
          title: conversationTitle(state, conversation),
          unsent: state.pending.filter((e) => e.conversationId === conversationId).length,
          reason
        }
      ]
    : state.notices;
  const selected = state.selected === conversationId ? null : state.selected;
  return { ...state, conversations, messages, typing, reads, groups, notices, selected };
}

/** The user read a notice. @param {ChatState} state @param {number} conversationId @returns {ChatState} */
export function noticeDismissed(state, conversationId) {
  return { ...state, notices: state.notices.filter((n) => n.conversationId !== conversationId) };
}

// ---- blocked users -----------------------------------------------------------------------------------------

/** The list from `load_blocked_users`. @param {ChatState} state @param {BlockedUser[]} users @returns {ChatState} */
export function blockedUsersLoaded(state, users) {
  return { ...state, blocked: users.map((u) => ({ ...u })), blockedLoaded: true };
}

/**
 * The user blocked someone (the ack came). The newest block is the last, as the server orders them.
 * @param {ChatState} state @param {{ userId: string, blockedAt: string }} block @returns {ChatState}
 */
export function userBlocked(state, { userId, blockedAt }) {
  if (state.blocked.some((u) => u.userId === userId)) return state;
  const user = { userId, displayName: state.names[userId] ?? null, blockedAt };
  return { ...state, blocked: [...state.blocked, user] };
}

/** The user lifted a block (the ack came). @param {ChatState} state @param {string} userId @returns {ChatState} */
export function userUnblocked(state, userId) {
  return { ...state, blocked: state.blocked.filter((u) => u.userId !== userId) };
}

// ---- messages ----------------------------------------------------------------------------------------------

/**
 * Messages that arrived (live, in an ack, from sync or a page): merged by seq without doubles, and the
 * conversation's last message and unread count follow.
 * @param {ChatState} state @param {number} conversationId @param {Message[]} messages @returns {ChatState}
 */
export function messagesReceived(state, conversationId, messages) {
  if (messages.length === 0) return state;
  const list = state.messages[conversationId] ?? EMPTY_LIST;
  const items = mergeBySeq(list.items, messages);
  let next = { ...state, messages: { ...state.messages, [conversationId]: { ...list, items } } };
  const conversation = state.conversations[conversationId];
  if (!conversation) return next;
  let { lastSeq, lastMessage, unreadCount, lastReadSeq } = conversation;
  let reads = next.reads;
  for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
    if (m.seq <= lastSeq) continue;
    lastSeq = m.seq;
    lastMessage = m;
    if (m.senderId === state.me) {
      // Sending reads: the sender's position moves to their message.
      lastReadSeq = Math.max(lastReadSeq, m.seq);
      unreadCount = 0;
    } else if (m.seq > lastReadSeq) {
      unreadCount += 1;
    }
    reads = withRead(reads, conversationId, m.senderId, m.seq);
  }
  const updated = { ...conversation, lastSeq, lastMessage, unreadCount, lastReadSeq };
  return { ...next, reads, conversations: { ...next.conversations, [conversationId]: updated } };
}

/**
 * A page from `load_messages`: merged like any messages; `hasMore` tells whether older ones exist when the page
 * is now the oldest part of the list.
 * @param {ChatState} state @param {number} conversationId @param {Message[]} messages @param {boolean} hasMore
 * @returns {ChatState}
 */
export function pageLoaded(state, conversationId, messages, hasMore) {
  const next = messagesReceived(state, conversationId, messages);
  const list = next.messages[conversationId] ?? EMPTY_LIST;
  const oldestOfPage = messages[0]?.seq;
  const hasOlder = oldestOfPage === undefined || oldestOfPage <= (list.items[0]?.seq ?? Infinity) ? hasMore : list.hasOlder;
  return { ...next, messages: { ...next.messages, [conversationId]: { ...list, hasOlder, loaded: true } } };
}

/**
 * The conversation was too far behind to catch up: its messages are dropped and read again from the newest.
 * @param {ChatState} state @param {number} conversationId @returns {ChatState}
 */
export function conversationReset(state, conversationId) {
  return { ...state, messages: { ...state.messages, [conversationId]: EMPTY_LIST } };
}

/** @param {ChatState} state @param {OutboxEntry[]} entries @returns {ChatState} */
export function outboxChanged(state, entries) {
  return { ...state, pending: entries };
}

// ---- read positions ----------------------------------------------------------------------------------------

/**
 * A `sync` entry: everyone's read positions, and the user's own.
 * @param {ChatState} state @param {SyncEntry} entry @returns {ChatState}
 */
export function syncApplied(state, entry) {
  let reads = state.reads;
  for (const { userId, lastReadSeq } of entry.readPositions ?? []) reads = withRead(reads, entry.conversationId, userId, lastReadSeq);
  const next = { ...state, reads };
  return ownReadMoved(next, entry.conversationId, entry.lastReadSeq);
}

/**
 * A `read_receipt`: `userId` read up to `seq` (the user's own other device included).
 * @param {ChatState} state @param {{ conversationId: number, userId: string, seq: number }} receipt @returns {ChatState}
 */
export function readReceipt(state, { conversationId, userId, seq }) {
  const next = { ...state, reads: withRead(state.reads, conversationId, userId, seq) };
  return userId === state.me ? ownReadMoved(next, conversationId, seq) : next;
}

/**
 * The user marked a conversation read (before the ack: optimistic), or the ack came with the exact count.
 * @param {ChatState} state
 * @param {{ conversationId: number, lastReadSeq: number, unreadCount?: number }} read
 * @returns {ChatState}
 */
export function markedRead(state, { conversationId, lastReadSeq, unreadCount }) {
  const next = ownReadMoved(state, conversationId, lastReadSeq);
  const conversation = next.conversations[conversationId];
  if (!conversation || unreadCount === undefined || conversation.lastReadSeq !== lastReadSeq) return next;
  return { ...next, conversations: { ...next.conversations, [conversationId]: { ...conversation, unreadCount } } };
}

/** @param {ChatState} state @param {number} conversationId @param {number} seq @returns {ChatState} */
function ownReadMoved(state, conversationId, seq) {
  const reads = state.me ? withRead(state.reads, conversationId, state.me, seq) : state.reads;
  const conversation = state.conversations[conversationId];
  if (!conversation || seq <= conversation.lastReadSeq) return { ...state, reads };
  const items = state.messages[conversationId]?.items ?? [];
  const unreadCount = countUnread(items, conversation, seq, state.me);
  const updated = { ...conversation, lastReadSeq: seq, unreadCount };
  return { ...state, reads, conversations: { ...state.conversations, [conversationId]: updated } };
}

/**
 * Unread messages after a new read position: counted from the messages at hand when they cover the range,
 * else estimated from the previous count.
 * @param {Message[]} items @param {Conversation} conversation @param {number} readSeq @param {string | null} me
 */
function countUnread(items, conversation, readSeq, me) {
  if (readSeq >= conversation.lastSeq) return 0;
  const covered = items.length > 0 && items[0].seq <= readSeq + 1 && items[items.length - 1].seq >= conversation.lastSeq;
  if (covered) return items.filter((m) => m.seq > readSeq && m.senderId !== me).length;
  return Math.min(conversation.unreadCount, conversation.lastSeq - readSeq);
}

// ---- live state --------------------------------------------------------------------------------------------

/**
 * @param {ChatState} state @param {{ conversationId: number, userId: string, typing: boolean }} event
 * @returns {ChatState}
 */
export function typingChanged(state, { conversationId, userId, typing }) {
  if (userId === state.me) return state;
  const current = state.typing[conversationId] ?? [];
  const without = current.filter((u) => u !== userId);
  const list = typing ? [...without, userId] : without;
  return { ...state, typing: { ...state.typing, [conversationId]: list } };
}

/**
 * @param {ChatState} state @param {{ userId: string, status: string, lastSeenAt: string | null }} event
 * @returns {ChatState}
 */
export function presenceChanged(state, { userId, status, lastSeenAt }) {
  return { ...state, presence: { ...state.presence, [userId]: { online: status === 'online', lastSeenAt } } };
}

/**
 * The connection closed: typing indicators are stale (re-joining the rooms tells who types now).
 * @param {ChatState} state @returns {ChatState}
 */
export function connectionLost(state) {
  return { ...state, typing: {} };
}

// ---- selectors ---------------------------------------------------------------------------------------------

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
  /** @type {MessageRow[]} */
  const rows = items.map((message) => {
    const mine = message.senderId === state.me;
    return {
      kind: 'message',
      key: `m${message.id}`,
      message,
      mine,
      receipt: mine && conversation ? receiptOf(state, conversation, message.seq) : null
    };
  });
  for (const entry of state.pending) {
    if (entry.conversationId === conversationId && !stored.has(entry.clientMessageId)) {
      rows.push({ kind: 'pending', key: `p${entry.clientMessageId}`, entry, mine: true });
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

// ---- helpers -----------------------------------------------------------------------------------------------

/**
 * @param {Message[]} items ascending by seq, no doubles
 * @param {Message[]} incoming
 * @returns {Message[]}
 */
export function mergeBySeq(items, incoming) {
  const fresh = incoming.filter((m) => Number.isSafeInteger(m?.seq));
  if (fresh.length === 0) return items;
  const last = items[items.length - 1]?.seq ?? 0;
  // The common case: messages that follow the newest one.
  if (fresh.every((m, i) => m.seq > (i === 0 ? last : fresh[i - 1].seq))) return [...items, ...fresh];
  const bySeq = new Map(items.map((m) => [m.seq, m]));
  for (const m of fresh) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * @param {Record<number, Record<string, number>>} reads @param {number} conversationId @param {string} userId
 * @param {number} seq @returns {Record<number, Record<string, number>>}
 */
function withRead(reads, conversationId, userId, seq) {
  const positions = reads[conversationId] ?? {};
  if ((positions[userId] ?? 0) >= seq) return reads;
  return { ...reads, [conversationId]: { ...positions, [userId]: seq } };
}
