import { ChatError } from './errors.js';

/**
 * What the outbox holds: a message to send, or a change to a stored message (an edit, a deletion, a reaction added
 * or removed). Here are the checks made before one is queued (what the server would refuse is refused at once) and
 * the request each goes out as.
 *
 * @typedef {import('./types.js').OutboxEntry} OutboxEntry
 * @typedef {import('./types.js').ChangeRequest} ChangeRequest
 */

/** The request of each kind of change to a stored message. */
const CHANGE_TYPES = /** @type {Record<string, string>} */ ({
  edit: 'edit_message',
  delete: 'delete_message',
  add_reaction: 'add_reaction',
  remove_reaction: 'remove_reaction'
});

/**
 * The fields of a message to send, checked.
 * @param {number} conversationId @param {string} content @param {number | null} replyToSeq @param {number} maxChars
 * @returns {Partial<OutboxEntry>}
 * @throws {ChatError} BAD_REQUEST or PAYLOAD_TOO_LARGE
 */
export function messageEntry(conversationId, content, replyToSeq, maxChars) {
  checkConversation(conversationId, 'send_message');
  checkContent(content, maxChars, 'send_message');
  if (replyToSeq !== null) checkSeq(replyToSeq, 'send_message', 'replyToSeq');
  return { kind: 'send', conversationId, content, ...(replyToSeq !== null && { replyToSeq }) };
}

/**
 * The fields of a change to a stored message, checked.
 * @param {number} conversationId @param {ChangeRequest} change @param {number} maxChars
 * @returns {Partial<OutboxEntry>}
 * @throws {ChatError} BAD_REQUEST or PAYLOAD_TOO_LARGE
 */
export function changeEntry(conversationId, change, maxChars) {
  const type = CHANGE_TYPES[change?.kind];
  if (!type) throw new ChatError('BAD_REQUEST', `unknown change: ${change?.kind}`, { type: 'outbox' });
  checkConversation(conversationId, type);
  checkSeq(change.seq, type, 'seq');
  /** @type {Partial<OutboxEntry>} */
  const fields = { kind: change.kind, conversationId, seq: change.seq, content: '' };
  if (change.kind === 'edit') {
    checkContent(change.content, maxChars, type);
    fields.content = change.content;
  } else if (change.kind === 'add_reaction' || change.kind === 'remove_reaction') {
    const emoji = change.emoji;
    if (typeof emoji !== 'string' || emoji.trim() === '' || [...emoji].length > 32) {
      throw new ChatError('BAD_REQUEST', 'emoji must be 1 to 32 characters', { type });
    }
    fields.emoji = emoji;
  }
  return fields;
}

/** Whether an entry is a message to send (entries stored before changes existed have no kind: they are). @param {OutboxEntry} entry */
export function isSend(entry) {
  return (entry.kind ?? 'send') === 'send';
}

/**
 * The request an entry goes out as.
 * @param {OutboxEntry} entry
 * @returns {[string, Record<string, unknown>]}
 */
export function requestOf(entry) {
  const { conversationId, seq } = entry;
  if (isSend(entry)) {
    return ['send_message', {
      conversationId,
      content: entry.content,
      clientMessageId: entry.clientMessageId,
      ...(entry.replyToSeq && { replyToSeq: entry.replyToSeq })
    }];
  }
  const type = CHANGE_TYPES[/** @type {string} */ (entry.kind)];
  if (entry.kind === 'edit') return [type, { conversationId, seq, content: entry.content }];
  if (entry.kind === 'delete') return [type, { conversationId, seq }];
  return [type, { conversationId, seq, emoji: entry.emoji }];
}

/** @param {unknown} conversationId @param {string} type */
function checkConversation(conversationId, type) {
  if (!Number.isSafeInteger(conversationId) || /** @type {number} */ (conversationId) <= 0) {
    throw new ChatError('BAD_REQUEST', 'conversationId must be a positive integer', { type });
  }
}

/** @param {unknown} seq @param {string} type @param {string} name */
function checkSeq(seq, type, name) {
  if (!Number.isSafeInteger(seq) || /** @type {number} */ (seq) <= 0) {
    throw new ChatError('BAD_REQUEST', `${name} must be a positive integer`, { type });
  }
}

/** @param {unknown} content @param {number} maxChars @param {string} type */
function checkContent(content, maxChars, type) {
  if (typeof content !== 'string' || content.trim() === '') {
    throw new ChatError('BAD_REQUEST', 'content must not be blank', { type });
  }
  if ([...content].length > maxChars) {
    throw new ChatError('PAYLOAD_TOO_LARGE', `content must be at most ${maxChars} characters`, { type });
  }
}
