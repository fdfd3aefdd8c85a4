import { ChatError } from '$lib/chat-client/errors.js';

/**
 * A sentence for the user about a failed action.
 * @param {unknown} error
 * @param {Record<string, string>} [byCode] texts for specific codes
 */
export function describeError(error, byCode = {}) {
  if (error instanceof ChatError) {
    if (byCode[error.code]) return byCode[error.code];
    if (error.code === 'NOT_CONNECTED' || error.code === 'CONNECTION_LOST') return 'Not connected right now. Try again once the connection is back.';
    if (error.code === 'TIMEOUT') return 'The server did not answer in time. Try again.';
    return error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
  }
  return 'Something went wrong. Try again.';
}
