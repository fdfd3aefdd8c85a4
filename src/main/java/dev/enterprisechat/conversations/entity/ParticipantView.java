package dev.enterprisechat.conversations.entity;

/** A participant of a conversation on the wire. */
public record ParticipantView(String userId, String displayName) {
}
