package dev.enterprisechat.gateway;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Lets go of what the HTTP request of a WebSocket upgrade holds for the connection's whole life, once the upgrade's
 * response has left ({@link GrizzlyRequests}): an upgraded request never completes, so the web container keeps it,
 * and on Payara and GlassFish its header bytes keep whole 64 KB buffers of the I/O layer alive.
 * <p>
 * It wraps the WebSocket implementation's own filter (which does the handshake and commits the {@code 101} before
 * it returns: that one is registered after the application's filters) and acts only on a request that was
 * upgraded. On another server, or another version of this one, it does nothing.
 * <p>
 * It also answers the WebSocket implementation's question for the local host name with the local address
 * ({@link NoReverseLookup}): Tyrus asks it at every upgrade, and Grizzly answers it with a reverse DNS lookup of the
 * address the connection came in on.
 */
@WebFilter(urlPatterns = "/api/websocket", asyncSupported = true)
public class UpgradeLeftovers implements Filter {

    /** The request headers an upgraded request keeps for the container's access log (comma-separated). */
    static final String ACCESS_LOG_HEADERS = "chat.access-log.headers";

    private static final Logger LOG = System.getLogger(UpgradeLeftovers.class.getName());
    private static final boolean GRIZZLY = grizzly();

    private List<String> accessLogHeaders = List.of();

    @Override
    public void init(FilterConfig config) {
        accessLogHeaders = ConfigProvider.getConfig().getOptionalValues(ACCESS_LOG_HEADERS, String.class)
                .orElse(List.of()).stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request instanceof HttpServletRequest http ? new NoReverseLookup(http) : request, response);
        if (GRIZZLY && response instanceof HttpServletResponse http
                && http.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS && response.isCommitted()) {
            GrizzlyRequests.release(request, accessLogHeaders);
        }
    }

    /**
     * The request with its local host name taken to be its local address. Tyrus reads the name at every upgrade (for
     * a property of the session nothing here uses), and Grizzly resolves it by a reverse DNS lookup of the local
     * address: a call to the resolver per handshake, which blocks the handshake for as long as the resolver takes
     * to answer (or to time out, where the server's address has no PTR record).
     */
    static final class NoReverseLookup extends HttpServletRequestWrapper {

        NoReverseLookup(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getLocalName() {
            return getLocalAddr();
        }
    }

    private static boolean grizzly() {
        try {
            boolean usable = GrizzlyRequests.usable();
            LOG.log(Level.INFO, usable
                    ? "Grizzly found: an upgraded request keeps no buffers of the I/O layer"
                    : "An upgraded request is kept as the web container leaves it");
            return usable;
        } catch (LinkageError absent) {
            LOG.log(Level.INFO, "An upgraded request is kept as the web container leaves it ({0})", absent.toString());
            return false;
        }
    }
}
