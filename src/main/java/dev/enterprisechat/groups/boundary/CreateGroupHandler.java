package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code create_group {name, description?}} → {@code {group}}. */
@ApplicationScoped
public class CreateGroupHandler implements Handler {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    @Inject
    Groups groups;

    @Override
    public String type() {
        return "create_group";
    }

    @Override
    public Object handle(Request request) {
        String name = Fields.text(Fields.requiredString(request.payload(), "name").strip(), "name", MAX_NAME);
        String description = Fields.optionalString(request.payload(), "description");
        if (description != null && Fields.length(description) > MAX_DESCRIPTION) {
            throw ChatException.badRequest("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return Map.of("group", groups.create(request.caller(), name, description));
    }
}
