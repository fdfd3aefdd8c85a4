package dev.enterprisechat.protocol;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * Reads the JSON of one frame in a single streaming pass, with the limits of the edge: nesting depth, number length,
 * and text that the rest of the server can trust (valid Unicode, no NUL). Every string, field names included, is
 * checked here, once; deeper code never sees a lone surrogate (which no encoder can write back) or a NUL (which
 * PostgreSQL refuses).
 * <p>
 * A bad string or number does not stop the reading: the first defect is remembered with the field's path and the
 * frame is read to its end, so that the refusal can still answer the frame's {@code requestId}.
 */
final class FrameReader {

    /** Envelope, payload, a list, its objects and their fields need five; the rest is headroom. */
    static final int MAX_DEPTH = 16;
    /** Ids and seqs have at most 19 digits. */
    static final int MAX_NUMBER_LENGTH = 64;
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Deque<Object> containers = new ArrayDeque<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final Deque<Integer> indexes = new ArrayDeque<>();
    private String defect;

    private FrameReader() {
    }

    /** The outcome: the value read, and the first defect found in it (null when there is none). */
    record Result(JsonValue value, String defect) {
    }

    static Result read(String text) throws BadFrame {
        FrameReader reader = new FrameReader();
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw notJson();
            }
            JsonValue value = reader.value(parser, parser.next());
            if (parser.hasNext()) {
                // a reader would stop after the first value and silently ignore the rest
                throw notJson();
            }
            return new Result(value, reader.defect);
        } catch (JsonException | IllegalStateException | NoSuchElementException | ArithmeticException
                 | UnsupportedOperationException e) {
            throw notJson();
        }
    }

    private JsonValue value(JsonParser parser, JsonParser.Event first) throws BadFrame {
        return switch (first) {
            case START_OBJECT, START_ARRAY -> container(parser, first);
            default -> scalar(parser, first);
        };
    }

    /** Reads a whole object or array iteratively, so that depth is bounded by {@link #MAX_DEPTH}, not the stack. */
    private JsonValue container(JsonParser parser, JsonParser.Event first) throws BadFrame {
        open(first);
        String key = null;
        while (true) {
            JsonParser.Event event = parser.next();
            switch (event) {
                case KEY_NAME -> key = checkedKey(parser.getString());
                case START_OBJECT, START_ARRAY -> {
                    enter(key);
                    open(event);
                    key = null;
                }
                case END_OBJECT, END_ARRAY -> {
                    JsonValue done = close();
                    if (containers.isEmpty()) {
                        return done;
                    }
                    key = leave();
                    add(key, done);
                    key = null;
                }
                default -> {
                    enter(key);
                    add(key, scalar(parser, event));
                    leave();
                    key = null;
                }
            }
        }
    }

    private void open(JsonParser.Event event) throws BadFrame {
        if (containers.size() >= MAX_DEPTH) {
            throw new BadFrame(ErrorCode.BAD_REQUEST, null, "frame is nested deeper than " + MAX_DEPTH + " levels");
        }
        containers.push(event == JsonParser.Event.START_OBJECT ? JSON.createObjectBuilder()
                : JSON.createArrayBuilder());
        indexes.push(0);
    }

    private JsonValue close() {
        Object builder = containers.pop();
        indexes.pop();
        return builder instanceof JsonObjectBuilder object ? object.build() : ((JsonArrayBuilder) builder).build();
    }

    /** Descends into a field (named by key) or the next array item, for the paths of error messages. */
    private void enter(String key) {
        if (containers.peek() instanceof JsonObjectBuilder) {
            path.push(key);
        } else {
            int index = indexes.pop();
            indexes.push(index + 1);
            path.push("[" + index + "]");
        }
    }

    private String leave() {
        String segment = path.pop();
        return segment.startsWith("[") ? null : segment;
    }

    private void add(String key, JsonValue value) {
        Object builder = containers.peek();
        if (builder instanceof JsonObjectBuilder object) {
            object.add(key, value);
        } else {
            ((JsonArrayBuilder) builder).add(value);
        }
    }

    private JsonValue scalar(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case VALUE_STRING -> JSON.createValue(checkedString(parser.getString()));
            case VALUE_NUMBER -> number(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IllegalStateException("unexpected " + event);
        };
    }

    private JsonValue number(String lexeme) {
        if (lexeme.length() > MAX_NUMBER_LENGTH) {
            note(field() + " is a number longer than " + MAX_NUMBER_LENGTH + " characters");
            return JSON.createValue(0);
        }
        return JSON.createValue(new BigDecimal(lexeme));
    }

    private String checkedKey(String key) {
        String problem = Unicode.problem(key);
        if (problem != null) {
            note("a field name " + problem);
            return "";
        }
        return key;
    }

    private String checkedString(String value) {
        String problem = Unicode.problem(value);
        if (problem != null) {
            note(field() + " " + problem);
            return "";
        }
        return value;
    }

    private void note(String problem) {
        if (defect == null) {
            defect = problem;
        }
    }

    /**
     * The path of the current value as the client named it: envelope fields by name ({@code requestId}), payload
     * fields without the {@code payload.} prefix ({@code content}, {@code conversations[2].afterSeq}), as the
     * handlers' own error messages name them.
     */
    private String field() {
        StringBuilder name = new StringBuilder();
        var segments = path.descendingIterator();
        boolean first = true;
        while (segments.hasNext()) {
            String segment = segments.next();
            if (first && "payload".equals(segment) && segments.hasNext()) {
                first = false;
                continue;
            }
            if (!segment.startsWith("[") && !name.isEmpty()) {
                name.append('.');
            }
            name.append(segment);
            first = false;
        }
        return name.isEmpty() ? "a value" : name.toString();
    }

    private static BadFrame notJson() {
        return new BadFrame(ErrorCode.BAD_REQUEST, null, "frame is not valid JSON");
    }
}
