package dev.enterprisechat.directory.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code search_users {query, limit?}} → {@code {users}}: people by a prefix of a word of their name or id. */
@ApplicationScoped
public class SearchUsersHandler implements Handler {

    static final int MAX_QUERY = 100;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;

    @Inject
    Directory directory;

    @Override
    public String type() {
        return "search_users";
    }

    @Override
    public Object handle(Request request) {
        String query = Fields.text(Fields.requiredString(request.payload(), "query").strip(), "query", MAX_QUERY);
        int limit = Fields.limit(request.payload(), DEFAULT_LIMIT, MAX_LIMIT);
        return Map.of("users", directory.search(request.userId(), query, limit));
    }
}
