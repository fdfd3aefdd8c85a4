/**
 * Groups: a named conversation that people join with an invite code, run by its owner and admins.
 * <p>
 * Decisions:
 * <ul>
 * <li>A group owns exactly one conversation; being a member of the group is being a participant of it, and the role
 * ({@code owner}, {@code admin}, {@code member}) is the membership's. The creator is the owner; there is always
 * exactly one while anyone is in the group: an owner who leaves hands it to the earliest-joined admin, else the
 * earliest-joined member, and whoever joins an empty group owns it.</li>
 * <li>Who may: the owner everything (roles only the owner, and never their own: they hand the group over instead);
 * admins add members, remove plain members, change settings, rotate the code; members leave. {@code GroupAccess}
 * makes the checks in one order for every request (group exists: NOT_FOUND; caller in it: FORBIDDEN; role:
 * FORBIDDEN) and takes the conversation's row lock first, which orders the change with the sends and with other
 * changes — the send path itself is unchanged and checks nothing more.</li>
 * <li>Leaving and removal are not built here: {@code leave_group} is {@code exit_conversation} by group id and
 * {@code remove_member} goes through the same {@code Conversations.end}, so {@code member_left}, the rooms'
 * eviction on every instance and the end of typing happen one way.</li>
 * <li>Invite codes are 16 characters from a 64-symbol URL-safe alphabet drawn from {@link java.security.SecureRandom}
 * (96 bits): unguessable, and unique by constraint. A code can be rotated (the old one opens nothing at once), made
 * to expire and limited in uses; only a new membership uses it, counted by a conditional UPDATE so that the last
 * use goes to one joiner only. A code that opens nothing is answered like one that never existed, and counts as a
 * failed join.</li>
 * <li>Plain members see the code only while {@code membersCanInvite}: group objects are built per viewer, and
 * {@code group_updated} goes out in two versions (owners and admins, members).</li>
 * <li>Joining twice is not an error: the second join answers like the first, announces nothing, uses nothing.</li>
 * </ul>
 */
package dev.enterprisechat.groups;
