/**
 * The WebSocket face of the server, and its only WebSocket-aware code besides the connection's outbound path:
 * the endpoint at {@code /api/websocket} and the handshake that verifies a token before the upgrade.
 * <p>
 * Decisions:
 * <ul>
 * <li>A token can come in the {@code Sec-WebSocket-Protocol} header as {@code bearer.<JWT>} (what browsers can
 * set), as the {@code access_token} query parameter (less safe: URLs end up in logs), or later in an {@code auth}
 * request. A token offered on the handshake that does not verify refuses the upgrade with HTTP 401.</li>
 * <li>The server selects the {@code chat.v1} subprotocol and never echoes the bearer entry.</li>
 * <li>The endpoint is thin: it builds the {@link dev.enterprisechat.rooms.Connection}, hands every decoded frame to
 * the {@link dev.enterprisechat.protocol.Dispatcher}, answers undecodable frames, and signs out on close.</li>
 * </ul>
 */
package dev.enterprisechat.gateway;
