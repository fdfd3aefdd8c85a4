package dev.enterprisechat.rooms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** On objects shaped as Tyrus's socket and its upgrade handler on Payara: the fields followed, by name. */
class TyrusHandshakeTest {

    static final class Socket {
        final Handler protocolHandler = new Handler();
    }

    static final class Handler {
        final Writer writer = new Writer();
    }

    static final class Writer {
        Object tyrusHttpUpgradeHandler;
    }

    /** What Tyrus registers with the web container, in front of its upgrade handler. */
    static final class UpgradeHandlerProxy {
        UpgradeHandler handler;
    }

    static final class UpgradeHandler {
        Object upgradeInfo = new Object();
        Object wc = new Object();
    }

    /** An upgrade handler of another shape: nothing to forget. */
    static final class OtherHandler {
        Object wc = new Object();
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
    }
}
