package dev.enterprisechat.gateway;

import dev.enterprisechat.rooms.Broadcaster;
import dev.enterprisechat.rooms.ConnectionLimits;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.SlowConsumerClosed;
import dev.enterprisechat.scheduling.Timers;
import dev.enterprisechat.security.Identity;
import dev.enterprisechat.security.InvalidToken;
import dev.enterprisechat.security.KeysUnavailable;
import dev.enterprisechat.security.TokenVerifier;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.core.RequestContext;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a token offered on the handshake and puts the {@link Identity} into the connection's user properties
 * (a per-handshake copy). Holds no state: one instance serves every handshake. Created by Tyrus, not CDI, hence
 * the lookup of the verifier.
 */
public class TokenHandshake extends ServerEndpointConfig.Configurator {

    public static final String SUBPROTOCOL = "chat.v1";
    static final String IDENTITY = Identity.class.getName();
    static final String ADDRESS = TokenHandshake.class.getName() + ".address";
    static final String ADDRESS_HEADER = "chat.net.client-address-header";
    private static final String BEARER = "bearer.";
    private static final Logger LOG = System.getLogger(TokenHandshake.class.getName());

    /**
     * The beans a handshake uses, looked up once (a CDI lookup is a measurable part of a handshake), and the one
     * endpoint instance that serves every connection.
     */
    private record Beans(Shutdown shutdown, Broadcaster broadcaster, ConnectionLimits limits, TokenVerifier verifier,
                         String addressHeader, ChatEndpoint endpoint) {
        static Beans lookUp() {
            CDI<Object> cdi = CDI.current();
            ChatEndpoint endpoint = new ChatEndpoint(cdi.select(Dispatcher.class).get(),
                    cdi.select(SignIn.class).get(), cdi.select(ConnectionSettings.class).get(),
                    cdi.select(Rooms.class).get(),
                    cdi.getBeanManager().getEvent().select(SlowConsumerClosed.class), cdi.select(Timers.class).get());
            return new Beans(cdi.select(Shutdown.class).get(), cdi.select(Broadcaster.class).get(),
                    cdi.select(ConnectionLimits.class).get(), cdi.select(TokenVerifier.class).get(),
                    ConfigProvider.getConfig().getOptionalValue(ADDRESS_HEADER, String.class).orElse(""), endpoint);
        }
    }

    /** The one endpoint instance: every connection's state is in its session (see {@link ChatEndpoint}). */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != ChatEndpoint.class) {
            return super.getEndpointInstance(endpointClass);
        }
        return endpointClass.cast(beans().endpoint());
    }

    private volatile Beans beans;

    private Beans beans() {
        Beans looked = beans;
        if (looked == null) {
            looked = Beans.lookUp();
            beans = looked;
        }
        return looked;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Beans beans = beans();
        if (beans.shutdown().isDraining()) {
            throw refuse(503, "Service Unavailable");
        }
        if (!beans.broadcaster().receiving()) {
            // a client served now could miss events: let the load balancer or the client's backoff try again
            LOG.log(Level.DEBUG, "Handshake refused: not receiving the cluster's events");
            throw refuse(503, "Service Unavailable");
        }
        ConnectionLimits limits = beans.limits();
        String address = clientAddress(request, beans.addressHeader());
        config.getUserProperties().put(ADDRESS, address);
        String token = token(request);
        HandshakeCredentials.forget(request);
        if (token == null) {
            if (!limits.addressMayConnect(address)) {
                LOG.log(Level.DEBUG, "Handshake refused: too many anonymous connections from {0}", address);
                throw refuse(429, "Too Many Requests");
            }
            return;
        }
        try {
            Identity identity = beans.verifier().verify(token);
            if (!limits.userMayConnect(identity.userId())) {
                LOG.log(Level.DEBUG, "Handshake refused: {0}", limits.tooManyConnections());
                throw refuse(429, "Too Many Requests");
            }
            config.getUserProperties().put(IDENTITY, identity);
        } catch (InvalidToken invalid) {
            LOG.log(Level.DEBUG, "Handshake refused: {0}", invalid.getMessage());
            throw refuse(401, "Unauthorized");
        } catch (KeysUnavailable unavailable) {
            LOG.log(Level.WARNING, "Handshake refused, token keys unavailable: {0}",
                    unavailable.getCause().getMessage());
            throw refuse(503, "Service Unavailable");
        }
    }

    /**
     * Tyrus answers a {@link HandshakeException} with its status code (a plain RuntimeException would be a 500
     * with a stack trace in the log), but the exception is checked and this method's signature cannot declare it.
     */
    static RuntimeException refuse(int status, String reason) {
        return TokenHandshake.<RuntimeException>sneaky(new HandshakeException(status, reason));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }

    /** Selects {@code chat.v1} when offered; never an entry carrying a token. */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String offered : flatten(requested)) {
            if (SUBPROTOCOL.equalsIgnoreCase(offered)) {
                return SUBPROTOCOL;
            }
        }
        return "";
    }

    /**
     * The client's address: the last entry of {@code chat.net.client-address-header} when it is set (the entry the
     * operator's own proxy added; earlier ones can be forged by the client), else the peer of the TCP connection.
     */
    static String clientAddress(HandshakeRequest request, String header) {
        if (!header.isBlank()) {
            for (Map.Entry<String, List<String>> entry : request.getHeaders().entrySet()) {
                if (header.equalsIgnoreCase(entry.getKey()) && !flatten(entry.getValue()).isEmpty()) {
                    List<String> hops = flatten(entry.getValue());
                    return hops.get(hops.size() - 1);
                }
            }
        }
        return request instanceof RequestContext context && context.getRemoteAddr() != null
                ? context.getRemoteAddr() : "unknown";
    }

    static String token(HandshakeRequest request) {
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (HandshakeRequest.SEC_WEBSOCKET_PROTOCOL.equalsIgnoreCase(header.getKey())) {
                for (String offered : flatten(header.getValue())) {
                    if (offered.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                        return offered.substring(BEARER.length());
                    }
                }
            }
        }
        List<String> query = request.getParameterMap().get("access_token");
        return query == null || query.isEmpty() || query.get(0).isBlank() ? null : query.get(0);
    }

    /** Header values may arrive as one comma-separated entry or as several. */
    static List<String> flatten(List<String> values) {
        List<String> entries = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String entry : value.split(",")) {
                    if (!entry.isBlank()) {
                        entries.add(entry.trim());
                    }
                }
            }
        }
        return entries;
    }
}
