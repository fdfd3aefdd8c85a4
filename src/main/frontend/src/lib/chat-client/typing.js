/**
 * Throttles typing indicators: `typing_start` at most once per interval per conversation while the user types
 * (the server keeps a typing alive for 6 s and announces only changes), `typing_stop` only after a start.
 */
export class TypingThrottle {
  /** @type {Map<number, number>} conversation → when typing_start was last sent */
  #sent = new Map();
  #intervalMs;
  #send;

  /**
   * @param {(type: 'typing_start' | 'typing_stop', conversationId: number) => Promise<unknown>} send
   * @param {number} [intervalMs] default 3000
   */
  constructor(send, intervalMs = 3000) {
    this.#send = send;
    this.#intervalMs = intervalMs;
  }

  /** The user typed in a conversation. @param {number} conversationId */
  typing(conversationId) {
    const last = this.#sent.get(conversationId);
    const now = Date.now();
    if (last !== undefined && now - last < this.#intervalMs) return;
    this.#sent.set(conversationId, now);
    this.#send('typing_start', conversationId).catch(() => {
      if (this.#sent.get(conversationId) === now) this.#sent.delete(conversationId);
    });
  }

  /** The user sent, or left the input. @param {number} conversationId */
  stop(conversationId) {
    if (!this.#sent.delete(conversationId)) return;
    this.#send('typing_stop', conversationId).catch(() => {});
  }

  /**
   * Forgets a conversation without sending `typing_stop` (the user left it: the server ended the typing and would
   * refuse the request). @param {number} conversationId
   */
  forget(conversationId) {
    this.#sent.delete(conversationId);
  }

  /** Forgets every typing (the connection closed: the server ended them). */
  reset() {
    this.#sent.clear();
  }
}
