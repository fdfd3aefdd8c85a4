package dev.enterprisechat.rooms;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.io.OutputBuffer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.transport.TCPNIOConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On objects shaped as Tyrus's socket and what is under it on Payara, down to Grizzly's own output buffer: the fields
 * the release and the drop follow, by name.
 */
class GrizzlyOutputTest {

    static final class Socket {
        final Handler protocolHandler = new Handler();
    }

    static final class Handler {
        final Writer writer = new Writer();
    }

    /** Tyrus's writer opens its output stream at its first write. */
    static final class Writer {
        Stream servletOutputStream;
        Object tyrusHttpUpgradeHandler;
    }

    /** What Tyrus registers with the web container, in front of its upgrade handler. */
    static final class UpgradeHandlerProxy {
        UpgradeHandler handler;
    }

    /** Tyrus's upgrade handler: the web container's connection, and the upgrade's result ({@link TyrusHandshake}). */
    static final class UpgradeHandler {
        WebConnection wc;
        WebSocketEngine.UpgradeInfo upgradeInfo;
    }

    static final class WebConnection {
        ContainerRequest request;
    }

    static final class ContainerRequest {
        Request coyoteRequest;
    }

    static final class Stream {
        final ContainerBuffer ob = new ContainerBuffer();
    }

    static final class ContainerBuffer {
        final OutputBuffer grizzlyOutputBuffer = grizzlyOutputBuffer();
    }

    private final Socket socket = new Socket();
    private final Buffer lastWritten = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, new byte[]{(byte) 0x81, 0});

    @Test
    void theBufferOfTheLastWriteIsForgotten() throws Exception {
        HttpContent.Builder<?> builder = written();

        GrizzlyOutput.releaser(socket).run();

        assertThat(content(builder)).isNull();
    }

    @Test
    void beforeTheFirstWriteThereIsNothingToForgetAndAfterItThereIs() throws Exception {
        Runnable release = GrizzlyOutput.releaser(socket);
        release.run();

        HttpContent.Builder<?> builder = written();
        release.run();

        assertThat(content(builder)).isNull();
    }

    @Test
    void onceTheStreamIsOpenGrizzlyWritesEveryFrameFromItsOwnBytes() throws Exception {
        Runnable release = GrizzlyOutput.releaser(socket);
        written();
        OutputBuffer output = socket.protocolHandler.writer.servletOutputStream.ob.grizzlyOutputBuffer;
        assertThat(bufferSize(output)).as("Grizzly's default").isPositive();

        release.run();

        assertThat(bufferSize(output)).as("a write of any size at least the buffer size").isZero();
    }

    @Test
    void anotherServersSocketHasNoRelease() {
        assertThat(GrizzlyOutput.releaser(new Object())).isNull();
    }

    @Test
    void theDropEndsTheInputForTheContainerToCloseWithAReset() throws Exception {
        try (Loopback pair = new Loopback()) {
            UpgradeHandlerProxy proxy = new UpgradeHandlerProxy();
            proxy.handler = upgradedOn(pair.serverSide);
            socket.protocolHandler.writer.tyrusHttpUpgradeHandler = proxy;

            assertThat(GrizzlyOutput.dropper(socket).getAsBoolean()).as("dropped").isTrue();

            // what the container's selector reads next: the end of the input, which it closes the connection on
            assertThat(pair.accepted.read(ByteBuffer.allocate(16))).isEqualTo(-1);
            assertThat(pair.accepted.getOption(StandardSocketOptions.SO_LINGER)).as("reset on close").isZero();
        }
    }

    @Test
    void aClosedSocketIsLeftAlone() throws Exception {
        try (Loopback pair = new Loopback()) {
            socket.protocolHandler.writer.tyrusHttpUpgradeHandler = upgradedOn(pair.serverSide);
            BooleanSupplier drop = GrizzlyOutput.dropper(socket);
            pair.accepted.close();

            assertThat(drop.getAsBoolean()).isFalse();
        }
    }

    @Test
    void aSocketThatCannotBeReachedHasNoDrop() {
        assertThat(GrizzlyOutput.dropper(new Object())).as("another server's").isNull();
        assertThat(GrizzlyOutput.dropper(socket)).as("no upgrade handler").isNull();
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = new UpgradeHandler();
        assertThat(GrizzlyOutput.dropper(socket)).as("no web connection").isNull();
    }

    /** A connected pair of sockets on loopback; the accepted one as Grizzly's connection, its transport not started. */
    private static final class Loopback implements AutoCloseable {
        final SocketChannel client;
        final SocketChannel accepted;
        final TCPNIOConnection serverSide;

        Loopback() throws IOException {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                client = SocketChannel.open(listener.getLocalAddress());
                accepted = listener.accept();
            }
            // as Grizzly's are: a read without the drop answers 0 at once instead of waiting
            accepted.configureBlocking(false);
            serverSide = new TCPNIOConnection(TCPNIOTransportBuilder.newInstance().build(), accepted);
        }

        @Override
        public void close() throws IOException {
            client.close();
            accepted.close();
        }
    }

    /** An upgrade handler whose web connection's request is a Grizzly request read from the transport. */
    private static UpgradeHandler upgradedOn(Connection<?> transport) {
        HttpRequestPacket packet = HttpRequestPacket.builder().method("GET").uri("/api/websocket").build();
        packet.setConnection(transport);
        Request grizzly = Request.create();
        grizzly.initialize(packet, FilterChainContext.create(transport), null);
        UpgradeHandler handler = new UpgradeHandler();
        handler.wc = new WebConnection();
        handler.wc.request = new ContainerRequest();
        handler.wc.request.coyoteRequest = grizzly;
        return handler;
    }

    /** A first write: the output stream opened, the builder holding the buffer of the message it built. */
    private HttpContent.Builder<?> written() throws Exception {
        Stream opened = new Stream();
        socket.protocolHandler.writer.servletOutputStream = opened;
        HttpContent.Builder<?> builder = builder(opened.ob.grizzlyOutputBuffer);
        builder.content(lastWritten);
        assertThat(content(builder)).isSameAs(lastWritten);
        return builder;
    }

    /** Grizzly's output buffer as the web container has it once the response is initialized: with its builder. */
    private static OutputBuffer grizzlyOutputBuffer() {
        OutputBuffer output = new OutputBuffer();
        try {
            outputField("builder").set(output, HttpContent.builder(HttpRequestPacket.builder().build()));
        } catch (ReflectiveOperationException unexpected) {
            throw new AssertionError(unexpected);
        }
        return output;
    }

    private static HttpContent.Builder<?> builder(OutputBuffer output) throws ReflectiveOperationException {
        return (HttpContent.Builder<?>) outputField("builder").get(output);
    }

    private static int bufferSize(OutputBuffer output) throws ReflectiveOperationException {
        return outputField("bufferSize").getInt(output);
    }

    private static Field outputField(String name) throws NoSuchFieldException {
        Field field = OutputBuffer.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static Object content(HttpContent.Builder<?> builder) throws ReflectiveOperationException {
        Field content = HttpContent.Builder.class.getDeclaredField("content");
        content.setAccessible(true);
        return content.get(builder);
    }
}
