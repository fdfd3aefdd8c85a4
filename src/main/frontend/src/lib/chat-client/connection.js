import { Backoff } from './backoff.js';
import { asError } from './errors.js';
import { Heartbeat } from './heartbeat.js';
import { SignIn } from './sign-in.js';
import { Transport } from './transport.js';

/** @typedef {import('./types.js').ConnectionState} ConnectionState */
/** @typedef {import('./types.js').ConnectionStatus} ConnectionStatus */

/** @typedef {import('./types.js').ChatClientOptions & { connectTimeoutMs: number, stableAfterMs: number }} ConnectionOptions */

/**
 * The socket's life (protocol.md §2, §9): attempts, each opening one socket ({@link Transport}) with a token
 * ({@link SignIn}); reconnecting with backoff after every close; the state listeners see (`status`). The browser's
 * hints bring an attempt forward or check a live socket ({@link Heartbeat}). It hands frames and closes to the client
 * and knows nothing of what they mean.
 *
 * Every socket has a generation (`session`): async work started for a socket stops when it no longer matches.
 */
export class Connection {
  #options;
  #transport;
  #backoff;
  #heartbeat;
  #signIn;
  #emit;
  #hooks;

  #session = 0;
  #authenticated = false;
  /** @type {{ retry: ReturnType<typeof setTimeout> | 0, stable: ReturnType<typeof setTimeout> | 0 }} */
  #timers = { retry: 0, stable: 0 };

