package floor;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The floor of the stack: a bare {@code @ServerEndpoint} on the same Payara Micro, with no CDI, no JSON and no
 * database. It greets a connection as the chat server does (so that the load generator counts it as signed in) and
 * echoes every text frame (a request's id comes back with it, which is all the generator's {@code ping} waits for).
 * What the chat server costs above these figures is the chat server's; what this costs is Payara's and Tyrus'.
 */
@ServerEndpoint(value = "/api/websocket", subprotocols = "chat.v1")
public class FloorEndpoint {

    private static final String SIGNED_IN =
            "{\"type\":\"connection_status\",\"requestId\":null,\"payload\":{\"status\":\"authenticated\"}}";

    @OnOpen
    public void open(Session session) {
        session.getAsyncRemote().sendText(SIGNED_IN);
    }

    @OnMessage
    public void text(Session session, String text) {
        session.getAsyncRemote().sendText(text);
    }
}
