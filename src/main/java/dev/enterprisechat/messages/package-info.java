/**
 * Messages: storing them in order, and reading them back in pages.
 * <p>
 * Decisions:
 * <ul>
 * <li>{@code seq} is per conversation, 1, 2, 3… It is taken from the conversation row, locked for the length of the
 * sending transaction, so seqs have no gaps or duplicates and commit in seq order.</li>
 * <li>A send with a {@code clientMessageId} is stored at most once per (conversation, sender, clientMessageId): the
 * check runs under the same lock and a unique constraint backs it. A retry gets the original message back and
 * announces nothing.</li>
 * <li>The sender's connection gets the message in its ack; every other connection of every participant gets
 * {@code new_message}, after the commit.</li>
 * </ul>
 */
package dev.enterprisechat.messages;
