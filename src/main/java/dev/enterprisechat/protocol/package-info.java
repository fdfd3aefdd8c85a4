/**
 * The wire contract: the envelope, its codec, the error model and the dispatch of requests to handlers.
 * <p>
 * Decisions:
 * <ul>
 * <li>Every frame is one JSON {@link dev.enterprisechat.protocol.Envelope}. The decoder validates the envelope once;
 * each {@link dev.enterprisechat.protocol.Handler} validates its own payload.</li>
 * <li>Handlers are found through a map keyed by message type, built at startup; a duplicate type fails deployment
 * and an unknown type is answered with {@code UNKNOWN_TYPE}.</li>
 * <li>Business failures are {@link dev.enterprisechat.protocol.ChatException}s carrying an
 * {@link dev.enterprisechat.protocol.ErrorCode}; only the {@link dev.enterprisechat.protocol.Dispatcher} turns them
 * into error frames. Anything else becomes {@code INTERNAL} with a reference id that is also logged: no stack trace
 * or SQL ever reaches a client.</li>
 * </ul>
 */
package dev.enterprisechat.protocol;
