package dev.enterprisechat.rooms;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On objects shaped as Tyrus's socket and what is under it on Payara: the fields the release and the drop follow, by
 * name.
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

    static final class UpgradeHandler {
        WebConnection wc;
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
        final GrizzlyBuffer grizzlyOutputBuffer = new GrizzlyBuffer();
    }

    static final class GrizzlyBuffer {
        final HttpContent.Builder<?> builder = HttpContent.builder(HttpRequestPacket.builder().build());
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
    void anotherServersSocketHasNoRelease() {
        assertThat(GrizzlyOutput.releaser(new Object())).isNull();
    }

    @Test
    void anOpenSocketIsDroppedOnceAndAClosedOneIsLeftAlone() {
        AtomicBoolean open = new AtomicBoolean(true);
        AtomicInteger terminated = new AtomicInteger();
        UpgradeHandlerProxy proxy = new UpgradeHandlerProxy();
        proxy.handler = upgradedOn(transport(open, terminated));
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = proxy;

        BooleanSupplier drop = GrizzlyOutput.dropper(socket);

        assertThat(drop.getAsBoolean()).as("dropped").isTrue();
        assertThat(terminated).hasValue(1);
        assertThat(drop.getAsBoolean()).as("already closed").isFalse();
        assertThat(terminated).hasValue(1);
    }

    @Test
    void anUpgradeHandlerWithoutAProxyLeadsToTheSocketToo() {
        AtomicInteger terminated = new AtomicInteger();
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = upgradedOn(transport(new AtomicBoolean(true),
                terminated));

        assertThat(GrizzlyOutput.dropper(socket).getAsBoolean()).isTrue();
        assertThat(terminated).hasValue(1);
    }

    @Test
    void theSocketIsClosedOnTheContainersWorkerThreads() {
        AtomicInteger terminated = new AtomicInteger();
        List<Runnable> handedToWorkers = new ArrayList<>();
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = upgradedOn(transport(new AtomicBoolean(true),
                terminated, new AbstractExecutorService() {
                    @Override
                    public void execute(Runnable task) {
                        handedToWorkers.add(task);
                    }

                    @Override
                    public void shutdown() {
                    }

                    @Override
                    public List<Runnable> shutdownNow() {
                        return List.of();
                    }

                    @Override
                    public boolean isShutdown() {
                        return false;
                    }

                    @Override
                    public boolean isTerminated() {
                        return false;
                    }

                    @Override
                    public boolean awaitTermination(long timeout, TimeUnit unit) {
                        return true;
                    }
                }));

        assertThat(GrizzlyOutput.dropper(socket).getAsBoolean()).isTrue();
        assertThat(terminated).as("not on the caller's thread").hasValue(0);
        assertThat(handedToWorkers).hasSize(1);
        handedToWorkers.get(0).run();
        assertThat(terminated).hasValue(1);
    }

    @Test
    void aSocketThatCannotBeReachedHasNoDrop() {
        assertThat(GrizzlyOutput.dropper(new Object())).as("another server's").isNull();
        assertThat(GrizzlyOutput.dropper(socket)).as("no upgrade handler").isNull();
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = new UpgradeHandler();
        assertThat(GrizzlyOutput.dropper(socket)).as("no web connection").isNull();
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

    /** A Grizzly connection that is open until terminated; what else a request asks of it gets a default. */
    private static Connection<?> transport(AtomicBoolean open, AtomicInteger terminated) {
        return transport(open, terminated, null);
    }

    /** The same, of a transport with these worker threads (none: null). */
    private static Connection<?> transport(AtomicBoolean open, AtomicInteger terminated, ExecutorService workers) {
        Transport owner = (Transport) Proxy.newProxyInstance(Transport.class.getClassLoader(),
                new Class<?>[]{Transport.class}, (proxy, method, args) ->
                        "getWorkerThreadPool".equals(method.getName()) ? workers : null);
        return (Connection<?>) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open.get();
                    case "getTransport" -> owner;
                    case "terminateSilently" -> {
                        terminated.incrementAndGet();
                        open.set(false);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "transport";
                    // what the request asks of its connection when it is initialised: nothing it needs here
                    default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }

    /** A first write: the output stream opened, the builder holding the buffer of the message it built. */
    private HttpContent.Builder<?> written() throws Exception {
        Stream opened = new Stream();
        socket.protocolHandler.writer.servletOutputStream = opened;
        HttpContent.Builder<?> builder = opened.ob.grizzlyOutputBuffer.builder;
        builder.content(lastWritten);
        assertThat(content(builder)).isSameAs(lastWritten);
        return builder;
    }

    private static Object content(HttpContent.Builder<?> builder) throws ReflectiveOperationException {
        Field content = HttpContent.Builder.class.getDeclaredField("content");
        content.setAccessible(true);
        return content.get(builder);
    }
}
