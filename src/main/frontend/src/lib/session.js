/**
 * Sign-in for the reference UI: which user this tab is signed in as (kept in sessionStorage, so a reload keeps
 * it and closing the tab forgets it) and where tokens come from — the server's development endpoint, or a
 * pasted JWT. Dev mode stores no token at all: it asks the server for one when needed.
 */

import { tokenExpiresAt, tokenSubject } from './chat-client/jwt.js';

const KEY = 'chat.session';

/**
 * @typedef {{ mode: 'dev', userId: string, name: string }
 *   | { mode: 'jwt', userId: string, name: string, token: string }} Session
 */

/** @returns {Session | null} */
export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (session?.mode === 'dev' && typeof session.userId === 'string') return session;
    if (session?.mode === 'jwt' && typeof session.token === 'string') return session;
  } catch {
    // unreadable: signed out
  }
  return null;
}

/** @param {Session} session */
export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/**
 * An URL of the API, relative to the page: the app may be deployed under a context root.
 * @param {string} path e.g. `api/dev/token`
 */
export function apiUrl(path) {
  return new URL(path, document.baseURI);
}

/** The WebSocket endpoint next to the page: `api/websocket`, ws: for http:, wss: for https:. */
export function websocketUrl() {
  const url = apiUrl('api/websocket');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

/** Development sign-in is off on this server (the endpoint answered 404). */
export class DevSignInUnavailable extends Error {
  constructor() {
    super('development sign-in is off on this server');
    this.name = 'DevSignInUnavailable';
  }
}

/**
 * Asks the server's development endpoint for a token.
 * @param {string} userId
 * @param {string} name
 * @returns {Promise<{ token: string, expiresAt: string }>}
 * @throws {DevSignInUnavailable} when dev mode is off (404); Error with the server's reason otherwise
 */
export async function requestDevToken(userId, name) {
  const response = await fetch(apiUrl('api/dev/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, name: name || null }),
    cache: 'no-store'
  });
  if (response.status === 404) throw new DevSignInUnavailable();
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `the server answered ${response.status}`);
  return body;
}

/**
 * A `getToken` for dev mode: reuses a token for the first 40 % of its life (reconnects do not each cost a
 * request), asks the server for a new one after that or when told to refresh (the client's refresh comes later
 * than 40 %, so it always gets a new token). Concurrent calls share one request.
 * @param {string} userId
 * @param {string} name
 * @returns {(context?: { refresh?: boolean }) => Promise<string>}
 */
export function devTokenSource(userId, name) {
  /** @type {{ token: string, freshUntil: number } | null} */
  let cached = null;
  /** @type {Promise<string> | null} */
  let inFlight = null;
  return ({ refresh = false } = {}) => {
    if (!refresh && cached && Date.now() < cached.freshUntil) return Promise.resolve(cached.token);
    inFlight ??= requestDevToken(userId, name)
      .then(({ token, expiresAt }) => {
        const now = Date.now();
        const expires = Date.parse(expiresAt);
        cached = { token, freshUntil: now + Math.max(0, (expires - now) * 0.4) };
        return token;
      })
      .finally(() => (inFlight = null));
    return inFlight;
  };
}

/**
 * Checks a pasted JWT enough to sign in with it (the server verifies it).
 * @param {string} token
 * @returns {{ userId: string, expiresAt: number | null }}
 * @throws {Error} when it is not a JWT with a `sub`, or has expired
 */
export function inspectPastedToken(token) {
  const userId = tokenSubject(token);
  if (!userId) throw new Error('this is not a JWT with a sub claim');
  const expiresAt = tokenExpiresAt(token);
  if (expiresAt !== null && expiresAt <= Date.now()) throw new Error('this token has expired');
  return { userId, expiresAt };
}
