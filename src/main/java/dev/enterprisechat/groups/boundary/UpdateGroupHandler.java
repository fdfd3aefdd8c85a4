package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.util.Map;

/**
 * {@code update_group {groupId, name?, description?, membersCanInvite?}} → {@code {group}}; the same rules for
 * name and description as {@code create_group}; {@code description: null} clears it.
 */
@ApplicationScoped
public class UpdateGroupHandler implements Handler {

    @Inject
    GroupSettings settings;

    @Override
    public String type() {
        return "update_group";
    }

    @Override
    public Object handle(Request request) {
        JsonObject payload = request.payload();
        long groupId = Fields.requiredId(payload, "groupId");
        String name = Fields.optionalString(payload, "name");
        if (name != null) {
            name = Fields.text(name.strip(), "name", CreateGroupHandler.MAX_NAME);
        }
        String description = Fields.optionalString(payload, "description");
        if (description != null && Fields.length(description) > CreateGroupHandler.MAX_DESCRIPTION) {
            throw ChatException.badRequest("description must be at most " + CreateGroupHandler.MAX_DESCRIPTION
                    + " characters");
        }
        Boolean membersCanInvite = Fields.optionalBoolean(payload, "membersCanInvite");
        boolean describes = payload.containsKey("description");
        if (name == null && !describes && membersCanInvite == null) {
            throw ChatException.badRequest("update_group needs at least one of name, description, membersCanInvite");
        }
        return Map.of("group", settings.update(request.caller(), groupId,
                new GroupSettings.GroupChange(name, describes, description, membersCanInvite)));
    }
}
