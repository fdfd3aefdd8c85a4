package dev.enterprisechat.rooms;

import jakarta.websocket.Session;

import java.util.function.Consumer;

/** How a connection's frames reach its socket: directly as ready-made bytes on Tyrus, else through the standard API. */
@FunctionalInterface
interface FrameWriter {

    /** Hands the frame to the container's asynchronous writer; {@code done} gets the failure, or null once written. */
    void write(Frame frame, Consumer<Throwable> done);

    static FrameWriter of(Session session) {
        FrameWriter direct = DirectWrites.of(session);
        return direct != null ? direct
                : (frame, done) -> session.getAsyncRemote().sendText(frame.text(),
                        result -> done.accept(result.getException()));
    }
}
