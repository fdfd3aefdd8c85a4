package dev.enterprisechat.gateway;

import jakarta.websocket.server.HandshakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHandshakeTest {

    private static HandshakeRequest request(Map<String, List<String>> headers, Map<String, List<String>> parameters) {
        return (HandshakeRequest) Proxy.newProxyInstance(TokenHandshakeTest.class.getClassLoader(),
                new Class<?>[]{HandshakeRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> headers;
                    case "getParameterMap" -> parameters;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HandshakeRequest withHeader(String name, String... values) {
        return request(Map.of(name, List.of(values)), Map.of());
    }

    private static HandshakeRequest withQueryToken(String... values) {
        return request(Map.of(), Map.of("access_token", List.of(values)));
    }

    private static String negotiate(String... requested) {
        return new TokenHandshake().getNegotiatedSubprotocol(List.of(TokenHandshake.SUBPROTOCOL),
                Arrays.asList(requested));
    }

    // token

    @ParameterizedTest
    @ValueSource(strings = {"Sec-WebSocket-Protocol", "sec-websocket-protocol", "SEC-WEBSOCKET-PROTOCOL"})
    void findsTokenInSubprotocolHeaderWhateverItsCase(String headerName) {
        assertThat(TokenHandshake.token(withHeader(headerName, "chat.v1", "bearer.abc"))).isEqualTo("abc");
    }

    @Test
    void findsTokenInOneCommaSeparatedHeaderValue() {
        HandshakeRequest request = withHeader("Sec-WebSocket-Protocol", "chat.v1, bearer.abc");

        assertThat(TokenHandshake.token(request)).isEqualTo("abc");
    }

    @Test
    void findsTokenInOneOfSeveralHeaderValues() {
        HandshakeRequest request = withHeader("Sec-WebSocket-Protocol", "chat.v1", "bearer.abc", "other");

        assertThat(TokenHandshake.token(request)).isEqualTo("abc");
    }

    @Test
    void findsTokenOfferedFirst() {
        HandshakeRequest request = withHeader("Sec-WebSocket-Protocol", "bearer.abc,chat.v1");

        assertThat(TokenHandshake.token(request)).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer.", "Bearer.", "BEARER.", "bEaReR."})
    void readsBearerPrefixWhateverItsCase(String prefix) {
        HandshakeRequest request = withHeader("Sec-WebSocket-Protocol", "chat.v1", prefix + "Tok.En-x_Y");

        assertThat(TokenHandshake.token(request)).isEqualTo("Tok.En-x_Y");
    }

    @Test
    void keepsTheDotsOfAJwt() {
        HandshakeRequest request = withHeader("Sec-WebSocket-Protocol", "chat.v1, bearer.eyJh.eyJz.c2ln");

        assertThat(TokenHandshake.token(request)).isEqualTo("eyJh.eyJz.c2ln");
    }

    @Test
    void fallsBackToAccessTokenQueryParameter() {
        Map<String, List<String>> headers = Map.of("Sec-WebSocket-Protocol", List.of("chat.v1"));

        HandshakeRequest request = request(headers, Map.of("access_token", List.of("from-query")));

        assertThat(TokenHandshake.token(request)).isEqualTo("from-query");
    }

    @Test
    void takesTheFirstAccessTokenParameter() {
        assertThat(TokenHandshake.token(withQueryToken("first", "second"))).isEqualTo("first");
    }

    @Test
    void prefersSubprotocolTokenOverQueryParameter() {
        HandshakeRequest request = request(Map.of("Sec-WebSocket-Protocol", List.of("chat.v1, bearer.header")),
                Map.of("access_token", List.of("query")));

        assertThat(TokenHandshake.token(request)).isEqualTo("header");
    }

    @Test
    void findsNoTokenWhenNoneIsOffered() {
        assertThat(TokenHandshake.token(withHeader("Sec-WebSocket-Protocol", "chat.v1"))).isNull();
        assertThat(TokenHandshake.token(request(Map.of(), Map.of()))).isNull();
    }

    @Test
    void findsNoTokenInABlankOrEmptyQueryParameter() {
        assertThat(TokenHandshake.token(withQueryToken(""))).isNull();
        assertThat(TokenHandshake.token(withQueryToken("  "))).isNull();
        assertThat(TokenHandshake.token(request(Map.of(), Map.of("access_token", List.of())))).isNull();
    }

    @Test
    void ignoresBearerEntriesInOtherHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("bearer.abc"));
        headers.put("X-Protocol", List.of("bearer.def"));

        assertThat(TokenHandshake.token(request(headers, Map.of()))).isNull();
    }

    @Test
    void ignoresBearerWithoutTheDot() {
        assertThat(TokenHandshake.token(withHeader("Sec-WebSocket-Protocol", "bearer", "bearerabc"))).isNull();
    }

    // flatten

    @Test
    void flattensCommaSeparatedAndSeparateValues() {
        List<String> values = new ArrayList<>(List.of("chat.v1, bearer.abc", " other ", "a,b"));

        assertThat(TokenHandshake.flatten(values)).containsExactly("chat.v1", "bearer.abc", "other", "a", "b");
    }

    @Test
    void flattenDropsBlankEntries() {
        assertThat(TokenHandshake.flatten(List.of("", " , ,", "chat.v1,,"))).containsExactly("chat.v1");
    }

    @Test
    void flattenOfNothingIsEmpty() {
        assertThat(TokenHandshake.flatten(null)).isEmpty();
        assertThat(TokenHandshake.flatten(List.of())).isEmpty();
    }

    // subprotocol

    @Test
    void negotiatesChatV1WhenOffered() {
        assertThat(negotiate("chat.v1", "bearer.abc")).isEqualTo("chat.v1");
    }

    @Test
    void negotiatesChatV1OfferedAfterTheToken() {
        assertThat(negotiate("bearer.abc", "chat.v1")).isEqualTo("chat.v1");
    }

    @Test
    void negotiatesChatV1InsideACommaJoinedEntry() {
        assertThat(negotiate("bearer.abc, chat.v1")).isEqualTo("chat.v1");
    }

    @Test
    void negotiatesChatV1WhateverItsCase() {
        assertThat(negotiate("CHAT.V1")).isEqualTo("chat.v1");
    }

    @Test
    void negotiatesNothingWhenChatV1IsNotOffered() {
        assertThat(negotiate("bearer.abc")).isEmpty();
        assertThat(negotiate("chat.v2", "bearer.chat.v1")).isEmpty();
        assertThat(negotiate()).isEmpty();
    }
}
