import { ChatError, ConnectionLostError, NotConnectedError, RequestTimeoutError } from './errors.js';

const OPEN = 1;
/** Types the server serves before sign-in. */
const ANONYMOUS_TYPES = new Set(['auth', 'ping']);

/**
 * Sends requests on the connection and matches their answers (protocol.md §3): each request gets an id, waits
 * for its `ack` or `error`, and fails on a timeout or when the connection closes.
 */
export class Requests {
  #pending = new PendingRequests();
  #connection;
  #timeoutMs;
  #maxFrameBytes;

  /**
   * @param {{
   *   connection: { readonly socket: WebSocket | null, readonly authenticated: boolean },
   *   timeoutMs: number,
   *   maxFrameBytes: number
   * }} options connection: the socket requests go out on, and whether it is signed in; timeoutMs: the default
   *   wait for an answer; maxFrameBytes: larger requests are refused here (the server would close with 1009)
   */
  constructor({ connection, timeoutMs, maxFrameBytes }) {
    this.#connection = connection;
    this.#timeoutMs = timeoutMs;
    this.#maxFrameBytes = maxFrameBytes;
  }

  /**
   * Sends a request and resolves with its `ack` payload.
   * @param {string} type
   * @param {Record<string, unknown>} [payload]
   * @param {{ timeoutMs?: number }} [options]
   * @returns {Promise<any>}
   */
  send(type, payload = {}, { timeoutMs = this.#timeoutMs } = {}) {
    const ws = this.#connection.socket;
    if (!ws || ws.readyState !== OPEN || (!this.#connection.authenticated && !ANONYMOUS_TYPES.has(type))) {
      return Promise.reject(new NotConnectedError(type));
    }
    const requestId = this.#pending.nextId();
    const text = JSON.stringify({ type, payload, requestId });
    if (text.length * 3 > this.#maxFrameBytes && new TextEncoder().encode(text).length > this.#maxFrameBytes) {
      // The server would close the connection (1009) instead of answering.
      return Promise.reject(
        new ChatError('BAD_REQUEST', `frame is larger than ${this.#maxFrameBytes} bytes`, { requestId, type })
      );
    }
    const answer = this.#pending.track(requestId, type, timeoutMs);
    ws.send(text);
    return answer;
  }

  /**
   * Settles the request an `ack` or `error` frame answers.
   * @param {{ type: string, payload: any, requestId: string | null }} frame
   * @returns {boolean} whether a waiting request matched
   */
  settle(frame) {
    return this.#pending.settle(frame);
  }

  /** Fails every waiting request (the connection closed). @param {number} [closeCode] */
  failAll(closeCode) {
    this.#pending.failAll(closeCode);
  }
}

/**
 * Requests waiting for their answer, matched by `requestId`. The server answers every request exactly once
 * (`ack` or `error`); a request without an answer in time fails with {@link RequestTimeoutError}, and every
 * waiting request fails with {@link ConnectionLostError} when the connection closes.
 */
export class PendingRequests {
  /** @type {Map<string, { type: string, resolve: (payload: any) => void, reject: (error: Error) => void, timer: ReturnType<typeof setTimeout> }>} */
  #waiting = new Map();
  #prefix;
  #counter = 0;

  /** @param {string} [prefix] distinguishes this client's ids in server logs */
  constructor(prefix = Math.random().toString(36).slice(2, 8)) {
    this.#prefix = prefix;
  }

  /** A new id, unique for this client (well below the protocol's 64 characters). */
  nextId() {
    this.#counter += 1;
    return `${this.#prefix}-${this.#counter.toString(36)}`;
  }

  /**
   * Registers a request; the promise settles when its answer comes, it times out or the connection closes.
   * @param {string} requestId
   * @param {string} type
   * @param {number} timeoutMs
   * @returns {Promise<any>} the `ack` payload
   */
  track(requestId, type, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(requestId);
        reject(new RequestTimeoutError(requestId, type, timeoutMs));
      }, timeoutMs);
      this.#waiting.set(requestId, { type, resolve, reject, timer });
    });
  }

  /**
   * Settles the request an `ack` or `error` frame answers.
   * @param {{ type: string, payload: any, requestId: string | null }} frame
   * @returns {boolean} whether a waiting request matched
   */
  settle(frame) {
    const entry = frame.requestId === null ? undefined : this.#waiting.get(frame.requestId);
    if (!entry) return false;
    this.#waiting.delete(frame.requestId);
    clearTimeout(entry.timer);
    if (frame.type === 'ack') entry.resolve(frame.payload ?? {});
    else entry.reject(ChatError.fromFrame(frame.payload, frame.requestId, entry.type));
    return true;
  }

  /**
   * Fails every waiting request: the connection is gone, so no answer will come.
   * @param {number} [closeCode]
   */
  failAll(closeCode) {
    const entries = [...this.#waiting];
    this.#waiting.clear();
    for (const [requestId, entry] of entries) {
      clearTimeout(entry.timer);
      entry.reject(new ConnectionLostError(requestId, entry.type, closeCode));
    }
  }

  /** How many requests wait for an answer. */
  get size() {
    return this.#waiting.size;
  }
}
