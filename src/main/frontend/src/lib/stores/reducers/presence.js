/**
 * What is live and not stored: who is online, who is typing.
 */

/** @typedef {import('./state.js').ChatState} ChatState */

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
