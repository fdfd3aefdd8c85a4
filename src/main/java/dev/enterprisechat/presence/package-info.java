/**
 * Who is online, told only to those who may know it.
 * <p>
 * Decisions:
 * <ul>
 * <li>A user is online while at least one of their connections is signed in. Connections are counted per user, so
 * two devices never make presence flap: only the last one closing starts the way to offline.</li>
 * <li>Going offline waits a grace period (5 s by default): a page reload reconnects within it and nobody hears of
 * it. When the grace passes, {@code last_seen_at} is stored and {@code presence offline} is sent.</li>
 * <li>Two users see each other's presence when they share a group, or another conversation both have written in;
 * never when the one whose presence it is blocked the other. Found with one query when the status changes.</li>
 * <li>On one instance the state is in memory. In cluster mode it is in {@code presence_sessions} (a row per user
 * and instance, SQL in {@code PresenceSql}), so presence is cluster-wide; a dead instance's rows are let go when
 * the cluster reaps it.</li>
 * </ul>
 */
package dev.enterprisechat.presence;
