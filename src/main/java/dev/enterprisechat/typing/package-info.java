/**
 * Typing indicators, server-owned so that they end even when a client forgets to stop them.
 * <p>
 * Decisions:
 * <ul>
 * <li>Typing is never stored: it lives in memory, for the rooms of this server.</li>
 * <li>A typist is a user in a conversation. Only changes are announced ({@code typing:true} once, then
 * {@code typing:false} once), to the connections joined to the room except the typist's own; a repeated
 * {@code typing_start} inside the window only pushes the window back, so clients may send it every 2–3 s.</li>
 * <li>The server ends typing by itself after the window (6 s by default), when the typist sends a message there,
 * leaves the conversation, or the connection that typed leaves the room or closes: it hears of those as events
 * ({@code MessageSent}, {@code ParticipantLeft}, {@code RoomLeft}, {@code ConnectionClosed}), so nothing below it
 * calls it.</li>
 * </ul>
 */
package dev.enterprisechat.typing;
