package dev.enterprisechat.rooms;

import org.glassfish.tyrus.spi.WebSocketEngine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;

/**
 * Lets go of the handshake Tyrus keeps for a connection's whole life on Payara (and GlassFish): its upgrade handler
 * keeps the result of the upgrade, which holds Tyrus's copy of the request (its headers as lists in a tree map, the
 * query's parameters, copies of the container's configuration maps) and of the response's headers. The handler reads
 * it once, to create the connection; the session the connection creates has taken what it keeps (the request's URI,
 * query, parameters and principal) by then. Heap dumps of 2 000 idle connections (docs/benchmarks.md) found all of
 * it still there, under each handler.
 * <p>
 * It runs when the session opens, which is while the handler creates the connection, after it has read the result:
 * the handler never reads it again. Only a field of Tyrus's type for that result is touched; anything unexpected on
 * the way (another server, another version) leaves the connection as it is.
 */
final class TyrusHandshake {

    private static final Logger LOG = System.getLogger(TyrusHandshake.class.getName());

    private TyrusHandshake() {
    }

    /**
     * Forgets the upgrade's result of the connection's upgrade handler; from the session's opening only.
     *
     * @param socket Tyrus's socket of the connection
     */
    static void forget(Object socket) {
        try {
            Object handler = GrizzlyOutput.upgradeHandler(socket);
            if (handler != null) {
                Field result = GrizzlyOutput.field(handler.getClass(), "upgradeInfo");
                if (result.getType() == WebSocketEngine.UpgradeInfo.class) {
                    result.set(handler, null);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "The upgrade's handshake is kept: {0}", unexpected.toString());
        }
    }
}
