/**
 * Messages of each conversation, merged by seq without doubles from every source (live, ack, sync, page), and the
 * user's messages still in the outbox.
 */

import { EMPTY_LIST } from './state.js';
import { withRead } from './receipts.js';

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('../../chat-client/types.js').Message} Message */
/** @typedef {import('../../chat-client/types.js').OutboxEntry} OutboxEntry */

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
    // A newer copy of the last message (edited, deleted, reacted to): the preview follows it.
    if (lastMessage && m.seq === lastMessage.seq && isNewer(m, lastMessage)) lastMessage = m;
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

/**
 * The outbox changed: messages still to send go to `pending`, changes to stored messages (edits, deletions,
 * reactions) still to send to `changes`.
 * @param {ChatState} state @param {OutboxEntry[]} entries @returns {ChatState}
 */
export function outboxChanged(state, entries) {
  const isSend = (/** @type {OutboxEntry} */ e) => (e.kind ?? 'send') === 'send';
  return { ...state, pending: entries.filter(isSend), changes: entries.filter((e) => !isSend(e)) };
}

/**
 * Whether `incoming` is a newer copy of the message `held` (same seq): the one with the higher `rev` wins
 * (protocol.md, sync); copies without a rev (an older server) never replace one.
 * @param {Message} incoming @param {Message} held
 */
export function isNewer(incoming, held) {
  return (incoming.rev ?? 0) > (held.rev ?? 0);
}

/**
 * Merges messages by seq: one copy per seq, the one with the higher `rev` (an edit, deletion or reaction arriving
 * live, in an ack or in `sync`'s `changed` replaces the copy held; an older copy — a page read before the change —
 * does not).
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
  let changed = false;
  for (const m of fresh) {
    const held = bySeq.get(m.seq);
    if (held && !isNewer(m, held)) continue;
    bySeq.set(m.seq, m);
    changed = true;
  }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : items;
}
