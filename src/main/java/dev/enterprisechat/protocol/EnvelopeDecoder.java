package dev.enterprisechat.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.StringReader;
import java.util.NoSuchElementException;

/**
 * Reads a text frame into an {@link Envelope} and validates the envelope (not the payload, which is each handler's
 * business). Every defect becomes a {@link BadFrame} carrying the frame's requestId when it could be read.
 */
public class EnvelopeDecoder implements Decoder.Text<Envelope> {

    public static final String MAX_FRAME_BYTES = "chat.limits.frame-max-bytes";
    public static final int DEFAULT_MAX_FRAME_BYTES = 65536;
    static final int MAX_ID_LENGTH = 64;
    private static final JsonProvider JSON = JsonProvider.provider();

    private int maxFrameBytes;

    public EnvelopeDecoder() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public EnvelopeDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void init(EndpointConfig config) {
        maxFrameBytes = ConfigProvider.getConfig()
                .getOptionalValue(MAX_FRAME_BYTES, Integer.class)
                .orElse(DEFAULT_MAX_FRAME_BYTES);
    }

    /** Always true: a refused frame would be dropped without an answer, so defects are reported by decode. */
    @Override
    public boolean willDecode(String text) {
        return true;
    }

    @Override
    public Envelope decode(String text) throws BadFrame {
        // chars never outnumber UTF-8 bytes and one char is at most 3 bytes: count only when it could matter
        if (text.length() > maxFrameBytes / 3 && utf8Length(text) > maxFrameBytes) {
            throw new BadFrame(ErrorCode.PAYLOAD_TOO_LARGE, null, "frame is larger than " + maxFrameBytes + " bytes");
        }
        JsonObject frame = parseObject(text);
        String requestId = requestId(frame);
        String type = type(frame, requestId);
        JsonValue payload = frame.get("payload");
        if (payload == null || payload.getValueType() == JsonValue.ValueType.NULL) {
            return new Envelope(type, JsonValue.EMPTY_JSON_OBJECT, requestId, null);
        }
        if (payload.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, requestId, "payload must be an object");
        }
        return new Envelope(type, payload.asJsonObject(), requestId, null);
    }

    private static JsonObject parseObject(String text) throws BadFrame {
        JsonValue value;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new BadFrame(ErrorCode.BAD_REQUEST, null, "frame is not valid JSON");
            }
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                // a reader would stop after the first value and silently ignore the rest
                throw new BadFrame(ErrorCode.BAD_REQUEST, null, "frame is not valid JSON");
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "frame is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "frame must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static String requestId(JsonObject frame) throws BadFrame {
        JsonValue id = frame.get("requestId");
        if (id == null || id.getValueType() == JsonValue.ValueType.NULL) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "requestId is required");
        }
        if (!(id instanceof JsonString string)) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "requestId must be a string");
        }
        String value = string.getString();
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "requestId must be 1 to 64 characters");
        }
        return value;
    }

    private static String type(JsonObject frame, String requestId) throws BadFrame {
        JsonValue type = frame.get("type");
        if (!(type instanceof JsonString string) || string.getString().isBlank()) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, requestId, "type must be a non-empty string");
        }
        return string.getString();
    }

    /** The UTF-8 size of the text, counted without copying it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

}
