package dev.enterprisechat.operations.boundary;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.operations.control.JdbcUrls;
import dev.enterprisechat.operations.control.ServerPorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Manifest;

/**
 * A few lines when the application has started, so that what matters on a first run — where to point the browser,
 * where the data lives, whether anyone can sign in as anybody — is not lost among the container's messages. Never
 * logs a secret: the database URL loses its parameters, the password is not read at all.
 */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = System.getLogger(StartupBanner.class.getName());
    /** As in ConfiguredDataSource: where the embedded database lives when DB_URL is not set. */
    private static final String EMBEDDED_DEFAULT = "chat-data/chat";

    @Inject
    ClusterSettings cluster;

    @Inject
    @ConfigProperty(name = "db.url")
    Optional<String> dbUrl;

    @Inject
    @ConfigProperty(name = "db.user")
    Optional<String> dbUser;

    @Inject
    @ConfigProperty(name = "db.embedded.path", defaultValue = EMBEDDED_DEFAULT)
    String embeddedPath;

    @Inject
    @ConfigProperty(name = "chat.dev.mode", defaultValue = "false")
    boolean devMode;

    /**
     * In a web module the event's payload is its ServletContext (an injected ServletContext is a request-scoped
     * proxy in Weld, unusable without a request).
     */
    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext servletContext) {
        LOG.log(Level.INFO, String.join(System.lineSeparator(), lines(servletContext)));
    }

    List<String> lines(ServletContext servletContext) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("  Chat server " + version(servletContext));
        addresses(lines, servletContext.getContextPath() + "/");
        lines.add("  Database   " + database());
        lines.add("  Cluster    " + (cluster.enabled()
                ? "postgres: instance " + cluster.instanceId() + " (events through PostgreSQL LISTEN/NOTIFY)"
                : "none (one instance)"));
        if (devMode) {
            lines.add("  DEV MODE   anyone who can reach this server gets a token for any user at api/dev/token;"
                    + " never where real users connect");
        }
        return lines;
    }

    private static void addresses(List<String> lines, String root) {
        Optional<ServerPorts> ports = ServerPorts.ofPayaraMicro().filter(p -> !p.http().isEmpty() || !p.https().isEmpty());
        if (ports.isEmpty()) {
            lines.add("  Path       " + root + " (WebSocket " + root + "api/websocket)");
            return;
        }
        String label = "  URL        ";
        for (int port : ports.get().http()) {
            lines.add(label + "http://localhost:" + port + root + "  (WebSocket ws://localhost:" + port + root
                    + "api/websocket)");
            label = "             ";
        }
        for (int port : ports.get().https()) {
            lines.add(label + "https://localhost:" + port + root + "  (WebSocket wss://localhost:" + port + root
                    + "api/websocket)");
            label = "             ";
        }
    }

    private String database() {
        Optional<String> url = dbUrl.map(String::trim).filter(u -> !u.isEmpty());
        if (url.isEmpty()) {
            Path file = Path.of(embeddedPath.isBlank() ? EMBEDDED_DEFAULT : embeddedPath.trim()).toAbsolutePath();
            return "embedded H2 in " + file + ".mv.db (DB_URL is not set: for trying the server out)";
        }
        String user = dbUser.map(String::trim).filter(u -> !u.isEmpty()).map(u -> ", user " + u).orElse("");
        return JdbcUrls.withoutSecrets(url.get()) + user;
    }

    /** The WAR's Implementation-Version (the Maven version); "(version unknown)" in a WAR built otherwise. */
    private static String version(ServletContext servletContext) {
        try (InputStream in = servletContext.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in != null) {
                String version = new Manifest(in).getMainAttributes().getValue("Implementation-Version");
                if (version != null && !version.isBlank()) {
                    return version;
                }
            }
        } catch (IOException unreadable) {
            LOG.log(Level.DEBUG, "No manifest: {0}", unreadable.toString());
        }
        return "(version unknown)";
    }
}
