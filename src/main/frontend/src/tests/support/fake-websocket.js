/**
 * A WebSocket stand-in for unit tests: records what the client sends and lets the test play the server.
 */
export class FakeWebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;

  /** @type {FakeWebSocket[]} every socket created, oldest first */
  static instances = [];

  static reset() {
    FakeWebSocket.instances = [];
  }

  /** @returns {FakeWebSocket} the newest socket */
  static get last() {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
  }

  /** @param {string} url @param {string[]} protocols */
  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.readyState = FakeWebSocket.CONNECTING;
    /** @type {any[]} parsed frames the client sent */
    this.sent = [];
    /** @type {{ code: number, reason: string } | null} set when the client closed the socket */
    this.closedByClient = null;
    /** @type {((frame: any) => void) | null} plays the server: called with every frame the client sends */
    this.server = null;
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    FakeWebSocket.instances.push(this);
  }

  /** @param {string} text */
  send(text) {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('socket is not open');
    const frame = JSON.parse(text);
    this.sent.push(frame);
    if (this.server) queueMicrotask(() => this.server?.(frame));
  }

  /** @param {number} [code] @param {string} [reason] */
  close(code = 1000, reason = '') {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.closedByClient = { code, reason };
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  // ---- the server's side ----

  /** Completes the handshake. */
  open() {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.({});
  }

  /** Delivers a frame to the client. @param {any} frame */
  receive(frame) {
    if (this.readyState !== FakeWebSocket.OPEN) return;
    this.onmessage?.({ data: JSON.stringify({ requestId: null, timestamp: new Date().toISOString(), ...frame }) });
  }

  /** The server closes the connection. @param {number} code @param {string} [reason] */
  serverClose(code, reason = '') {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason });
  }

  /** The handshake fails (server down, or HTTP 401): the browser reports error, then 1006. */
  refuse() {
    this.readyState = FakeWebSocket.CLOSED;
    this.onerror?.({});
    this.onclose?.({ code: 1006, reason: '' });
  }

  /** @param {string} type @returns {any[]} the frames of one type the client sent */
  sentOf(type) {
    return this.sent.filter((f) => f.type === type);
  }
}
