/**
 * Conversations, who takes part in them, and catching a client up on all of them ({@code sync}).
 * <p>
 * Decisions:
 * <ul>
 * <li>A conversation is {@code direct} (exactly two users, no title) or {@code group} (a group's conversation, or an
 * ad-hoc one with a title or more than two users). A direct conversation exists at most once per pair of users,
 * enforced by a unique key over the pair, so A→B and B→A meet in the same one even when created at the same
 * instant.</li>
 * <li>{@code sync} catches up with two cursors per conversation: {@code afterSeq} for new messages and
 * {@code afterRev} for changes to the messages the client holds ({@code changed}, by the conversation's rev, which
 * the message writers take under the same lock as seq). Only the latest state of a message is kept, so there is no
 * change log to expire and no window after which a client must reload.</li>
 * <li>Membership is a row per (conversation, user): the role, the read position, and whether the user has written
 * there (presence between users outside groups needs both to have).</li>
 * <li>A conversation that does not exist and one the user is not in are answered alike ({@code FORBIDDEN}), so ids
 * reveal nothing; a user unknown and a user who blocked the creator are refused alike too.</li>
 * <li>Anyone put into a group or ad-hoc conversation can leave it ({@code exit_conversation}); the conversation's row
 * lock orders it with the sends, and the leaver's connections leave its room on every instance.</li>
 * <li>The list of a user's conversations is built with a fixed number of queries, whatever its length.</li>
 * <li>Presence and typing are other components' facts; views ask for them through
 * {@link dev.enterprisechat.conversations.control.PresenceView} and
 * {@link dev.enterprisechat.conversations.control.TypingView}, which those components implement.</li>
 * </ul>
 */
package dev.enterprisechat.conversations;
