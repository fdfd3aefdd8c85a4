import { ChatError, asError } from './errors.js';
import { refreshDelay, tokenExpiresAt } from './jwt.js';

/**
 * @typedef {{
 *   readonly authenticated: boolean,
 *   isCurrent: (session: number) => boolean,
 *   drop: (code: number, reason: string) => void
 * }} SignedConnection
 */

/**
 * The tokens of a connection (protocol.md §2): which token a connection offers and how, a token the server refused
 * (never offered again, §9), signing in with `auth` when the handshake could not carry the token (§2c), and sending
 * `auth` again before the token expires.
 */
export class SignIn {
  /** @type {string | null} the token of the current connection */
  #token = null;
  /** @type {string | null} a token the server refused: not offered again */
  #rejected = null;
  /** after a handshake that failed before opening, the next one signs in with an `auth` frame (see #handshake) */
  #byFrame = false;
  #signingInByFrame = false;
  /** @type {ReturnType<typeof setTimeout> | 0} */
  #refreshTimer = 0;
  #getToken;
  #request;
  #emit;
  #connection;
  #refreshOptions;

  /**
   * @param {{
   *   getToken: (context: { refresh: boolean }) => Promise<string | null | undefined>,
   *   request: (type: string, payload?: Record<string, unknown>) => Promise<any>,
   *   emit: (type: 'error', error: Error) => void,
   *   connection: SignedConnection,
   *   refresh?: { marginMs?: number, fraction?: number }
   * }} options
   */
  constructor({ getToken, request, emit, connection, refresh }) {
    this.#getToken = getToken;
    this.#request = request;
    this.#emit = emit;
    this.#connection = connection;
    this.#refreshOptions = refresh;
  }

  /** @returns {string | null} the token of the current connection */
  get token() {
    return this.#token;
  }

  /** The token a connection opened with. @param {string} token */
  set token(token) {
    this.#token = token;
  }

  /** @returns {Promise<string | null | undefined>} a token for a new connection (a fresh one after a refusal) */
  nextToken() {
    return this.#getToken({ refresh: this.#rejected !== null });
  }

  /** @param {string | null | undefined} token @returns {boolean} whether the token may be offered at all */
  usable(token) {
    return Boolean(token) && token !== this.#rejected;
  }

  /**
   * How the next connection offers its token: in the subprotocols (§2a), or, after a handshake that failed before
   * opening, not at all: it signs in with `auth` on the open connection (§2c), whose answer names a refused token.
   * @param {string} token
   * @returns {{ byFrame: boolean, protocols: string[] }}
   */
  handshake(token) {
    const byFrame = this.#byFrame;
    return { byFrame, protocols: byFrame ? ['chat.v1'] : ['chat.v1', `bearer.${token}`] };
  }

  /** A handshake failed before opening: a browser cannot tell why (see Connection#handshakeFailed). */
  handshakeFailed() {
    this.#byFrame = true;
  }

  /** The connection signed in: its token works. */
  accepted() {
    this.#byFrame = false;
    this.#rejected = null;
  }

  /** The user signed in again (`reconnect()`): a refused token may be tried once more. */
  forgetRefused() {
    this.#rejected = null;
  }

  /**
   * The connection closed. A 4401 close refused its token.
   * @param {number} code
   * @param {string} reason
   * @returns {boolean} whether the connection's token is refused: no connection may offer it again
   */
  refusedOnClose(code, reason) {
    if (code === 4401) {
      this.#rejected = this.#token;
      this.#emit('error', new ChatError('UNAUTHORIZED', reason || 'the server refused the token'));
    }
    return this.#rejected !== null && this.#rejected === this.#token;
  }

