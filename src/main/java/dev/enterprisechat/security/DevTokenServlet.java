package dev.enterprisechat.security;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST api/dev/token} with {@code {"userId":"alice","name":"Alice"}}: a token for that user, in development
 * mode only (see {@link DevMode}); 404 otherwise, as if the endpoint did not exist.
 */
@WebServlet(urlPatterns = "/api/dev/token")
public class DevTokenServlet extends HttpServlet {

    static final int MAX_BODY_CHARS = 4096;

    @Inject
    TokenVerifier verifier;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DevMode> devMode = verifier.devMode();
        if (devMode.isEmpty()) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, error("development mode is off"));
            return;
        }
        if (!devMode.get().allowsRemote() && !fromThisMachine(request)) {
            answer(response, HttpServletResponse.SC_FORBIDDEN, error("development tokens are handed out only to "
                    + "clients on the server's own machine; set chat.dev.allow-remote=true to allow others"));
            return;
        }
        String userId;
        String name;
        try {
            JsonObject body = read(request);
            userId = text(body, "userId");
            name = text(body, "name");
        } catch (JsonException | IllegalArgumentException | ClassCastException e) {
            answer(response, HttpServletResponse.SC_BAD_REQUEST, error("the body must be a JSON object with "
                    + "string fields, such as {\"userId\":\"alice\",\"name\":\"Alice\"}"));
            return;
        }
        if (userId == null || userId.isBlank() || userId.length() > 255) {
            answer(response, HttpServletResponse.SC_BAD_REQUEST, error("userId must be 1 to 255 characters"));
            return;
        }
        if (name != null && name.length() > 255) {
            answer(response, HttpServletResponse.SC_BAD_REQUEST, error("name must be at most 255 characters"));
            return;
        }
        DevMode.IssuedToken issued = devMode.get().issue(userId, name);
        answer(response, HttpServletResponse.SC_OK, Json.createObjectBuilder()
                .add("token", issued.token()).add("expiresAt", issued.expiresAt().toString()).build());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (verifier.devMode().isEmpty()) {
            answer(response, HttpServletResponse.SC_NOT_FOUND, error("development mode is off"));
            return;
        }
        response.setHeader("Allow", "POST");
        answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, error("use POST"));
    }

    /** A loopback peer; the address is a literal, so no name is looked up. */
    static boolean fromThisMachine(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException | RuntimeException unreadable) {
            return false;
        }
    }

    private static JsonObject read(HttpServletRequest request) throws IOException {
        char[] buffer = new char[MAX_BODY_CHARS + 1];
        int length = 0;
        try (Reader reader = request.getReader()) {
            int n;
            while (length < buffer.length && (n = reader.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
        }
        if (length > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("body too large");
        }
        try (JsonReader json = Json.createReader(new StringReader(new String(buffer, 0, length)))) {
            return json.readObject();
        }
    }

    private static String text(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new JsonException(name + " must be a string");
    }

    private static JsonObject error(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }

    private static void answer(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.toString());
    }
}
