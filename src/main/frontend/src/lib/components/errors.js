import { ChatError } from '$lib/chat-client/errors.js';

/**
 * Makes a text a sentence for the user: capitalised, ending with a period. The client's and the server's
 * messages are written for developers ("content must be at most 4000 characters"); the UI shows sentences.
 * @param {string} text
 */
export function sentence(text) {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * A sentence for the user about a failed action.
 * @param {unknown} error a ChatError, or the `{ code, message }` an outbox entry keeps (also across reloads)
 * @param {Record<string, string>} [byCode] texts for specific codes
 */
export function describeError(error, byCode = {}) {
  const failure = /** @type {{ code?: unknown, message?: unknown } | null} */ (
    error instanceof ChatError || (error && typeof error === 'object') ? error : null
  );
  const code = typeof failure?.code === 'string' ? failure.code : null;
  if (code && byCode[code]) return byCode[code];
  if (code === 'NOT_CONNECTED' || code === 'CONNECTION_LOST') return 'Not connected right now. Try again once the connection is back.';
  if (code === 'TIMEOUT') return 'The server did not answer in time. Try again.';
  if (code === 'CONVERSATION_LEFT') return 'You are no longer in this conversation.';
  if (code && typeof failure?.message === 'string' && failure.message.trim()) return sentence(failure.message);
  return 'Something went wrong. Try again.';
}
