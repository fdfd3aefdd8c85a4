package dev.enterprisechat.gateway;

import jakarta.websocket.server.HandshakeRequest;
import org.glassfish.tyrus.core.RequestContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeCredentialsTest {

    private static final String TOKEN = "bearer.eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    /** Tyrus's handshake request as its engine leaves it: headers filled in, then locked. */
    private static RequestContext tyrusRequest() {
        RequestContext request = RequestContext.Builder.create().requestURI(URI.create("/api/websocket")).build();
        request.getHeaders().put("Host", List.of("127.0.0.1:8080"));
        request.getHeaders().put("Upgrade", List.of("websocket"));
        request.getHeaders().put("Sec-WebSocket-Protocol", List.of("chat.v1, " + TOKEN));
        request.getHeaders().put("authorization", List.of("Bearer secret"));
        request.getHeaders().put("Cookie", List.of("session=secret"));
        request.lock();
        return request;
    }

    @Test
    void tyrusKeepsNoCredentialOfTheHandshake() {
        RequestContext request = tyrusRequest();
        assertThat(TokenHandshake.token(request)).isEqualTo(TOKEN.substring("bearer.".length()));

        HandshakeCredentials.forget(request);

        assertThat(request.getHeaders()).containsOnlyKeys("Host", "Upgrade");
        assertThat(request.getHeader("sec-websocket-protocol")).isNull();
        assertThat(request.getHeaders().get("host")).as("still looked up without regard to case")
                .containsExactly("127.0.0.1:8080");
        assertThat(request.getHeader("Upgrade")).isEqualTo("websocket");
        assertThat(TokenHandshake.token(request)).isNull();
        assertThatThrownBy(() -> request.getHeaders().put("Cookie", List.of("x")))
                .as("as unmodifiable as Tyrus left it").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anotherImplementationsRequestIsLeftAsItIs() {
        Map<String, List<String>> headers = Map.of(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, List.of(TOKEN));
        HandshakeRequest other = (HandshakeRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HandshakeRequest.class},
                (proxy, method, args) -> method.getName().equals("getHeaders") ? headers : null);

        HandshakeCredentials.forget(other);

        assertThat(other.getHeaders()).isSameAs(headers);
    }
}