  /**
   * The connection opened without the handshake's token arriving (a proxy that drops the subprotocol header,
   * `connection_status unauthenticated`): sign in with `auth` on it instead.
   * @param {number} session
   */
  unauthenticated(session) {
    if (!this.#signingInByFrame && this.#token) void this.byFrame(this.#token, session);
  }

  /**
   * Signs in with `auth` on an anonymous connection. A refused token is replaced once by a fresh one from
   * `getToken({ refresh: true })` on the same connection (the sign-in window allows retries), which is how a
   * client recovers at once from a server that restarted with new keys.
   * @param {string} token
   * @param {number} session
   */
  async byFrame(token, session) {
    this.#signingInByFrame = true;
    try {
      await this.#authenticate(token, session);
    } finally {
      this.#signingInByFrame = false;
    }
  }

  /** @param {string} token @param {number} session */
  async #authenticate(token, session) {
    let current = token;
    for (let tries = 1; ; tries++) {
      try {
        await this.#request('auth', { token: current });
        return;
      } catch (error) {
        if (!this.#connection.isCurrent(session) || !(error instanceof ChatError)) return;
        if (error.code === 'RATE_LIMITED') {
          // The user holds as many connections as the server allows (or this client sent too much): an anonymous
          // connection would only be closed at the end of the sign-in window, so close it and come back later,
          // as after a 4429.
          this.#emit('error', error);
          this.#connection.drop(4429, error.message);
          return;
        }
        if (error.code !== 'UNAUTHORIZED') return;
        this.#rejected = current;
        this.#emit('error', error);
        const fresh = tries === 1 ? await this.#freshToken() : null;
        if (!this.#connection.isCurrent(session)) return;
        if (!fresh || fresh === current) {
          this.#connection.drop(1000, 'token refused');
          return;
        }
        current = this.#token = fresh;
      }
    }
  }

  /** @returns {Promise<string | null>} a token from `getToken({ refresh: true })`, or null when it failed */
  async #freshToken() {
    try {
      return (await this.#getToken({ refresh: true })) || null;
    } catch (error) {
      this.#emit('error', asError(error));
      return null;
    }
  }

  // ---- refresh before expiry -------------------------------------------------------------------------------

  /** Plans the next `auth`, well before the token's `exp`. @param {number} session */
  scheduleRefresh(session) {
    clearTimeout(this.#refreshTimer);
    const expiresAt = this.#token ? tokenExpiresAt(this.#token) : null;
    if (expiresAt === null) return;
    const delay = refreshDelay(expiresAt, Date.now(), this.#refreshOptions);
    this.#refreshTimer = setTimeout(() => void this.refresh(session), delay);
  }

  /** The connection closed: no refresh for it. */
  cancelRefresh() {
    clearTimeout(this.#refreshTimer);
  }

  /**
   * Sends `auth` with a fresh token on the open connection. When `getToken()` has nothing newer yet, tries
   * again later, before the current token expires.
   * @param {number} session
   * @param {boolean} [force] ask `getToken` for a newly issued token (false: the auth library already has one)
   */
  async refresh(session, force = true) {
    if (!this.#connection.isCurrent(session) || !this.#connection.authenticated) return;
    clearTimeout(this.#refreshTimer);
    let token;
    try {
      token = await this.#getToken({ refresh: force });
    } catch (error) {
      this.#refreshFailed(session, error);
      return;
    }
    if (!this.#connection.isCurrent(session)) return;
    if (!token || token === this.#token) {
      this.#retryRefresh(session);
      return;
    }
    try {
      await this.#request('auth', { token });
      if (!this.#connection.isCurrent(session)) return;
      this.#token = token;
      this.scheduleRefresh(session);
    } catch (error) {
      this.#refreshFailed(session, error);
    }
  }

  /** @param {number} session @param {unknown} error */
  #refreshFailed(session, error) {
    if (!this.#connection.isCurrent(session)) return;
    this.#emit('error', asError(error));
    this.#retryRefresh(session);
  }

  /** @param {number} session */
  #retryRefresh(session) {
    const expiresAt = this.#token ? tokenExpiresAt(this.#token) : null;
    if (expiresAt === null) return;
    const left = expiresAt - Date.now();
    const delay = Math.min(30000, Math.max(1000, left / 4));
    this.#refreshTimer = setTimeout(() => void this.refresh(session), delay);
  }
}
