package dev.enterprisechat.rooms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 300_000})
    void everyLengthFormReadsBackAsTheText(int length) {
        String text = "x".repeat(length);

        Frame frame = Frame.text(text);

        assertThat(frame.bytes()).isEqualTo(length);
        assertThat(readText(frame.wire())).isEqualTo(text);
    }

    @Test
    void usesTheShortestLengthForm() {
        assertThat(Frame.text("x".repeat(125)).wire().remaining()).isEqualTo(2 + 125);
        assertThat(Frame.text("x".repeat(126)).wire().remaining()).isEqualTo(4 + 126);
        assertThat(Frame.text("x".repeat(65_535)).wire().remaining()).isEqualTo(4 + 65_535);
        assertThat(Frame.text("x".repeat(65_536)).wire().remaining()).isEqualTo(10 + 65_536);
    }

    @Test
    void isOneUnmaskedFinalTextFrame() {
        ByteBuffer wire = Frame.text("{}").wire();

        assertThat(wire.get(0)).isEqualTo((byte) 0x81);
        assertThat(wire.get(1) & 0x80).as("mask bit").isZero();
    }

    @Test
    void countsAndCarriesUtf8Bytes() {
        String text = "{\"content\":\"Zoë 😀 日本\"}";

        Frame frame = Frame.text(text);

        assertThat(frame.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(readText(frame.wire())).isEqualTo(text);
        assertThat(frame.text()).isSameAs(text);
    }

    @Test
    void eachWireIsABufferOfItsOwn() {
        Frame frame = Frame.text("hello");
        ByteBuffer first = frame.wire();
        first.position(first.limit());

        assertThat(readText(frame.wire())).isEqualTo("hello");
    }

    @Test
    void everyConnectionIsSentTheSameEncoding() {
        Frame frame = Frame.text("{\"type\":\"new_message\"}");

        assertThat(frame.wire().array()).isSameAs(frame.wire().array());
    }

    @Test
    void aDeferredFrameIsWrittenAsJsonOnlyWhenAConnectionNeedsItAndOnce() {
        AtomicInteger made = new AtomicInteger();
        Frame frame = Frame.of(() -> {
            made.incrementAndGet();
            return "{\"type\":\"new_message\",\"é\":1}";
        });

        assertThat(made).hasValue(0);
        assertThat(readText(frame.wire())).isEqualTo("{\"type\":\"new_message\",\"é\":1}");
        assertThat(frame.text()).isEqualTo("{\"type\":\"new_message\",\"é\":1}");
        assertThat(frame.bytes()).isEqualTo(frame.text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(made).hasValue(1);
    }

    @Test
    void severalFramesForOneWriteFollowEachOtherWhole() {
        List<String> texts = List.of("{}", "é".repeat(200), "x".repeat(70_000));

        ByteBuffer wire = Frame.wire(texts.stream().map(Frame::text).toList());

        List<String> read = new ArrayList<>();
        while (wire.hasRemaining()) {
            read.add(readNext(wire));
        }
        assertThat(read).isEqualTo(texts);
    }

    /** Reads one server frame as RFC 6455 §5.2 defines it, the whole buffer. */
    private static String readText(ByteBuffer wire) {
        String text = readNext(wire);
        assertThat(wire.remaining()).as("after the frame").isZero();
        return text;
    }

    /** Reads the next server frame of the buffer. */
    private static String readNext(ByteBuffer wire) {
        assertThat(wire.get() & 0xFF).isEqualTo(0x81);
        int first = wire.get() & 0xFF;
        assertThat(first & 0x80).isZero();
        long length = first & 0x7F;
        if (length == 126) {
            length = wire.getShort() & 0xFFFF;
        } else if (length == 127) {
            length = wire.getLong();
        }
        assertThat((long) wire.remaining()).isGreaterThanOrEqualTo(length);
        byte[] payload = new byte[(int) length];
        wire.get(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
