package dev.enterprisechat.gateway;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.util.CharChunk;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.http.util.Parameters;
import org.glassfish.grizzly.http.util.RequestURIRef;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What an upgraded request of Payara's (and GlassFish's) web container holds, and lets go of, measured with a heap
 * dump of idle connections (docs/benchmarks.md). The request's parsed parts (method, URI, protocol, each header's
 * name and value) are chunks that point into the buffer the request was read into: a slice of a 64 KB buffer of
 * Grizzly's memory pool, which the next requests read on that thread share. While one request of a buffer lives on,
 * the whole buffer does, and an upgraded request lives as long as its connection: 5 to 14 KB per idle connection.
 * <p>
 * The request line's chunks are made strings of the same value (so whatever still reads them reads what it read
 * before). The request's and the response's headers are dropped with their fields (each a name and a value chunk,
 * about 230 bytes, kept for reuse by a request that an upgraded one never serves again): the handshake has read the
 * request's (the WebSocket implementation keeps its own copy, {@link HandshakeCredentials}), the response's went out
 * with the {@code 101}, and a credential header is not kept for the connection's life. The request headers an
 * operator's access log prints are kept, as strings ({@code chat.access-log.headers}: the container writes an
 * upgrade's log line after this, from the request), credentials never. The two 2 KB scratch buffers
 * of the request's parameter parser are replaced by empty ones (it grows them again if it ever parses), and so are
 * the request's and the response's 512-byte scratch buffers for writing headers: the response's header has been
 * written, and a request's never is.
 */
final class GrizzlyRequests {

    private static final Logger LOG = System.getLogger(GrizzlyRequests.class.getName());
    private static final String FACADE = "org.apache.catalina.connector.RequestFacade";
    private static final char[] NO_CHARS = new char[0];
    private static final Field[] SCRATCH = scratchFields();
    private static final byte[] NO_BYTES = new byte[0];
    private static final Field HEADER_BUFFER = headerField("headerBuffer", Buffer.class);
    private static final Field ENCODING_BUFFER = headerField("tmpHeaderEncodingBuffer", byte[].class);
    private static final Field HEADER_FIELDS = headerFields();
    /** The fields of a class and its superclasses that hold a {@link DataChunk}, made accessible. */
    private static final ClassValue<List<Field>> CHUNKS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> chunks = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (DataChunk.class.isAssignableFrom(field.getType()) && !Modifier.isStatic(field.getModifiers())) {
                        field.setAccessible(true);
                        chunks.add(field);
                    }
                }
            }
            return List.copyOf(chunks);
        }
    };

    private static volatile Method unwrap;
    private static volatile Method coyote;

    private GrizzlyRequests() {
    }

    /** Whether the Grizzly classes are the ones this was written for. */
    static boolean usable() {
        return SCRATCH.length == 2 && HEADER_BUFFER != null && ENCODING_BUFFER != null && HEADER_FIELDS != null;
    }

    /**
     * Releases what the upgraded request holds. Anything unexpected (another web container's request, another
     * version's classes) leaves the request as it is.
     */
    static void release(ServletRequest request, Collection<String> keptHeaders) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        try {
            if (grizzlyRequest(unwrapped) instanceof Request grizzly) {
                release(grizzly.getRequest(), grizzly.getParameters(), keptHeaders);
                // its header went out with the 101 (the response is committed); nothing is encoded for it again
                HttpResponsePacket response = grizzly.getResponse().getResponse();
                ENCODING_BUFFER.set(response, NO_BYTES);
                forget(response.getHeaders());
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "An upgraded request kept as it is: {0}", unexpected.toString());
        }
    }

    /**
     * The request line's parts as strings, its headers gone but those named in {@code keptHeaders} (as strings; a
     * credential header never), its parameter parser's buffers emptied.
     */
    static void release(HttpRequestPacket packet, Parameters parameters, Collection<String> keptHeaders)
            throws IllegalAccessException {
        MimeHeaders headers = packet.getHeaders();
        List<Map.Entry<String, String>> kept = new ArrayList<>(0);
        for (String name : keptHeaders) {
            if (!HandshakeCredentials.isCredential(name)) {
                headers.values(name).forEach(value -> kept.add(Map.entry(name, value)));
            }
        }
        forget(headers);
        kept.forEach(header -> headers.addValue(header.getKey()).setString(header.getValue()));
        // the request line, the host, the upgrade: read through fields, since some getters parse on first call
        for (Field field : CHUNKS.get(packet.getClass())) {
            if (field.get(packet) instanceof DataChunk chunk) {
                toString(chunk);
            }
        }
        RequestURIRef uri = packet.getRequestURIRef();
        for (Field field : CHUNKS.get(RequestURIRef.class)) {
            if (field.get(uri) instanceof DataChunk chunk) {
                toString(chunk);
            }
        }
        for (Field scratch : SCRATCH) {
            CharChunk chunk = (CharChunk) scratch.get(parameters);
            chunk.setChars(NO_CHARS, 0, 0);
        }
        // kept only to be given back to the pool when the request is recycled, which an upgraded one never is; no
        // chunk points into it now, and the garbage collector takes it (given back now, cookies parsed from it would
        // see its bytes reused)
        HEADER_BUFFER.set(packet, null);
        // a 512-byte scratch buffer for writing headers, which a request on the server's side never uses
        ENCODING_BUFFER.set(packet, NO_BYTES);
    }

    /**
     * Removes the headers and lets go of their fields: {@link MimeHeaders} keeps the fields of removed headers for
     * reuse, and creates one again where a slot is empty.
     */
    static void forget(MimeHeaders headers) throws IllegalAccessException {
        headers.clear();
        Arrays.fill((Object[]) HEADER_FIELDS.get(headers), null);
    }

    /** The chunk as a string of the same value, if it points into a buffer. */
    private static void toString(DataChunk chunk) {
        if (chunk.getType() == DataChunk.Type.Buffer || chunk.getType() == DataChunk.Type.Bytes) {
            chunk.setString(chunk.toString());
        }
    }

    /** The Grizzly request under Catalina's facade, or null for another container's request. */
    private static Object grizzlyRequest(ServletRequest request) throws ReflectiveOperationException {
        if (!FACADE.equals(request.getClass().getName())) {
            return null;
        }
        if (unwrap == null) {
            Method facade = request.getClass().getMethod("getUnwrappedCoyoteRequest");
            coyote = facade.getReturnType().getMethod("getCoyoteRequest");
            unwrap = facade;
        }
        return coyote.invoke(unwrap.invoke(request));
    }

    private static Field headerField(String name, Class<?> type) {
        try {
            Field field = HttpHeader.class.getDeclaredField(name);
            if (field.getType() != type) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException absent) {
            return null;
        }
    }

    private static Field headerFields() {
        try {
            Field field = MimeHeaders.class.getDeclaredField("headers");
            if (!field.getType().isArray() || field.getType().getComponentType().isPrimitive()) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException absent) {
            return null;
        }
    }

    private static Field[] scratchFields() {
        try {
            Field name = Parameters.class.getDeclaredField("tmpNameC");
            Field value = Parameters.class.getDeclaredField("tmpValueC");
            if (name.getType() != CharChunk.class || value.getType() != CharChunk.class) {
                return new Field[0];
            }
            name.setAccessible(true);
            value.setAccessible(true);
            return new Field[]{name, value};
        } catch (ReflectiveOperationException | RuntimeException absent) {
            return new Field[0];
        }
    }
}
