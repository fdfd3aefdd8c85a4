/**
 * Messages: the ordered write path of every change to a conversation, and reading messages back in pages.
 * <p>
 * Decisions:
 * <ul>
 * <li>Every change to a conversation is a {@link dev.enterprisechat.messages.control.Command} (a send today; an
 * edit or a reaction is a new command, not a new path) and goes through a
 * {@link dev.enterprisechat.messages.control.MessageWriter}: a few writer threads, each owning the conversations of
 * its shard, each committing everything queued for it in one transaction (group commit) and then announcing and
 * answering from the same thread. One thread per conversation is what keeps a conversation's events in order on
 * every connection.</li>
 * <li>{@code seq} is per conversation, 1, 2, 3… It is taken from the conversation row, locked (in id order) for
 * the length of the batch's transaction, so seqs have no gaps or duplicates and commit in seq order.</li>
 * <li>A send with a {@code clientMessageId} is stored at most once per (conversation, sender, clientMessageId):
 * the lookup runs under the same lock and a unique constraint backs it. A retry gets the original message back
 * and announces nothing.</li>
 * <li>A batch the database refuses is stored again command by command, so a bad one fails alone.</li>
 * <li>The write path is plain JDBC on each writer's own kept connection: measured, Hibernate's per-entity work cost a
 * third of the CPU per message. On PostgreSQL a batch is three round trips whatever its size: its reads sent together
 * ({@code MessageSql}), its writes as one statement ({@code MessageWrites}), the commit. Pages stay on JPA named
 * queries and stop at half of the answer limit.</li>
 * <li>A send waits for nothing: {@link dev.enterprisechat.messages.boundary.Messages#send} returns a stage the
 * writer completes, so a connection's pipelined sends share a batch (the gateway keeps answers in order).</li>
 * <li>This component sits below conversations: who may read a conversation is asked through
 * {@link dev.enterprisechat.messages.control.Participation}, which conversations implements.</li>
 * </ul>
 */
package dev.enterprisechat.messages;
