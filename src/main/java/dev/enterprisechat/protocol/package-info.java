/**
 * The wire contract, at the floor of the server: it imports no other component. The envelope and its codec, the
 * edge checks of every frame ({@link dev.enterprisechat.protocol.FrameReader}: nesting, number length, valid
 * Unicode without NUL), the error model, payload field parsing, the {@link dev.enterprisechat.protocol.Handler}
 * interface and what a handler sees of a request ({@link dev.enterprisechat.protocol.Request},
 * {@link dev.enterprisechat.protocol.Caller}).
 * <p>
 * Decisions:
 * <ul>
 * <li>Every frame is one JSON {@link dev.enterprisechat.protocol.Envelope}. The decoder validates the envelope and
 * all of its text once; each handler validates its own payload with {@link dev.enterprisechat.protocol.Fields}.</li>
 * <li>Business failures are {@link dev.enterprisechat.protocol.ChatException}s carrying an
 * {@link dev.enterprisechat.protocol.ErrorCode}; anything else becomes {@code INTERNAL} with a reference id that is
 * also logged: no stack trace or SQL ever reaches a client.</li>
 * </ul>
 */
package dev.enterprisechat.protocol;
