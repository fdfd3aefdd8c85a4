package dev.enterprisechat.gateway;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.CharChunk;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.http.util.Parameters;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class GrizzlyRequestsTest {

    private static final String TOKEN = "bearer.eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    /** The request as Grizzly parses it: every part a chunk pointing into the one buffer it was read into. */
    private final HttpRequestPacket packet = HttpRequestPacket.builder().build();
    private final Parameters parameters = new Parameters();
    private final Map<String, String> sent = new LinkedHashMap<>();
    private Buffer read;
    private int position;

    @BeforeEach
    void parsed() {
        sent.put("Host", "127.0.0.1:8080");
        sent.put("Upgrade", "websocket");
        sent.put("Connection", "Upgrade");
        sent.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        sent.put("Sec-WebSocket-Version", "13");
        sent.put("Sec-WebSocket-Protocol", "chat.v1, " + TOKEN);
        sent.put("Authorization", "Bearer secret");
        sent.put("Cookie", "session=secret");
        StringBuilder wire = new StringBuilder("GET/api/websocketa=1HTTP/1.1");
        sent.forEach((name, value) -> wire.append(name).append(value));
        read = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, wire.toString().getBytes(StandardCharsets.US_ASCII));
        into(packet.getMethodDC(), "GET");
        into(packet.getRequestURIRef().getRequestURIBC(), "/api/websocket");
        into(packet.getQueryStringDC(), "a=1");
        into(packet.getProtocolDC(), "HTTP/1.1");
        MimeHeaders headers = packet.getHeaders();
        sent.forEach((name, value) -> {
            DataChunk valueChunk = headers.addValue(read, position, name.length());
            assertThat(headers.getName(headers.size() - 1).toString()).isEqualTo(name);
            position += name.length();
            if (name.equals("Upgrade")) {
                packet.getUpgradeDC().setBuffer(read, position, position + value.length());
            }
            into(valueChunk, value);
        });
    }

    @Test
    void anUpgradedRequestReadsAsBeforeWithoutItsBuffer() throws Exception {
        Field headerBuffer = HttpHeader.class.getDeclaredField("headerBuffer");
        headerBuffer.setAccessible(true);
        headerBuffer.set(packet, read);
        assertThat(packet.getTempHeaderEncodingBuffer()).hasSize(512);

        GrizzlyRequests.release(packet, parameters, List.of());

        assertThat(headerBuffer.get(packet)).isNull();
        assertThat(packet.getTempHeaderEncodingBuffer()).isEmpty();

        assertThat(packet.getMethod().getMethodString()).isEqualTo("GET");
        assertThat(packet.getRequestURI()).isEqualTo("/api/websocket");
        assertThat(packet.getQueryString()).isEqualTo("a=1");
        assertThat(packet.getProtocolString()).isEqualTo("HTTP/1.1");
        assertThat(packet.isUpgrade()).isTrue();
        assertThat(packet.getUpgradeDC().toString()).isEqualTo("websocket");
        assertThat(List.of(packet.getMethodDC(), packet.getQueryStringDC(), packet.getProtocolDC(),
                packet.getUpgradeDC(), packet.getRequestURIRef().getRequestURIBC())).allSatisfy(chunk -> {
            assertThat(chunk.getType()).isEqualTo(DataChunk.Type.String);
            assertThat(chunk.getBufferChunk().getBuffer()).isNull();
        });
    }

    @Test
    void theHeadersAreDroppedWithTheirFieldsAndCanBeAddedAgain() throws Exception {
        MimeHeaders headers = packet.getHeaders();
        headers.removeHeader("Cookie");
        assertThat(fields(headers)).hasSizeGreaterThan(sent.size() - 1).filteredOn(Objects::nonNull)
                .hasSize(sent.size());

        GrizzlyRequests.release(packet, parameters, List.of());

        assertThat(headers.size()).isZero();
        assertThat(headers.getHeader("Host")).isNull();
        assertThat(fields(headers)).containsOnlyNulls();
        // a request object is recycled for a later request on Grizzly's side: it parses headers into it again
        headers.addValue("Host").setString("127.0.0.1:8080");
        headers.addValue("Accept").setString("*/*");
        assertThat(headers.getHeader("Host")).isEqualTo("127.0.0.1:8080");
        assertThat(headers.getHeader("Accept")).isEqualTo("*/*");
    }

    @Test
    void theHeadersAnAccessLogPrintsAreKeptButNeverCredentials() throws Exception {
        packet.getHeaders().addValue("User-Agent").setString("Mozilla/5.0 (X11; Linux x86_64)");

        GrizzlyRequests.release(packet, parameters, List.of("user-agent", "Host", "Referer", "Cookie",
                "sec-websocket-protocol"));

        MimeHeaders headers = packet.getHeaders();
        assertThat(headers.size()).isEqualTo(2);
        assertThat(headers.getHeader("User-Agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(headers.getHeader("Host")).isEqualTo("127.0.0.1:8080");
        assertThat(headers.getValue("Host").getType()).isEqualTo(DataChunk.Type.String);
        assertThat(headers.getHeader("Cookie")).isNull();
        assertThat(headers.getHeader("Sec-WebSocket-Protocol")).isNull();
    }

    @Test
    void aWrittenResponsesHeadersAreDropped() throws Exception {
        MimeHeaders headers = HttpResponsePacket.builder(packet).build().getHeaders();
        headers.addValue("Upgrade").setString("websocket");
        headers.addValue("Sec-WebSocket-Accept").setString("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

        GrizzlyRequests.forget(headers);

        assertThat(headers.size()).isZero();
        assertThat(fields(headers)).containsOnlyNulls();
    }

    @Test
    void theCredentialsOfTheHandshakeAreNotKept() throws Exception {
        assertThat(packet.getHeaders().getHeader("Sec-WebSocket-Protocol")).contains(TOKEN);

        GrizzlyRequests.release(packet, parameters, List.of());

        assertThat(packet.getHeaders().getHeader("Sec-WebSocket-Protocol")).isNull();
        assertThat(packet.getHeaders().getHeader("Authorization")).isNull();
        assertThat(packet.getHeaders().getHeader("Cookie")).isNull();
    }

    @Test
    void theParameterParserGivesBackItsScratchBuffersAndStillParses() throws Exception {
        assertThat(GrizzlyRequests.usable()).isTrue();
        assertThat(scratch("tmpNameC").getBuffer()).hasSize(1024);

        GrizzlyRequests.release(packet, parameters, List.of());

        assertThat(scratch("tmpNameC").getBuffer()).isEmpty();
        assertThat(scratch("tmpValueC").getBuffer()).isEmpty();
        parameters.processParameters("name=alice&room=general");
        assertThat(parameters.getParameter("name")).isEqualTo("alice");
        assertThat(parameters.getParameter("room")).isEqualTo("general");
    }

    /** Points the chunk at the next bytes of the read buffer, which must be {@code text}. */
    private void into(DataChunk chunk, String text) {
        chunk.setBuffer(read, position, position + text.length());
        assertThat(chunk.toString()).isEqualTo(text);
        position += text.length();
    }

    private static Object[] fields(MimeHeaders headers) throws ReflectiveOperationException {
        Field field = MimeHeaders.class.getDeclaredField("headers");
        field.setAccessible(true);
        return (Object[]) field.get(headers);
    }

    private CharChunk scratch(String name) throws ReflectiveOperationException {
        Field field = Parameters.class.getDeclaredField(name);
        field.setAccessible(true);
        return (CharChunk) field.get(parameters);
    }
}
