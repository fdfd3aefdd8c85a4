package dev.enterprisechat.rooms;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;

/** On objects shaped as Tyrus's socket and what is under it on Payara: the fields the release follows, by name. */
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
