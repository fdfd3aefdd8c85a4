/**
 * Who is connected where, and the path from "committed" to "sent".
 * <p>
 * Decisions:
 * <ul>
 * <li>Components never send to sockets. They fire a {@link dev.enterprisechat.rooms.Broadcast} CDI event inside
 * their transaction; the {@link dev.enterprisechat.rooms.Broadcaster} observes it only after a successful commit, so
 * nothing is announced that a rollback takes back. The Broadcaster is the one seam where per-conversation sequencing
 * and cross-instance relay plug in.</li>
 * <li>The {@link dev.enterprisechat.rooms.Rooms} registry is a bean-managed-concurrency singleton over concurrent
 * maps: no global lock, no blocking send. A frame is encoded once and the same text goes to every recipient.</li>
 * <li>Each {@link dev.enterprisechat.rooms.Connection} writes its frames in the order they were handed to it and
 * bounds what is in flight; a connection that cannot keep up is closed (4408) instead of growing the heap.</li>
 * </ul>
 */
package dev.enterprisechat.rooms;
