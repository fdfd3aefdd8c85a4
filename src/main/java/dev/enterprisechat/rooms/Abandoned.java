package dev.enterprisechat.rooms;

import java.util.function.BooleanSupplier;

/**
 * The clean-up when the server gives up on a connection (too slow, no pong, missed cluster events): run at once,
 * rather than whenever the peer's close handshake ends, which a peer that stopped reading never ends.
 */
@FunctionalInterface
public interface Abandoned {

    /**
     * @param code the close code the connection was closed with
     * @param drop drops the connection's socket, unsent bytes and all, if it is still open, and says whether it was
     */
    void abandoned(Connection connection, int code, BooleanSupplier drop);
}
