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
 * {@code rotate_invite {groupId, expiresInSeconds?, maxUses?}} → {@code {group}} with a new invite code: the old
 * one, possibly leaked, opens nothing from now on.
 */
@ApplicationScoped
public class RotateInviteHandler implements Handler {

    static final long MAX_EXPIRY_SECONDS = 31_536_000;
    static final long MAX_USES = 1_000_000;

    @Inject
    GroupSettings settings;

    @Override
    public String type() {
        return "rotate_invite";
    }

    @Override
    public Object handle(Request request) {
        JsonObject payload = request.payload();
        long groupId = Fields.requiredId(payload, "groupId");
        Long expiresIn = bounded(payload, "expiresInSeconds", MAX_EXPIRY_SECONDS);
        Long maxUses = bounded(payload, "maxUses", MAX_USES);
        return Map.of("group", settings.rotateInvite(request.caller(), groupId, expiresIn,
                maxUses == null ? null : maxUses.intValue()));
    }

    private static Long bounded(JsonObject payload, String name, long max) {
        Long value = Fields.optionalLong(payload, name);
        if (value != null && (value < 1 || value > max)) {
            throw ChatException.badRequest(name + " must be between 1 and " + max);
        }
        return value;
    }
}
