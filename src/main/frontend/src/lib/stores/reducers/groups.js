/**
 * Groups as their members see them: roles, a group's name, description and invite, pages of the conversation list,
 * and what the user's role lets them do. Reducers take a state and return a new one (never mutating their input).
 */

import { conversationUpdated } from './conversations.js';

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('../../chat-client/types.js').Conversation} Conversation */
/** @typedef {import('../../chat-client/types.js').Group} Group */
/** @typedef {import('../../chat-client/types.js').Role} Role */
/** @typedef {import('../../chat-client/types.js').MemberUpdated} MemberUpdated */

/**
 * A member as the members panel shows them.
 * @typedef {{ userId: string, name: string, role: Role | null, online: boolean, me: boolean }} Member
 *
 * What the user may do to one member (protocol.md: `remove_member`, `set_role`).
 * @typedef {{ remove: boolean, makeAdmin: boolean, removeAdmin: boolean, makeOwner: boolean }} MemberActions
 */

/** @type {Record<string, number>} the order of the members panel: the owner, the admins, the others */
const RANK = { owner: 0, admin: 1, member: 2 };

/**
 * `member_updated`: a participant's new role (also what the user's own `set_role` told, where after handing a group
 * over "you are an admin now" carries only `userId` and `role`). The role and the name are taken; presence is not:
 * it is as the recipient may see it, and `presence` events keep it (protocol.md `member_updated`).
 * @param {ChatState} state @param {MemberUpdated} event @returns {ChatState}
 */
export function memberUpdated(state, { conversationId, participant }) {
  const conversation = state.conversations[conversationId];
  if (!conversation || !participant?.userId) return state;
  const index = conversation.participants.findIndex((p) => p.userId === participant.userId);
  if (index < 0) return state;
  const participants = conversation.participants.slice();
  const known = participants[index];
  participants[index] = { ...known, role: participant.role ?? known.role, displayName: participant.displayName ?? known.displayName };
  const names = participant.displayName ? { ...state.names, [participant.userId]: participant.displayName } : state.names;
  return { ...state, names, conversations: { ...state.conversations, [conversationId]: { ...conversation, participants } } };
}

/**
 * `group_updated` (and the user's own `update_group`, `rotate_invite`): the group as the user may see it. A new
 * name renames its conversation at once; the invite code follows (null when the user may no longer see it).
 * @param {ChatState} state @param {Group} group @returns {ChatState}
 */
export function groupUpdated(state, group) {
  if (!group || typeof group.conversationId !== 'number') return state;
  const known = state.groups[group.conversationId];
  const merged = { ...known, ...group };
  const groups = { ...state.groups, [group.conversationId]: merged };
  const conversation = state.conversations[group.conversationId];
  if (!conversation) return { ...state, groups };
  const renamed = { ...conversation, title: merged.name, inviteCode: merged.inviteCode ?? null, group: merged };
  return { ...state, groups, conversations: { ...state.conversations, [group.conversationId]: renamed } };
}

/**
 * A page of the conversation list: its conversations join those known (a page is not the whole list, so none
 * goes because it is not on it).
 * @param {ChatState} state @param {{ conversations: Conversation[] }} page @returns {ChatState}
 */
export function conversationPageLoaded(state, { conversations }) {
  let next = state;
  for (const conversation of conversations) next = conversationUpdated(next, conversation);
  return next;
}

/**
 * The user's role in a conversation: `owner`, `admin` or `member` in a group's, null elsewhere (or not known).
 * @param {ChatState} state @param {number} conversationId @returns {Role | null}
 */
export function selectMyRole(state, conversationId) {
  const conversation = state.conversations[conversationId];
  return conversation?.participants.find((p) => p.userId === state.me)?.role ?? null;
}

/**
 * The members of a conversation for its members panel: the owner, the admins, then the others, each group in the
 * order they joined; the user is online (they are here).
 * @param {ChatState} state @param {number} conversationId @returns {Member[]}
 */
export function selectMembers(state, conversationId) {
  const conversation = state.conversations[conversationId];
  if (!conversation) return [];
  const rank = (/** @type {Role | null | undefined} */ role) => RANK[role ?? 'member'] ?? 2;
  return conversation.participants
    .map((p, order) => ({ p, order }))
    .sort((a, b) => rank(a.p.role) - rank(b.p.role) || a.order - b.order)
    .map(({ p }) => {
      const me = p.userId === state.me;
      const presence = state.presence[p.userId];
      return {
        userId: p.userId,
        name: state.names[p.userId] ?? p.displayName,
        role: p.role ?? null,
        online: me || (presence ? presence.online : (p.online ?? false)),
        me
      };
    });
}

/**
 * Whether a role may run the group: rename it, change its invite, add members.
 * @param {Role | null} role @returns {boolean}
 */
export function canManageGroup(role) {
  return role === 'owner' || role === 'admin';
}

/**
 * What a user with role `mine` may do to a member (never to themselves: leaving is its own action). The owner
 * removes anyone, promotes and demotes, and hands the group over; an admin removes plain members only.
 * @param {Role | null} mine @param {{ role: Role | null, me: boolean }} member @returns {MemberActions}
 */
export function memberActions(mine, member) {
  const owner = mine === 'owner' && !member.me;
  return {
    remove: owner || (mine === 'admin' && !member.me && member.role === 'member'),
    makeAdmin: owner && member.role === 'member',
    removeAdmin: owner && member.role === 'admin',
    makeOwner: owner
  };
}
