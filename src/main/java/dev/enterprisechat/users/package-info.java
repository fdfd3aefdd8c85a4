/**
 * The people who use the chat, as their tokens describe them.
 * <p>
 * Decisions: a user row is created or refreshed on every successful sign-in (id = token {@code sub}, display name
 * from the token), so users known to the chat are exactly those who have signed in at least once. The upsert is an
 * UPDATE followed, only when nothing was updated, by an INSERT that ignores a concurrent insert: safe when one user
 * opens several connections at once, and portable to the embedded database.
 * <p>
 * Blocks live here too: any id can be blocked (known or not, so that it reveals nothing); presence follows a block
 * through the {@code BlockChanged} event.
 */
package dev.enterprisechat.users;
