/**
 * Reads claims from a JWT without verifying it. The client only needs `exp` (to refresh in time) and `sub`;
 * the server verifies the token.
 */

/**
 * @param {string} token
 * @returns {Record<string, unknown> | null} the payload, or null when the token is not a readable JWT
 */
export function decodeJwtPayload(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} token
 * @returns {number | null} the expiry in epoch milliseconds, or null when the token has no numeric `exp`
 */
export function tokenExpiresAt(token) {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

/**
 * @param {string} token
 * @returns {string | null} the `sub` claim (the user id), or null
 */
export function tokenSubject(token) {
  const sub = decodeJwtPayload(token)?.sub;
  return typeof sub === 'string' && sub.length > 0 ? sub : null;
}

/**
 * When to send a fresh token: 80 % into the time left, but at least `marginMs` before expiry, and never sooner
 * than half of the time left (so a short-lived token is not refreshed in a loop).
 * @param {number} expiresAt epoch ms
 * @param {number} now epoch ms
 * @param {{ marginMs?: number, fraction?: number }} [options]
 * @returns {number} the delay in ms from now (0 when already due)
 */
export function refreshDelay(expiresAt, now, { marginMs = 60000, fraction = 0.8 } = {}) {
  const left = expiresAt - now;
  if (left <= 0) return 0;
  const preferred = Math.min(left * fraction, left - marginMs);
  return Math.max(Math.floor(preferred), Math.floor(left / 2));
}
