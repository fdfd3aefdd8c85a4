/**
 * Who is online, told only to those who share a conversation with them.
 * <p>
 * Decisions:
 * <ul>
 * <li>A user is online while at least one of their connections is signed in. Connections are counted per user, so
 * two devices never make presence flap: only the last one closing starts the way to offline.</li>
 * <li>Going offline waits a grace period (5 s by default): a page reload reconnects within it and nobody hears of
 * it. When the grace passes, {@code last_seen_at} is stored and {@code presence offline} is sent.</li>
 * <li>Presence events go to the connections of users who share at least one conversation with the user, found with
 * one query when the status changes; nobody else learns it.</li>
 * <li>The state is in memory, for this server's connections.</li>
 * </ul>
 */
package dev.enterprisechat.presence;
