package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.Participation;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.storage.ConfiguredDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full-text search over the messages of the conversations a user takes part in now, newest first. On PostgreSQL the
 * stored {@code tsvector} of each message ({@code simple} configuration: whole words, any language, no stop words)
 * and its GIN index; on the embedded H2, every word of the query as a case-insensitive substring. Deleted messages
 * have no text left, so they are never found. The cursor is the id of the last result (ids grow with time).
 */
@ApplicationScoped
public class MessageSearch {

    static final int MAX_WORDS = 10;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.content, "
            + "m.client_message_id, m.created_at, m.edited_at, m.deleted_at, m.reply_to_seq, m.reply_to_sender_id, "
            + "m.reply_excerpt, m.reactions, m.rev";

    @PersistenceContext
    EntityManager em;

    @Inject
    Participation participants;

    @Inject
    Messages messages;

    /** The ack of {@code search_messages}: {@code nextCursor} is passed back as {@code before} for the next page. */
    public record Results(List<MessageView> results, boolean hasMore, String nextCursor) {
    }

    @Transactional
    public Results search(String user, String text, Long conversationId, Long beforeId, int limit) {
        if (conversationId != null) {
            participants.require(conversationId, user);
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            // only punctuation (or symbols): nothing can match, and PostgreSQL would only warn about it
            return new Results(List.of(), false, null);
        }
        boolean postgres = ConfiguredDataSource.isPostgresql();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages m WHERE m.deleted_at IS NULL"
                + " AND m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm"
                + " WHERE cm.user_id = :user)");
        if (conversationId != null) {
            sql.append(" AND m.conversation_id = :conversation");
        }
        if (beforeId != null) {
            sql.append(" AND m.id < :before");
        }
        if (postgres) {
            sql.append(" AND m.search_vector @@ plainto_tsquery('simple', :text)");
        } else {
            for (int i = 0; i < words.size(); i++) {
                sql.append(" AND LOWER(m.content) LIKE :w").append(i);
            }
        }
        sql.append(" ORDER BY m.id DESC");
        Query query = em.createNativeQuery(sql.toString(), Message.class).setParameter("user", user)
                .setMaxResults(limit + 1);
        if (conversationId != null) {
            query.setParameter("conversation", conversationId);
        }
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        if (postgres) {
            query.setParameter("text", text);
        } else {
            for (int i = 0; i < words.size(); i++) {
                query.setParameter("w" + i, "%" + words.get(i).toLowerCase(Locale.ROOT) + "%");
            }
        }
        return page(query.getResultList(), limit);
    }

    private Results page(List<?> rows, int limit) {
        Messages.PageBudget budget = new Messages.PageBudget(messages.pageBudget());
        boolean hasMore = rows.size() > limit;
        List<MessageView> page = new ArrayList<>(Math.min(rows.size(), limit));
        for (Object row : rows.subList(0, Math.min(rows.size(), limit))) {
            MessageView view = MessageView.of((Message) row);
            if (!budget.take(view.encodedSize(), page.isEmpty())) {
                hasMore = true;
                break;
            }
            page.add(view);
        }
        String next = hasMore ? String.valueOf(page.get(page.size() - 1).id()) : null;
        return new Results(page, hasMore, next);
    }

    /** The query's words (letters and digits), at most {@value #MAX_WORDS}. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find() && words.size() < MAX_WORDS) {
            words.add(matcher.group());
        }
        return words;
    }
}
