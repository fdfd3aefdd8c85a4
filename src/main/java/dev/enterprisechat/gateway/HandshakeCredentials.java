package dev.enterprisechat.gateway;

import jakarta.websocket.server.HandshakeRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tyrus keeps the handshake request of a WebSocket upgrade, its headers included, for the connection's whole life
 * (the upgrade handler holds it, and the connection holds the handler). With the bearer token offered in
 * {@code Sec-WebSocket-Protocol}, every open connection kept its token: about 600 bytes of heap each (found in a heap
 * dump of idle connections, docs/benchmarks.md), and a credential readable in any heap dump of the server.
 * <p>
 * Once the handshake has read the token ({@link TokenHandshake}, the last step of Tyrus's handshake), the headers
 * that carry credentials are taken out of Tyrus's copy; the others stay as they were, looked up without regard to
 * case. Another implementation's request is left as it is.
 */
final class HandshakeCredentials {

    private static final Logger LOG = System.getLogger(HandshakeCredentials.class.getName());
    private static final String TYRUS_REQUEST = "org.glassfish.tyrus.core.RequestContext";
    static final List<String> HEADERS = List.of(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, "Authorization", "Cookie");

    private static volatile Field headers;

    private HandshakeCredentials() {
    }

    /** Takes the credential headers out of what Tyrus keeps of the handshake. */
    static void forget(HandshakeRequest request) {
        if (!TYRUS_REQUEST.equals(request.getClass().getName())) {
            return;
        }
        try {
            Field field = headersField(request.getClass());
            @SuppressWarnings("unchecked")
            Map<String, List<String>> kept = (Map<String, List<String>>) field.get(request);
            if (kept.keySet().stream().noneMatch(HandshakeCredentials::isCredential)) {
                return;
            }
            Map<String, List<String>> rest = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            kept.forEach((name, values) -> {
                if (!isCredential(name)) {
                    rest.put(name, values);
                }
            });
            field.set(request, Collections.unmodifiableMap(rest));
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            LOG.log(Level.DEBUG, "A handshake's headers kept as they are: {0}", unexpected.toString());
        }
    }

    /** Whether the header carries credentials (compared without regard to case). */
    static boolean isCredential(String header) {
        return HEADERS.stream().anyMatch(header::equalsIgnoreCase);
    }

    private static Field headersField(Class<?> type) throws NoSuchFieldException {
        Field field = headers;
        if (field == null) {
            field = type.getDeclaredField("headers");
            if (field.getType() != Map.class) {
                throw new NoSuchFieldException("RequestContext.headers is not a Map");
            }
            field.setAccessible(true);
            headers = field;
        }
        return field;
    }
}
