/**
 * Read positions, read receipts and unread counts.
 * <p>
 * Decisions:
 * <ul>
 * <li>A member's read position is the seq of the last message they have read, stored on their membership. It only
 * moves forward (a conditional UPDATE, so concurrent devices cannot move it back) and is clamped to the newest
 * message.</li>
 * <li>Sending a message moves the sender's position to it, in the same transaction, without a receipt event.</li>
 * <li>The unread count is computed, never stored: messages after the read position that others sent. It cannot
 * drift.</li>
 * </ul>
 */
package dev.enterprisechat.receipts;
