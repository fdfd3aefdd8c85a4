/**
 * Messages: storing them exactly once and in order, announcing them in order, paging and catching up.
 * <p>
 * Decisions:
 * <ul>
 * <li>Every send goes through a {@link dev.enterprisechat.messages.control.MessageWriter}: a few writer threads,
 * each owning the conversations of its shard, each committing everything queued for it in one transaction (group
 * commit) and then announcing and acknowledging from the same thread. One thread per conversation is what keeps a
 * conversation's {@code new_message} events in seq order on every connection.</li>
 * <li>{@code seq} is per conversation, 1, 2, 3… It is taken from the conversation row, locked (in id order) for
 * the length of the batch's transaction, so seqs have no gaps or duplicates and commit in seq order.</li>
 * <li>A send with a {@code clientMessageId} is stored at most once per (conversation, sender, clientMessageId):
 * the lookup runs under the same lock and a unique constraint backs it. A retry gets the original message back
 * and announces nothing.</li>
 * <li>The send path is plain JDBC ({@code MessageSql}): measured, Hibernate's per-entity work cost a third of the
 * CPU per message. Reads (pages, sync) stay on JPA named queries.</li>
 * <li>{@code sync} reads from the database: no time window, no event buffer.</li>
 * </ul>
 */
package dev.enterprisechat.messages;
