package dev.enterprisechat.testsupport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A JDK WebSocket listener that hands on whole text messages (the JDK delivers them in pieces) and asks for more
 * only while {@link #reading()}: a client that stops asking makes the server's frames back up, as a stalled browser
 * does. Shared by the test client and the benchmark client.
 */
public abstract class WholeTextListener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    /** One whole text message from the server. */
    protected abstract void onFrame(String frame);

    /** Whether to ask for the next message (and answer pings, which the JDK does only while asked for more). */
    protected boolean reading() {
        return true;
    }

    @Override
    public CompletableFuture<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            onFrame(frame);
        }
        if (reading()) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletableFuture<?> onPing(WebSocket webSocket, ByteBuffer message) {
        if (reading()) {
            webSocket.request(1);
        }
        return null;
    }
}
