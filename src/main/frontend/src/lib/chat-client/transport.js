/**
 * One WebSocket at a time: opens it, passes on what happens to it while it is the current one, and drops it at
 * once when asked (a socket on a dead network can take minutes to report its close). A socket that is not signed
 * in within `connectTimeoutMs` of its opening is dropped: a handshake that hangs must not hold the client.
 *
 * Whether a handshake completed (`opened`) goes with every close: a browser reports a refused handshake and a
 * server that is down alike (1006), and only this tells them from a connection that was up (see Connection).
 */
export class Transport {
  /** @type {WebSocket | null} */
  #ws = null;
  /** @type {ReturnType<typeof setTimeout> | 0} */
  #connectTimer = 0;
  #WebSocket;
  #url;
  #connectTimeoutMs;
  #closed;

  /**
   * @param {{
   *   WebSocket: typeof WebSocket,
   *   url: string | (() => string),
   *   connectTimeoutMs: number,
   *   closed: (code: number, reason: string, handshake: { opened: boolean, anonymous: boolean }, retryNow: boolean) => void
   * }} options url: read on every open; closed: the current socket closed or was dropped
   */
  constructor({ WebSocket, url, connectTimeoutMs, closed }) {
    this.#WebSocket = WebSocket;
    this.#url = url;
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#closed = closed;
  }

  /** @returns {WebSocket | null} the current socket, open or not */
  get socket() {
    return this.#ws;
  }

  /**
   * Opens a socket and makes it the current one.
   * @param {string[]} protocols
   * @param {{ anonymous: boolean, opened: () => void, frame: (data: unknown) => void }} events anonymous: whether it
   *   offers no token; opened: the handshake completed; frame: a message arrived
   * @throws what the WebSocket constructor throws (a malformed URL, a refused port)
   */
  open(protocols, { anonymous, opened, frame }) {
    const url = typeof this.#url === 'function' ? this.#url() : this.#url;
    const ws = new this.#WebSocket(url, protocols);
    this.#ws = ws;
    let open = false;
    this.#connectTimer = setTimeout(() => {
      if (ws === this.#ws) this.drop(4000, 'sign-in took too long', { opened: open, anonymous });
    }, this.#connectTimeoutMs);
    ws.onopen = () => {
      if (ws !== this.#ws) return;
      open = true;
      opened();
    };
    ws.onmessage = (event) => {
      if (ws === this.#ws) frame(event.data);
    };
    ws.onclose = (event) => {
      if (ws === this.#ws) this.#gone(event.code, event.reason ?? '', { opened: open, anonymous });
    };
    ws.onerror = () => {}; // a close event follows
  }

  /** The socket signed in: the sign-in window is over. */
  signedIn() {
    clearTimeout(this.#connectTimer);
  }

  /**
   * Detaches the current socket, closes it, and reports it closed at once.
   * @param {number} code
   * @param {string} reason
   * @param {{ retryNow?: boolean, opened?: boolean, anonymous?: boolean }} [options] opened: whether the handshake
   *   had completed (a handshake that hangs is dropped before); anonymous: whether it offered no token
   */
  drop(code, reason, { retryNow = false, opened = true, anonymous = false } = {}) {
    const ws = this.#ws;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason);
    } catch {
      // already closing
    }
    this.#gone(code, reason, { opened, anonymous }, retryNow);
  }

  /**
   * @param {number} code @param {string} reason @param {{ opened: boolean, anonymous: boolean }} handshake
   * @param {boolean} [retryNow]
   */
  #gone(code, reason, handshake, retryNow = false) {
    this.#ws = null;
    clearTimeout(this.#connectTimer);
    this.#closed(code, reason, handshake, retryNow);
  }
}
