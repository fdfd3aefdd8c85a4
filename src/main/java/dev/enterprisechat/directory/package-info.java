/**
 * The user directory: finding people by name ({@code search_users}) to start a direct conversation without knowing
 * their user id.
 * <p>
 * Decisions:
 * <ul>
 * <li>Who can be found is a deployment's choice, {@code chat.directory.scope}: {@code all} users the server has
 * seen (a company deployment, the default), or only those who {@code shared} a conversation with the caller. Any
 * other value counts as {@code shared}, the narrower one, so that a typo never widens the directory.</li>
 * <li>A match is a case-insensitive prefix of any word of the display name or of the user id, in SQL
 * ({@code LIKE}, wildcards escaped); no index serves it, which is fine for the thousands of users of a company and
 * bounded by the page size.</li>
 * <li>Presence in the results follows the presence rules: {@code online} and {@code lastSeenAt} only where the
 * caller may see them (a shared group, or a conversation both wrote in; never through a block), else offline and
 * null. Finding someone reveals their name, not their presence.</li>
 * <li>It depends on users (the table) and on conversations' {@code PresenceView} (presence); nothing depends on it.</li>
 * </ul>
 */
package dev.enterprisechat.directory;
