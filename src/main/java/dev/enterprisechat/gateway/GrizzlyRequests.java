package dev.enterprisechat.gateway;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
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
import java.util.List;

/**
 * What an upgraded request of Payara's (and GlassFish's) web container holds, and lets go of, measured with a heap
 * dump of idle connections (docs/benchmarks.md). The request's parsed parts (method, URI, protocol, each header's
 * name and value) are chunks that point into the buffer the request was read into: a slice of a 64 KB buffer of
 * Grizzly's memory pool, which the next requests read on that thread share. While one request of a buffer lives on,
 * the whole buffer does, and an upgraded request lives as long as its connection: 5 to 14 KB per idle connection.
 * <p>
 * Each such chunk is made a string of the same value (so whatever still reads the request reads what it read
 * before), the headers that carry credentials are removed (the handshake has read them; the token is not kept for
 * the connection's life), and the two 2 KB scratch buffers of the request's parameter parser are replaced by empty
 * ones (it grows them again if it ever parses). The request's and the response's 512-byte scratch buffers for
 * writing headers are replaced by empty ones: the response's header has been written, and a request's never is.
 */
final class GrizzlyRequests {

    private static final Logger LOG = System.getLogger(GrizzlyRequests.class.getName());
    private static final String FACADE = "org.apache.catalina.connector.RequestFacade";
    private static final char[] NO_CHARS = new char[0];
    private static final Field[] SCRATCH = scratchFields();
    private static final byte[] NO_BYTES = new byte[0];
    private static final Field HEADER_BUFFER = headerField("headerBuffer", Buffer.class);
    private static final Field ENCODING_BUFFER = headerField("tmpHeaderEncodingBuffer", byte[].class);
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
        return SCRATCH.length == 2 && HEADER_BUFFER != null && ENCODING_BUFFER != null;
    }

    /**
     * Releases what the upgraded request holds. Anything unexpected (another web container's request, another
     * version's classes) leaves the request as it is.
     */
    static void release(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        try {
            if (grizzlyRequest(unwrapped) instanceof Request grizzly) {
                release(grizzly.getRequest(), grizzly.getParameters());
                // its header went out with the 101 (the response is committed); nothing is encoded for it again
                ENCODING_BUFFER.set(grizzly.getResponse().getResponse(), NO_BYTES);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "An upgraded request kept as it is: {0}", unexpected.toString());
        }
    }

    /** The request's parsed parts as strings, its credentials gone, its parameter parser's buffers emptied. */
    static void release(HttpRequestPacket packet, Parameters parameters) throws IllegalAccessException {
        MimeHeaders headers = packet.getHeaders();
        for (int i = 0; i < headers.size(); i++) {
            toString(headers.getName(i));
            toString(headers.getValue(i));
        }
        HandshakeCredentials.HEADERS.forEach(headers::removeHeader);
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
