package dev.enterprisechat.rooms;

/** A frame and the connections it goes to: one of several delivered together ({@link Rooms#deliver(java.util.List)}). */
public record Routed(Routing routing, Frame frame) {
}
