package dev.enterprisechat.rooms;

import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** On objects shaped as Tyrus's socket and its upgrade handler on Payara: the fields followed, by name. */
class TyrusHandshakeTest {

    static final class Socket {
        final Handler protocolHandler = new Handler();
    }

    static final class Handler {
        final ServletWriter writer = new ServletWriter();
    }

    static final class ServletWriter {
        Object tyrusHttpUpgradeHandler;
    }

    /** What Tyrus registers with the web container, in front of its upgrade handler. */
    static final class UpgradeHandlerProxy {
        UpgradeHandler handler;
    }

    static final class UpgradeHandler {
        WebSocketEngine.UpgradeInfo upgradeInfo = new Result();
        Object wc = new Object();
    }

    /** An upgrade handler of another shape: nothing to forget. */
    static final class OtherHandler {
        Object wc = new Object();
    }

    /** A field of that name holding something else: left alone. */
    static final class OtherResult {
        Object upgradeInfo = new Object();
    }

    static final class Result implements WebSocketEngine.UpgradeInfo {
        @Override
        public WebSocketEngine.UpgradeStatus getStatus() {
            return WebSocketEngine.UpgradeStatus.SUCCESS;
        }

        @Override
        public Connection createConnection(org.glassfish.tyrus.spi.Writer writer, Connection.CloseListener closeListener) {
            return null;
        }
    }

    private final Socket socket = new Socket();

    @Test
    void theUpgradesResultIsForgottenBehindTheProxy() {
        UpgradeHandler handler = new UpgradeHandler();
        UpgradeHandlerProxy proxy = new UpgradeHandlerProxy();
        proxy.handler = handler;
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = proxy;
        Object connection = handler.wc;

        TyrusHandshake.forget(socket);

        assertThat(handler.upgradeInfo).isNull();
        assertThat(handler.wc).isSameAs(connection);
        assertThat(proxy.handler).isSameAs(handler);
    }

    @Test
    void theUpgradesResultIsForgottenWithoutAProxy() {
        UpgradeHandler handler = new UpgradeHandler();
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = handler;

        TyrusHandshake.forget(socket);

        assertThat(handler.upgradeInfo).isNull();
    }

    @Test
    void anotherShapeIsLeftAsItIs() {
        OtherHandler handler = new OtherHandler();
        Object connection = handler.wc;
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = handler;

        assertThatCode(() -> TyrusHandshake.forget(socket)).doesNotThrowAnyException();
        assertThatCode(() -> TyrusHandshake.forget(new Object())).doesNotThrowAnyException();
        assertThat(handler.wc).isSameAs(connection);

        OtherResult other = new OtherResult();
        Object kept = other.upgradeInfo;
        socket.protocolHandler.writer.tyrusHttpUpgradeHandler = other;
        TyrusHandshake.forget(socket);
        assertThat(other.upgradeInfo).isSameAs(kept);
    }
}
