/**
 * Conversations and who takes part in them.
 * <p>
 * Decisions:
 * <ul>
 * <li>A conversation is {@code direct} (exactly two users, no title) or {@code group} (a group's conversation, or an
 * ad-hoc one with a title or more than two users). A direct conversation exists at most once per pair of users,
 * enforced by a unique key over the pair, so A→B and B→A meet in the same one even when created at the same
 * instant.</li>
 * <li>Membership is a row per (conversation, user); it carries the role and, later, the read position.</li>
 * <li>A conversation that does not exist and one the user is not in are answered alike ({@code FORBIDDEN}), so ids
 * reveal nothing.</li>
 * <li>The list of a user's conversations is built with a fixed number of queries, whatever its length.</li>
 * </ul>
 */
package dev.enterprisechat.conversations;
