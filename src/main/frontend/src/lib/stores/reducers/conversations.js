/**
 * Conversations as the server shows them: the list, one conversation from an ack or an event, a joined room, a
 * group. Every reducer takes a state and returns a new one (never mutating its input).
 */

import { withRead } from './receipts.js';

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('../../chat-client/types.js').Conversation} Conversation */
/** @typedef {import('../../chat-client/types.js').Group} Group */

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
  // A group's conversation carries its group as the user sees it (invite code, description, invite limits).
  const groups = conversation.group ? { ...state.groups, [conversation.id]: conversation.group } : state.groups;
  return { ...state, names, presence, reads, groups, conversations: { ...state.conversations, [conversation.id]: merged } };
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
