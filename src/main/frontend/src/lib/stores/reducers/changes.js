/**
 * The message lifecycle as the views show it: the user's changes still in the outbox (edits, deletions, reactions
 * made offline or on their way) shown as if made, what a reply quotes, and which reaction a click adds or removes.
 */

/** @typedef {import('./state.js').ChatState} ChatState */
/** @typedef {import('./state.js').Quote} Quote */
/** @typedef {import('../../chat-client/types.js').Message} Message */
/** @typedef {import('../../chat-client/types.js').Reaction} Reaction */
/** @typedef {import('../../chat-client/types.js').OutboxEntry} OutboxEntry */

/**
 * A message as it will be once the user's changes waiting in the outbox are made (failed ones are left out: they
 * will not be). Edits show `editedAt` even before the server set it.
 * @param {Message} message @param {OutboxEntry[]} entries the changes to it, in the order made @param {string | null} me
 * @returns {Message}
 */
export function withChanges(message, entries, me) {
  let shown = message;
  for (const entry of entries) {
    if (entry.status !== 'pending' || shown.deletedAt) continue;
    if (entry.kind === 'edit') shown = { ...shown, content: entry.content, editedAt: shown.editedAt ?? new Date(entry.createdAt).toISOString() };
    else if (entry.kind === 'delete') shown = { ...shown, content: '', reactions: [], deletedAt: new Date(entry.createdAt).toISOString() };
    else if (entry.emoji && me) shown = { ...shown, reactions: reacted(shown.reactions ?? [], entry.emoji, me, entry.kind === 'add_reaction') };
  }
  return shown;
}

/**
 * Reactions after `userId` added (or removed) `emoji`: order kept (first use of each emoji), empty ones dropped.
 * @param {Reaction[]} reactions @param {string} emoji @param {string} userId @param {boolean} add
 * @returns {Reaction[]}
 */
export function reacted(reactions, emoji, userId, add) {
  const found = reactions.find((r) => r.emoji === emoji);
  if (add) {
    if (found?.userIds.includes(userId)) return reactions;
    return found
      ? reactions.map((r) => (r === found ? { emoji, userIds: [...r.userIds, userId] } : r))
      : [...reactions, { emoji, userIds: [userId] }];
  }
  if (!found?.userIds.includes(userId)) return reactions;
  return reactions
    .map((r) => (r === found ? { emoji, userIds: r.userIds.filter((u) => u !== userId) } : r))
    .filter((r) => r.userIds.length > 0);
}

/**
 * What a reply quotes. The replied-to message as held (with the user's pending changes) is fresher than the
 * excerpt the reply came with, which was cut when the reply was read.
 * @param {Map<number, Message>} held the conversation's messages by seq, as shown
 * @param {{ seq: number, senderId: string, excerpt: string } | null | undefined} replyTo
 * @returns {Quote | null}
 */
export function quoteOf(held, replyTo) {
  if (!replyTo) return null;
  const original = held.get(replyTo.seq);
  if (!original) return { ...replyTo, deleted: replyTo.excerpt === '' };
  const deleted = Boolean(original.deletedAt);
  return { seq: replyTo.seq, senderId: original.senderId, excerpt: deleted ? '' : [...original.content].slice(0, 100).join(''), deleted };
}

/**
 * Whether the user's reaction `emoji` is on message `seq` as shown (their pending changes included): a click on it
 * takes it back, else adds it.
 * @param {ChatState} state @param {number} conversationId @param {number} seq @param {string} emoji
 */
export function hasReacted(state, conversationId, seq, emoji) {
  const message = state.messages[conversationId]?.items.find((m) => m.seq === seq);
  if (!message || !state.me) return false;
  const shown = withChanges(message, changesOf(state, conversationId, seq), state.me);
  return (shown.reactions ?? []).some((r) => r.emoji === emoji && r.userIds.includes(/** @type {string} */ (state.me)));
}

/**
 * The user's changes to message `seq` still in the outbox, in the order made.
 * @param {ChatState} state @param {number} conversationId @param {number} seq @returns {OutboxEntry[]}
 */
export function changesOf(state, conversationId, seq) {
  return (state.changes ?? []).filter((e) => e.conversationId === conversationId && e.seq === seq);
}
