/**
 * The top of the server: the WebSocket endpoint at {@code /api/websocket}, the handshake, the life of a connection
 * (anonymous, signed in, refreshed, closed at its deadline), the dispatch of requests to handlers, the heartbeat and
 * the drain on shutdown. The only WebSocket-aware code besides the connection's outbound path
 * ({@link dev.enterprisechat.rooms.Connection}).
 * <p>
 * Decisions:
 * <ul>
 * <li>A token can come in the {@code Sec-WebSocket-Protocol} header as {@code bearer.<JWT>} (what browsers can
 * set), as the {@code access_token} query parameter (less safe: URLs end up in logs), or later in an {@code auth}
 * request. A token offered on the handshake that does not verify refuses the upgrade with HTTP 401; quotas refuse
 * it with 429.</li>
 * <li>The server selects the {@code chat.v1} subprotocol and never echoes the bearer entry.</li>
 * <li>The endpoint is thin, and one instance serves every connection (a connection's state is in its session): it
 * builds the {@link dev.enterprisechat.rooms.Connection}, joins a message's fragments
 * ({@link dev.enterprisechat.gateway.InboundText}), decodes it and hands it to the
 * {@link dev.enterprisechat.gateway.Dispatcher}, and signs out on close.</li>
 * <li>Each connection's {@link dev.enterprisechat.gateway.Pipeline} keeps the protocol's order: sends may start while
 * earlier sends are unanswered (they share the writer's batch), any other request waits for everything before it,
 * and answers leave in request order.</li>
 * <li>The {@link dev.enterprisechat.gateway.Dispatcher} finds each request's handler in a map by type, built at
 * start (a duplicate type fails the deployment); it is the only place where exceptions become error frames, every
 * frame costs a request of the connection's budget, and every request is answered exactly once.</li>
 * <li>An upgraded HTTP request lives as long as its connection; on Payara what it holds of the I/O layer's buffers is
 * given back once the {@code 101} has left ({@link dev.enterprisechat.gateway.UpgradeLeftovers}), and its credential
 * headers with it.</li>
 * </ul>
 */
package dev.enterprisechat.gateway;
