package dev.enterprisechat.testsupport;

import jakarta.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Signs fresh users in and keeps their connections, so a test can close them all at once. */
public final class Users implements AutoCloseable {

    private final URI endpoint;
    private final List<ChatClient> clients = new ArrayList<>();

    public Users(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A new connection signed in as {@code userId} (a new user, or another device of one). */
    public ChatClient connect(String userId) {
        ChatClient client = ChatClient.signIn(endpoint, Tokens.forUser(userId).name(userId).sign());
        clients.add(client);
        return client;
    }

    /** A new connection signed in as {@code userId} with this display name. */
    public ChatClient connect(String userId, String displayName) {
        ChatClient client = ChatClient.signIn(endpoint, Tokens.forUser(userId).name(displayName).sign());
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(ChatClient::close);
    }

    /** The user ids of a conversation's participants. */
    public static List<String> participantIds(JsonObject conversation) {
        return conversation.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("userId")).collect(Collectors.toList());
    }
}
