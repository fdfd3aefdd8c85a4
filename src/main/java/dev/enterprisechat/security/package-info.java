/**
 * Who is on the other end: JWT verification and sign-in.
 * <p>
 * Decisions:
 * <ul>
 * <li>Tokens from any issuer (Supabase Auth, Keycloak, Auth0…) are verified with nimbus-jose-jwt against the keys
 * named by the standard MicroProfile JWT settings ({@code mp.jwt.verify.*}). Payara's own MP-JWT is not used: it
 * reads only the Authorization header, which browsers cannot set on a WebSocket.</li>
 * <li>Only asymmetric algorithms (RS*, PS*, ES*) are accepted: {@code alg: none} and HS* never verify, so a public
 * key can never be abused as an HMAC secret.</li>
 * <li>The user id is {@code sub}; the display name is {@code name}, else {@code preferred_username}, else
 * {@code email}, else {@code sub}. Users are upserted on every successful sign-in.</li>
 * <li>A connection lives no longer than its token: it is closed with 4401 when the token expires unless the client
 * sent {@code auth} with a fresh token for the same user first.</li>
 * </ul>
 */
package dev.enterprisechat.security;
