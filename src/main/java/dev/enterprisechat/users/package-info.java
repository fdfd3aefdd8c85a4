/**
 * The people who use the chat, as their tokens describe them.
 * <p>
 * Decisions: a user row is created or refreshed on every successful sign-in (id = token {@code sub}, display name
 * from the token), so users known to the chat are exactly those who have signed in at least once. The upsert is an
 * UPDATE followed, only when nothing was updated, by an INSERT that ignores a concurrent insert: safe when one user
 * opens several connections at once, and portable to the embedded database.
 */
package dev.enterprisechat.users;