  /** @type {ConnectionState} */
  #state = {
    status: 'offline',
    userId: null,
    connectionId: null,
    attempt: 0,
    nextAttemptAt: null,
    waitingForToken: false,
    stopped: true,
    online: true,
    unreachable: false,
    lastClose: null
  };

  /**
   * @param {{
   *   options: ConnectionOptions,
   *   request: (type: string, payload?: Record<string, unknown>, options?: { timeoutMs?: number }) => Promise<any>,
   *   emit: (type: 'status' | 'error' | 'disconnected', payload: any) => void,
   *   hooks: { started: () => void, frame: (data: unknown, session: number) => void, closed: (code: number) => void }
   * }} collaborators request: the client's requests; emit: its events; hooks.started: `connect()` started a stopped
   *   connection; hooks.frame: a frame arrived on the current socket; hooks.closed: the socket is gone (fail what
   *   waits on it)
   */
  constructor({ options, request, emit, hooks }) {
    this.#options = options;
    this.#emit = emit;
    this.#hooks = hooks;
    this.#transport = new Transport({
      WebSocket: options.WebSocket ?? globalThis.WebSocket,
      url: options.url,
      connectTimeoutMs: options.connectTimeoutMs,
      closed: (code, reason, handshake, retryNow) => this.#closed(code, reason, handshake, retryNow)
    });
    this.#backoff = new Backoff({ ...options.backoff, random: options.random });
    this.#signIn = new SignIn({ getToken: options.getToken, request, emit, connection: this, refresh: options.refresh });
    this.#heartbeat = new Heartbeat({ ...options, connection: this, request });
  }

  /** @returns {ConnectionState} a copy of the connection state */
  get state() {
    return { ...this.#state, lastClose: this.#state.lastClose && { ...this.#state.lastClose } };
  }

  /** The tokens: how connections sign in, and refresh before expiry. */
  get signIn() {
    return this.#signIn;
  }

  /** @returns {WebSocket | null} the current socket, open or not */
  get socket() {
    return this.#transport.socket;
  }

  /** @returns {string | null} the user the last connection signed in as */
  get userId() {
    return this.#state.userId;
  }

  /** @returns {ConnectionStatus} */
  get status() {
    return this.#state.status;
  }

  /** Whether `disconnect()` stopped it (or `connect()` never started it). */
  get stopped() {
    return this.#state.stopped;
  }

  /** Whether the browser believes it is online. */
  get online() {
    return this.#state.online;
  }

  /**
   * The browser's network flag changed. Going offline while waiting to reconnect turns the wait into a slow probe
   * (see #scheduleRetry); listeners see the flag either way.
   */
  set online(online) {
    this.#state.online = online;
    if (online || this.#transport.socket) return;
    if (this.#state.status === 'backoff') this.#scheduleRetry();
    else this.#setStatus(this.#state.status);
  }

  /** Whether the current socket is signed in. */
  get authenticated() {
    return this.#authenticated;
  }

  /** The current socket's generation. */
  get session() {
    return this.#session;
  }

  /** @param {number} session @returns {boolean} whether it is the current socket's generation */
  isCurrent(session) {
    return session === this.#session;
  }

  // ---- started and stopped by the user ---------------------------------------------------------------------

  /** Starts connecting, and keeps the connection up until {@link Connection#disconnect}. */
  connect() {
    if (!this.#state.stopped) return;
    this.#state.stopped = false;
    this.#heartbeat.start();
    this.#state.online = this.#heartbeat.online;
    this.#hooks.started();
    void this.#attempt();
  }

  /** Closes the connection (1000) and stops reconnecting. */
  disconnect() {
    this.#state.stopped = true;
    this.#heartbeat.stop();
    clearTimeout(this.#timers.retry);
    this.#session += 1;
    if (this.#transport.socket) this.drop(1000, 'client disconnect');
    else this.#setStatus('offline', { nextAttemptAt: null, waitingForToken: false });
  }

  /** Connects again now with a fresh token, forgetting a refused one; the backoff starts over. */
  reconnect() {
    this.#signIn.forgetRefused();
    this.#state.waitingForToken = false;
    this.#backoff.reset();
    if (this.#state.stopped) return this.connect();
    clearTimeout(this.#timers.retry);
    if (this.#transport.socket) this.drop(1000, 'reconnecting', { retryNow: true });
    else void this.#attempt();
  }

  /** Waiting to reconnect: try now (the network came back, the tab became visible). */
  retryNow() {
    if (this.#state.status === 'backoff' || this.#state.status === 'offline') void this.#attempt();
  }

  // ---- opening ---------------------------------------------------------------------------------------------

  async #attempt() {
    clearTimeout(this.#timers.retry);
    if (this.#state.stopped || this.#transport.socket) return;
    const session = ++this.#session;
    this.#setStatus('connecting', { nextAttemptAt: null });
    let token;
    try {
      token = await this.#signIn.nextToken();
    } catch (error) {
      if (session !== this.#session) return;
      this.#emit('error', asError(error));
      this.#scheduleRetry();
      return;
    }
    if (session !== this.#session || this.#state.stopped) return;
    if (!token || !this.#signIn.usable(token)) {
      this.#waitForToken();
      return;
    }
    this.#state.waitingForToken = false;
    this.#open(token, session);
  }

  /** @param {string} token @param {number} session */
  #open(token, session) {
    const { byFrame, protocols } = this.#signIn.handshake(token);
    try {
      this.#transport.open(protocols, {
        anonymous: byFrame,
        opened: () => {
          this.#setStatus('authenticating', { unreachable: false });
          if (byFrame) void this.#signIn.byFrame(token, session);
        },
        frame: (data) => this.#hooks.frame(data, session)
      });
    } catch (error) {
      this.#emit('error', asError(error));
      this.#scheduleRetry();
      return;
    }
    this.#signIn.token = token;
    this.#authenticated = false;
  }

  /**
   * `connection_status authenticated`: the socket signed in as this user.
   * @param {{ userId: string, connectionId: string }} identity
   */
  signedIn({ userId, connectionId }) {
    this.#transport.signedIn();
    this.#authenticated = true;
    this.#signIn.accepted();
    this.#state.userId = userId;
    this.#state.connectionId = connectionId;
  }

  /** Signed in, catching up (protocol.md §10). */
  catchingUp() {
    this.#setStatus('syncing');
  }

  /** Caught up: live. A connection that stays up for `stableAfterMs` starts the backoff over. */
  live() {
    this.#setStatus('live');
    this.#timers.stable = setTimeout(() => this.#backoff.reset(), this.#options.stableAfterMs);
  }

  // ---- closing and retrying --------------------------------------------------------------------------------

  /**
   * Drops the socket and handles it as closed at once (see Transport#drop).
   * @param {number} code
   * @param {string} reason
   * @param {{ retryNow?: boolean, opened?: boolean, anonymous?: boolean }} [options]
   */
  drop(code, reason, options) {
    this.#transport.drop(code, reason, options);
  }

  /**
   * @param {number} code
   * @param {string} reason
   * @param {{ opened: boolean, anonymous: boolean }} handshake whether it had completed; whether it offered no token
   * @param {boolean} [retryNow]
   */
  #closed(code, reason, { opened, anonymous }, retryNow = false) {
    this.#session += 1;
    this.#authenticated = false;
    clearTimeout(this.#timers.stable);
    this.#signIn.cancelRefresh();
    this.#hooks.closed(code);
    this.#state.connectionId = null;
    this.#state.lastClose = { code, reason };
    this.#emit('disconnected', { code, reason });
    if (this.#state.stopped) {
      this.#setStatus('offline', { nextAttemptAt: null });
      return;
    }
    if (this.#signIn.refusedOnClose(code, reason)) {
      // Not again with the same token (protocol.md §9): wait until getToken() yields another.
      this.#waitForToken();
      return;
    }
    if (retryNow) {
      void this.#attempt();
    } else if (!opened) {
      this.#handshakeFailed(anonymous);
    } else {
      // 4429: the server wants fewer connections or requests from this user; coming back within a second would
      // only be closed again, so the wait has a floor (slowMs). 1013 (the database is unavailable) and every other
      // close of an opened connection: the growing backoff.
      this.#scheduleRetry({ slow: code === 4429 });
    }
  }

  /**
   * A handshake failed before opening. A browser does not say why: a refused token (401), a server that is down,
   * and one that is starting (Payara answers 404, then 503, while the application deploys) all look like 1006.
   * The next attempt opens without a token and signs in with `auth`, whose answer names a refused token. When
   * that anonymous handshake fails too, nothing at the URL serves WebSockets yet: the client retries quickly
   * (`quickMs`), without growing the backoff, so it is back within about a second of the server being ready.
   * The backoff grows only when the server did answer: a connection that opened and closed, a refused token.
   * @param {boolean} anonymous whether the failed handshake offered no token
   */
  #handshakeFailed(anonymous) {
    this.#signIn.handshakeFailed();
    if (anonymous) this.#state.unreachable = true;
    this.#scheduleRetry({ quick: true });
  }

  #waitForToken() {
    this.#state.waitingForToken = true;
    this.#scheduleRetry();
  }

  /**
   * @param {{ quick?: boolean, slow?: boolean }} [options] quick: the server is not up (see #handshakeFailed);
   *   slow: the server said "too many" (see Backoff#slow)
   */
  #scheduleRetry({ quick = false, slow = false } = {}) {
    clearTimeout(this.#timers.retry);
    if (this.#state.stopped) return;
    // Offline (navigator.onLine false): no backoff race, only a slow probe in case the flag is wrong;
    // the `online` event brings the next attempt forward.
    let delay = this.#backoff.maxMs;
    if (this.#state.online) delay = slow ? this.#backoff.slow() : quick ? this.#backoff.quick() : this.#backoff.next();
    this.#timers.retry = setTimeout(() => void this.#attempt(), delay);
    this.#setStatus(this.#state.online ? 'backoff' : 'offline', {
      nextAttemptAt: Date.now() + delay,
      attempt: this.#backoff.attempt
    });
  }

  /**
   * @param {ConnectionStatus} status
   * @param {Partial<ConnectionState>} [changes]
   */
  #setStatus(status, changes = {}) {
    const nextAttemptAt = status === 'backoff' || status === 'offline' ? changes.nextAttemptAt ?? null : null;
    this.#state = {
      ...this.#state,
      ...changes,
      status: status === 'backoff' && !this.#state.online ? 'offline' : status,
      nextAttemptAt,
      attempt: changes.attempt ?? this.#backoff.attempt
    };
    this.#emit('status', this.state);
  }
}
