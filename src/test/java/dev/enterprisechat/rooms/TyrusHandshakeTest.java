package dev.enterprisechat.rooms;

import dev.enterprisechat.rooms.GrizzlyOutputTest.Socket;
import dev.enterprisechat.rooms.GrizzlyOutputTest.UpgradeHandler;
import dev.enterprisechat.rooms.GrizzlyOutputTest.UpgradeHandlerProxy;
import dev.enterprisechat.rooms.GrizzlyOutputTest.WebConnection;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * On objects shaped as Tyrus's socket and its upgrade handler on Payara ({@link GrizzlyOutputTest}'s shapes): the
 * fields followed, by name.
 */
class TyrusHandshakeTest {

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
        UpgradeHandler handler = upgraded();
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
        UpgradeHandler handler = upgraded();
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

    /** A handler as Tyrus leaves it once upgraded: its connection and the upgrade's result. */
    private static UpgradeHandler upgraded() {
        UpgradeHandler handler = new UpgradeHandler();
        handler.wc = new WebConnection();
        handler.upgradeInfo = new Result();
        return handler;
    }
}
