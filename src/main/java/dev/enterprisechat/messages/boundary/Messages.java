package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.MessageWriter;
import dev.enterprisechat.messages.control.Participation;
import dev.enterprisechat.messages.control.SendAcknowledged;
import dev.enterprisechat.messages.control.SendCommand;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Sends messages through the writers, and pages through stored ones. A CDI bean, not an EJB: a send runs outside any
 * transaction and waits for nothing (the writer commits in its own and completes it), so it takes no container
 * interceptor and holds no thread on its way; pages are read in a transaction (joining the caller's, as
 * {@code sync}'s).
 */
@ApplicationScoped
public class Messages {

    @PersistenceContext
    EntityManager em;

    @Inject
    Participation participants;

    @Inject
    MessageWriter writer;

    @Inject
    Event<SendAcknowledged> acknowledged;

    @Inject
    WriterAnswers answers;

    @Inject
    @ConfigProperty(name = EnvelopeEncoder.ANSWER_MAX_BYTES, defaultValue = "1048576")
    long answerMaxBytes;

    /**
     * Stores a message (or finds the one stored before under the same client message id); the stage completes once
     * it is committed, and every other connection of every participant got {@code new_message}. Waits for nothing:
     * the writer commits in its own transaction and completes the stage (with UNAVAILABLE after
     * {@code chat.writer.timeout}).
     */
    public CompletionStage<MessageView> send(Caller sender, long conversationId, String content,
                                             String clientMessageId, Long replyToSeq) {
        long started = System.nanoTime();
        return answers.of(writer.submit(SendCommand.of(sender.userId(), sender.connectionId(), conversationId,
                        content, clientMessageId, replyToSeq)),
                "the message was not stored in time; send it again with the same clientMessageId")
                .thenApply(stored -> {
                    acknowledged.fire(new SendAcknowledged(Duration.ofNanos(System.nanoTime() - started)));
                    return stored;
                });
    }

    /**
     * A page of messages in ascending seq order. With no cursor: the newest page. {@code hasMore} says whether
     * more lie beyond the page in the direction of reading: older ones with {@code beforeSeq} or no cursor, newer
     * ones with {@code afterSeq}. A page also ends early, with {@code hasMore}, once its messages fill
     * {@link #pageBudget()} bytes, so that no answer outgrows {@code chat.limits.answer-max-bytes}.
     */
    @Transactional
    public Page page(String reader, long conversationId, Long beforeSeq, Long afterSeq, int limit) {
        return page(reader, conversationId, beforeSeq, afterSeq, limit, new PageBudget(pageBudget()));
    }

    /** A page that draws on a budget shared with other pages of the same answer ({@code sync}). */
    @Transactional
    public Page page(String reader, long conversationId, Long beforeSeq, Long afterSeq, int limit, PageBudget budget) {
        participants.require(conversationId, reader);
        boolean ascending = afterSeq != null;
        TypedQuery<Message> query;
        if (afterSeq != null && beforeSeq != null) {
            query = em.createNamedQuery(Message.BETWEEN, Message.class)
                    .setParameter("after", afterSeq).setParameter("before", beforeSeq);
        } else if (afterSeq != null) {
            query = em.createNamedQuery(Message.AFTER, Message.class).setParameter("after", afterSeq);
        } else if (beforeSeq != null) {
            query = em.createNamedQuery(Message.BEFORE, Message.class).setParameter("before", beforeSeq);
        } else {
            query = em.createNamedQuery(Message.NEWEST, Message.class);
        }
        List<Message> rows = query.setParameter("conversation", conversationId)
                .setMaxResults(limit + 1).getResultList();
        boolean hasMore = rows.size() > limit;
        List<MessageView> page = new ArrayList<>(Math.min(rows.size(), limit));
        for (Message message : rows.subList(0, Math.min(rows.size(), limit))) {
            MessageView view = MessageView.of(message);
            if (!budget.take(view.encodedSize(), page.isEmpty())) {
                hasMore = true;
                break;
            }
            page.add(view);
        }
        if (!ascending) {
            Collections.reverse(page);
        }
        return new Page(page, hasMore);
    }

    /**
     * The messages up to {@code upToSeq} changed after {@code afterRev} (edited, deleted, reacted to), ascending
     * {@code rev}, at most {@code limit}, drawing on the answer's budget; {@code hasMore}: more changes follow the page.
     */
    @Transactional
    public Page changes(String reader, long conversationId, long upToSeq, long afterRev, int limit,
                        PageBudget budget) {
        participants.require(conversationId, reader);
        List<Message> rows = em.createNamedQuery(Message.CHANGED, Message.class)
                .setParameter("conversation", conversationId).setParameter("upToSeq", upToSeq)
                .setParameter("afterRev", afterRev).setMaxResults(limit + 1).getResultList();
        boolean hasMore = rows.size() > limit;
        List<MessageView> page = new ArrayList<>(Math.min(rows.size(), limit));
        for (Message message : rows.subList(0, Math.min(rows.size(), limit))) {
            MessageView view = MessageView.of(message);
            if (!budget.take(view.encodedSize(), page.isEmpty())) {
                hasMore = true;
                break;
            }
            page.add(view);
        }
        return new Page(page, hasMore);
    }

    /** The bytes of messages one answer may carry: half the answer limit, the rest is room for everything else. */
    public long pageBudget() {
        return answerMaxBytes / 2;
    }

    /** What is left of an answer's bytes for messages. */
    public static final class PageBudget {
        private long left;

        public PageBudget(long bytes) {
            this.left = bytes;
        }

        /** Takes {@code bytes}; the first message of a page always fits, so that reading always advances. */
        boolean take(long bytes, boolean first) {
            if (bytes > left && !first) {
                return false;
            }
            left -= bytes;
            return true;
        }

        public boolean spent() {
            return left <= 0;
        }
    }

    /** The ack of {@code load_messages}. */
    public record Page(List<MessageView> messages, boolean hasMore) {
    }
}
