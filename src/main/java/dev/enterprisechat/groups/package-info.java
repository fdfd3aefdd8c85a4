/**
 * Groups: a named conversation that people join with an invite code.
 * <p>
 * Decisions:
 * <ul>
 * <li>A group owns exactly one conversation; being a member of the group is being a participant of it. The creator
 * is the owner.</li>
 * <li>Invite codes are 16 characters from a 64-symbol URL-safe alphabet drawn from {@link java.security.SecureRandom}
 * (96 bits): unguessable, and unique by constraint.</li>
 * <li>Joining twice is not an error: the second join answers like the first and announces nothing.</li>
 * </ul>
 */
package dev.enterprisechat.groups;
