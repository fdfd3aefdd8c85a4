/**
 * Delivery: who is connected where, and the one seam from "committed" to "sent".
 * <p>
 * Decisions:
 * <ul>
 * <li>Components never send to sockets. They fire a {@link dev.enterprisechat.rooms.Broadcast} CDI event inside
 * their transaction, or (the message writers, on their own JDBC transaction) stage their announcements with the
 * {@link dev.enterprisechat.rooms.Broadcaster}. The Broadcaster hands everything to the deployment's
 * {@link dev.enterprisechat.rooms.Relay}, chosen once at start: the {@link dev.enterprisechat.rooms.LocalRelay}
 * (delivers after the commit) or the cluster's (publishes in the transaction, delivers from the database's event
 * stream on every instance). Business code never asks which.</li>
 * <li>{@link dev.enterprisechat.rooms.Routing} says which connections an event reaches (users or a room,
 * exceptions, an eviction); {@link dev.enterprisechat.rooms.Rooms#deliver} is the one implementation of it, for
 * both relays.</li>
 * <li>The {@link dev.enterprisechat.rooms.Rooms} registry is an application-scoped CDI bean (not an EJB) over concurrent
 * maps: no global lock, no blocking send. A frame is encoded once and the same text goes to every recipient.</li>
 * <li>Each {@link dev.enterprisechat.rooms.Connection} writes its frames in the order they were handed to it and
 * bounds what is in flight in frames and bytes; a connection that cannot keep up is closed (4408) instead of
 * growing the heap. A closed connection is reachable from nothing (see {@link dev.enterprisechat.rooms.Deadline}).
 * </li>
 * <li>A connection the server gives up on ({@link dev.enterprisechat.rooms.Connection#abandon}) is cleaned up at
 * once ({@link dev.enterprisechat.rooms.Abandoned}), and handed what drops its socket, for a peer that never answers
 * the close.</li>
 * </ul>
 */
package dev.enterprisechat.rooms;
