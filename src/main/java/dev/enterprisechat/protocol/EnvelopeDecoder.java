package dev.enterprisechat.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;


/**
 * Reads a text frame into an {@link Envelope} and validates the envelope (not the payload, which is each handler's
 * business). Every defect becomes a {@link BadFrame} carrying the frame's requestId when it could be read.
 */
public class EnvelopeDecoder implements Decoder.Text<Envelope> {

    public static final String MAX_FRAME_BYTES = "chat.limits.frame-max-bytes";
    public static final int DEFAULT_MAX_FRAME_BYTES = 65536;
    static final int MAX_ID_LENGTH = 64;

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
        FrameReader.Result read = FrameReader.read(text);
        if (read.value().getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "frame must be a JSON object");
        }
        JsonObject frame = read.value().asJsonObject();
        String requestId = requestId(frame, read.defect());
        if (read.defect() != null) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, requestId, read.defect());
        }
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

    /**
     * The frame's requestId. When the frame has another defect, a missing or unusable requestId is not an error of
     * its own: the defect is answered, without a requestId.
     */
    private static String requestId(JsonObject frame, String otherDefect) throws BadFrame {
        JsonValue id = frame.get("requestId");
        String problem = null;
        String value = null;
        if (id == null || id.getValueType() == JsonValue.ValueType.NULL) {
            problem = "requestId is required";
        } else if (!(id instanceof JsonString string)) {
            problem = "requestId must be a string";
        } else {
            value = string.getString();
            if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
                problem = "requestId must be 1 to 64 characters";
            }
        }
        if (problem == null) {
            return value;
        }
        if (otherDefect != null) {
            return null;
        }
        throw new BadFrame(ErrorCode.BAD_REQUEST, null, problem);
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
        return Unicode.utf8Length(text);
    }

}
