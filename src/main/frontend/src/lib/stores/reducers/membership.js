/**
 * Who takes part: members joining and leaving, the user leaving a conversation (here or elsewhere) and the notice
 * that tells them, and the users the user blocked.
 */

import { conversationTitle } from './selectors.js';

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('../../chat-client/types.js').BlockedUser} BlockedUser */

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
