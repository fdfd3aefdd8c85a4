package dev.enterprisechat.rooms;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.io.InputBuffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GrizzlyInputTest {

    private final InputBuffer input = new InputBuffer();
    private final GrizzlyInput release = new GrizzlyInput(input);

    @Test
    void contentReadToItsEndIsLetGoAndTheNextContentTakesItsPlace() throws Exception {
        Buffer pong = given("\u008a\u0080abcd");
        pong.position(pong.limit());

        release.release();

        assertThat(content()).isSameAs(Buffers.EMPTY_BUFFER);
        Buffer next = given("\u0081\u0085abcdhello");
        assertThat(content()).isSameAs(next);
        assertThat(next.remaining()).isEqualTo(11);
    }

    @Test
    void contentNotReadToItsEndIsLeftAlone() throws Exception {
        Buffer frames = given("\u0081\u0085abcdhello");
        frames.position(3);

        release.release();

        assertThat(content()).isSameAs(frames);
        assertThat(frames.remaining()).isEqualTo(8);
    }

    /** The input buffer given content, as the container gives it what it read. */
    private Buffer given(String bytes) throws ReflectiveOperationException {
        Buffer read = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes.getBytes(StandardCharsets.ISO_8859_1));
        Method update = InputBuffer.class.getDeclaredMethod("updateInputContentBuffer", Buffer.class);
        update.setAccessible(true);
        update.invoke(input, read);
        return read;
    }

    private Buffer content() throws ReflectiveOperationException {
        Field field = InputBuffer.class.getDeclaredField("inputContentBuffer");
        field.setAccessible(true);
        return (Buffer) field.get(input);
    }
}
