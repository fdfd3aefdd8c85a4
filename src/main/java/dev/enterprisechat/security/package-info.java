/**
 * Identity: verifying tokens and the signed-in user they prove ({@link dev.enterprisechat.security.Identity}), and
 * development mode's own tokens. No connection lifecycle (that is the gateway's).
 * <p>
 * Decisions:
 * <ul>
 * <li>Only asymmetric algorithms verify (RS, PS, ES); the MicroProfile JWT settings configure issuer, audiences,
 * keys, clock skew and token age, read from any config source.</li>
 * <li>A {@code sub} that could not be stored or sent back (NUL, a lone surrogate) refuses the token; a display name
 * with such characters is cleaned instead.</li>
 * <li>Development mode makes a key at every start and hands tokens to clients on the server's own machine only,
 * unless {@code chat.dev.allow-remote}.</li>
 * </ul>
 */
package dev.enterprisechat.security;
