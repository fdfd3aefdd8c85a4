/**
 * Messages: the ordered write path of every change to a conversation, and reading messages back in pages.
 * <p>
 * Decisions:
 * <ul>
 * <li>Every change to a conversation is a {@link dev.enterprisechat.messages.control.Command} (a send, or a
 * {@link dev.enterprisechat.messages.control.Change} of a stored message: edit, delete, add or remove a reaction; one
 * command type each, not a new path) and goes through a
 * {@link dev.enterprisechat.messages.control.MessageWriter}: shards (one by default: its batches gather what two
 * would split, and on two cores persisted more), each owning the conversations of its shard, each committing
 * everything queued for it in one transaction (group commit) and then announcing and answering from the thread that
 * wrote the batch. With {@code chat.writer.pipeline=2} a shard has two writer threads on connections of their own:
 * once a batch holds its conversations' row locks, the other thread gathers and starts the next one (a database a
 * round trip away no longer idles the shard while a batch commits; one is the default, see the README). Batches are announced in the order they locked
 * ({@code control.CommitOrder}), which is each conversation's commit order: that is what keeps a conversation's
 * events in order on every connection.</li>
 * <li>{@code seq} is per conversation, 1, 2, 3… It is taken from the conversation row, locked (in id order) for
 * the length of the batch's transaction, so seqs have no gaps or duplicates and commit in seq order.</li>
 * <li>{@code rev} counts every change to a conversation (new messages included) the same way, from
 * {@code conversations.last_rev} under the same lock; a message keeps the rev of its latest change. It is what
 * {@code sync} catches changes up by, and what orders {@code message_updated} with {@code new_message}. A change
 * that changes nothing takes no rev and announces nothing: that is what makes a retried change harmless.</li>
 * <li>A batch reads the messages its changes name (and deleters' roles) with its lock, in the same round trip, only
 * when it has any: a batch of plain sends runs the queries it always ran. The changes are applied in memory in the
 * batch's order and each changed message is written once.</li>
 * <li>Deleting erases: content '' and reactions [] in the row, the search vector (a generated column) with it, and
 * the quotes of its replies. Reactions are a JSON column of the message, read and written whole under the lock,
 * since they are always shown with it; the quote of a reply is kept on the reply, so that reading needs no join.</li>
 * <li>Search: PostgreSQL full text ({@code simple} configuration, GIN index, migration 6.1 in Java because H2 has no
 * {@code tsvector}); H2 matches each word as a substring.</li>
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
