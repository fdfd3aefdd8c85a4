/**
 * Read positions: everyone's (for the read ticks) and the user's own (for the unread counts), which only move
 * forward.
 */

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('../../chat-client/types.js').Conversation} Conversation */
/** @typedef {import('../../chat-client/types.js').Message} Message */
/** @typedef {import('../../chat-client/types.js').SyncEntry} SyncEntry */

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

/**
 * @param {Record<number, Record<string, number>>} reads @param {number} conversationId @param {string} userId
 * @param {number} seq @returns {Record<number, Record<string, number>>}
 */
export function withRead(reads, conversationId, userId, seq) {
  const positions = reads[conversationId] ?? {};
  if ((positions[userId] ?? 0) >= seq) return reads;
  return { ...reads, [conversationId]: { ...positions, [userId]: seq } };
}
