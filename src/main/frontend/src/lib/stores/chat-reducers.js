/**
 * The chat state and the pure functions that change and read it. Every reducer takes a state and returns a new
 * one (never mutating its input), so the Svelte stores stay thin and these rules are unit-tested alone.
 *
 * This module gathers them; each lives with its concern in `reducers/`: the state's shape and start (`state.js`),
 * conversations, membership and blocks, groups and roles, messages, read positions (`receipts.js`), presence and typing, and the
 * selectors the views read.
 *
 * @typedef {import('./reducers/state.js').ChatState} ChatState
 * @typedef {import('./reducers/state.js').LeftNotice} LeftNotice
 * @typedef {import('./reducers/state.js').MessageList} MessageList
 * @typedef {import('./reducers/state.js').MessageRow} MessageRow
 * @typedef {import('./reducers/state.js').Receipt} Receipt
 * @typedef {import('./reducers/groups.js').Member} Member
 * @typedef {import('./reducers/groups.js').MemberActions} MemberActions
 */

export { initialState, conversationSelected, signedIn, savedShown } from './reducers/state.js';
export { conversationsLoaded, conversationUpdated, conversationJoined, groupKnown } from './reducers/conversations.js';
export {
  memberJoined,
  memberLeft,
  conversationLeft,
  noticeDismissed,
  blockedUsersLoaded,
  userBlocked,
  userUnblocked
} from './reducers/membership.js';
export {
  memberUpdated,
  groupUpdated,
  conversationPageLoaded,
  selectMyRole,
  selectMembers,
  canManageGroup,
  memberActions
} from './reducers/groups.js';
export { messagesReceived, pageLoaded, conversationReset, outboxChanged, mergeBySeq, isNewer } from './reducers/messages.js';
export { withChanges, reacted, quoteOf, hasReacted, changesOf } from './reducers/changes.js';
export { syncApplied, readReceipt, markedRead } from './reducers/receipts.js';
export { typingChanged, presenceChanged, connectionLost } from './reducers/presence.js';
export {
  conversationTitle,
  selectOthers,
  selectConversationList,
  selectMessageRows,
  receiptOf,
  selectTypingNames,
  selectBlockedUsers,
  isBlocked,
  selectOnlineUsers
} from './reducers/selectors.js';
