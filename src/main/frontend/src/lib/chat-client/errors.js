/**
 * Errors raised by the chat client. Every failure of a request is a {@link ChatError}; branch on `code`.
 * Server error codes are those of protocol.md §4; the client adds TIMEOUT, CONNECTION_LOST, NOT_CONNECTED,
 * OUTBOX_FULL and CONVERSATION_LEFT.
 */

/** A failed request or a refused action. */
export class ChatError extends Error {
  /**
   * @param {string} code machine-readable code, e.g. `FORBIDDEN`, `UNAVAILABLE`, `TIMEOUT`
   * @param {string} message English text for developers and logs
   * @param {{ retryable?: boolean, requestId?: string | null, type?: string | null }} [details]
   */
  constructor(code, message, { retryable = false, requestId = null, type = null } = {}) {
    super(message);
    this.name = 'ChatError';
    /** @type {string} */
    this.code = code;
    /** Whether sending the same request again later may succeed. */
    this.retryable = retryable;
    /** @type {string | null} the id of the request that failed, when there was one */
    this.requestId = requestId;
    /** @type {string | null} the request type that failed */
    this.type = type;
  }

  /**
   * Builds the error that a server `error` frame describes.
   * @param {{ code?: string, message?: string, retryable?: boolean }} payload
   * @param {string | null} requestId
   * @param {string | null} [type]
   */
  static fromFrame(payload, requestId, type = null) {
    const code = typeof payload?.code === 'string' ? payload.code : 'INTERNAL';
    const message = typeof payload?.message === 'string' ? payload.message : 'request failed';
    return new ChatError(code, message, { retryable: payload?.retryable === true, requestId, type });
  }
}

/** No answer came within the request's timeout. The request may or may not have been processed. */
export class RequestTimeoutError extends ChatError {
  /** @param {string} requestId @param {string} type @param {number} timeoutMs */
  constructor(requestId, type, timeoutMs) {
    super('TIMEOUT', `no answer to ${type} within ${timeoutMs} ms`, { retryable: true, requestId, type });
    this.name = 'RequestTimeoutError';
  }
}

/** The connection closed before the answer came. The request may or may not have been processed. */
export class ConnectionLostError extends ChatError {
  /** @param {string | null} requestId @param {string | null} type @param {number} [closeCode] */
  constructor(requestId, type, closeCode) {
    const why = closeCode === undefined ? '' : ` (close code ${closeCode})`;
    super('CONNECTION_LOST', `the connection closed before the answer came${why}`, {
      retryable: true,
      requestId,
      type
    });
    this.name = 'ConnectionLostError';
    /** @type {number | undefined} */
    this.closeCode = closeCode;
  }
}

/** A request was made while no connection was open. */
export class NotConnectedError extends ChatError {
  /** @param {string} type */
  constructor(type) {
    super('NOT_CONNECTED', `not connected: ${type} needs an open connection`, { retryable: true, type });
    this.name = 'NotConnectedError';
  }
}

/** The outbox holds as many unsent messages as it may; nothing was queued. */
export class OutboxFullError extends ChatError {
  /** @param {number} maxEntries */
  constructor(maxEntries) {
    super('OUTBOX_FULL', `too many unsent messages (${maxEntries}): wait until the connection is back`, {
      retryable: true,
      type: 'send_message'
    });
    this.name = 'OutboxFullError';
  }
}

/**
 * A message to a conversation the user is no longer in (they left it, here or on another device): the server
 * would refuse it, so it is not sent, and not retried.
 */
export class ConversationLeftError extends ChatError {
  /** @param {number} conversationId */
  constructor(conversationId) {
    super('CONVERSATION_LEFT', `no longer a participant of conversation ${conversationId}: the message was not sent`, {
      type: 'send_message'
    });
    this.name = 'ConversationLeftError';
    this.conversationId = conversationId;
  }
}

/**
 * What the client emits as `error` for anything thrown at it (a `getToken` may reject with a string).
 * @param {unknown} error
 * @returns {Error}
 */
export function asError(error) {
  return error instanceof Error ? error : new Error(String(error));
}
