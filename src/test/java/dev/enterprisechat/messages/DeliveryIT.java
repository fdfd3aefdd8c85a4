package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.Concurrently;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery guarantees under concurrency: gapless seqs, in-order delivery, idempotent retries, catch-up. */
class DeliveryIT extends DeployedChat {

    @Test
    void concurrentSendersGetGaplessSeqsAndEveryListenerReceivesAllInOrder() {
        int senders = 8;
        int perSender = 100;
        ChatClient owner = users.connect(Tokens.newUserId("owner"));
        List<ChatClient> listeners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            listeners.add(users.connect(Tokens.newUserId("listener")));
        }
        List<ChatClient> sending = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            sending.add(users.connect(Tokens.newUserId("sender")));
        }
        List<ChatClient> members = new ArrayList<>(listeners);
        members.addAll(sending);
        long conversation = owner.createGroupWith("busy", members.toArray(ChatClient[]::new));
        listeners.forEach(ChatClient::barrier);

        List<Supplier<List<Integer>>> tasks = sending.stream().<Supplier<List<Integer>>>map(sender -> () ->
                IntStream.range(0, perSender).mapToObj(i -> sender.ack("send_message",
                        Payload.of("conversationId", conversation, "content", "m" + i))
                        .getJsonObject("message").getInt("seq")).toList()).toList();

        List<Integer> allSeqs = new ArrayList<>();
        Concurrently.run(tasks).forEach(allSeqs::addAll);
        int total = senders * perSender;
        assertThat(allSeqs).as("acked seqs are 1..N without gaps or duplicates")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
        for (ChatClient listener : listeners) {
            List<Integer> received = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                received.add(listener.eventPayload("new_message").getJsonObject("message").getInt("seq"));
            }
            assertThat(received).as("every listener receives all, in seq order")
                    .isEqualTo(IntStream.rangeClosed(1, total).boxed().toList());
        }
    }

    @Test
    void theSameClientMessageIdFromTwoDevicesAtOnceIsStoredOnceAndAnnouncedOnce() {
        String alice = Tokens.newUserId("alice");
        ChatClient phone = users.connect(alice);
        ChatClient laptop = users.connect(alice);
        ChatClient bob = users.connect(Tokens.newUserId("bob"));
        long conversation = phone.createGroupWith("twice", bob);

        for (int round = 0; round < 10; round++) {
            JsonObject send = Payload.of("conversationId", conversation, "content", "once " + round,
                    "clientMessageId", "same-" + round);
            List<JsonObject> acks = Concurrently.run(() -> phone.ack("send_message", send),
                    () -> laptop.ack("send_message", send));
            assertThat(acks.get(0)).isEqualTo(acks.get(1));
            assertThat(bob.eventPayload("new_message").getJsonObject("message").getString("content"))
                    .isEqualTo("once " + round);
        }
        assertThat(bob.hasEvent("new_message")).isFalse();
        assertThat(bob.ack("load_messages", Payload.of("conversationId", conversation)).getJsonArray("messages"))
                .hasSize(10);
    }

    @Test
    void aReconnectingClientCatchesUpOnExactlyWhatItMissedInEveryConversation() {
        String lena = Tokens.newUserId("lena");
        ChatClient writer = users.connect(Tokens.newUserId("writer"));
        ChatClient listener = users.connect(lena);
        List<JsonObject> groups = List.of(
                writer.ack("create_group", Payload.of("name", "one")).getJsonObject("group"),
                writer.ack("create_group", Payload.of("name", "two")).getJsonObject("group"),
                writer.ack("create_group", Payload.of("name", "quiet")).getJsonObject("group"));
        Map<Long, Integer> lastSeen = new TreeMap<>();
        for (JsonObject group : groups) {
            listener.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
            long conversation = group.getJsonNumber("conversationId").longValue();
            writer.ack("send_message", Payload.of("conversationId", conversation, "content", "seen"));
            listener.event("new_message");
            lastSeen.put(conversation, 1);
        }
        listener.close();

        long one = groups.get(0).getJsonNumber("conversationId").longValue();
        long two = groups.get(1).getJsonNumber("conversationId").longValue();
        send(writer, one, 5);
        send(writer, two, 3);
        long direct = writer.directConversationWith(lena);
        send(writer, direct, 2);

        ChatClient back = users.connect(lena);
        Map<Long, List<Integer>> caughtUp = syncAll(back, lastSeen, 2);

        assertThat(caughtUp).containsEntry(one, List.of(2, 3, 4, 5, 6))
                .containsEntry(two, List.of(2, 3, 4))
                .containsEntry(groups.get(2).getJsonNumber("conversationId").longValue(), List.of())
                .as("a conversation joined while away comes from its first message")
                .containsEntry(direct, List.of(1, 2));
    }

    @Test
    void liveMessagesDuringASyncAreNotLostWhenMergedBySeq() {
        String lena = Tokens.newUserId("lena");
        ChatClient writer = users.connect(Tokens.newUserId("writer"));
        long conversation = writer.createGroupWith("live", users.connect(lena));
        send(writer, conversation, 10);

        ExecutorService background = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> send(writer, conversation, 60), background);
        ChatClient back = users.connect(lena);
        JsonObject synced = back.ack("sync", Payload.of("conversations", cursor(conversation, 10), "limit", 200));
        traffic.join();
        background.shutdown();
        back.barrier();

        TreeMap<Integer, Integer> merged = new TreeMap<>();
        synced.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("conversationId").longValue() == conversation)
                .flatMap(c -> c.getJsonArray("messages").getValuesAs(JsonObject.class).stream())
                .forEach(m -> merged.merge(m.getInt("seq"), 1, Integer::sum));
        while (back.hasEvent("new_message")) {
            merged.merge(back.eventPayload("new_message").getJsonObject("message").getInt("seq"), 1, Integer::sum);
        }
        assertThat(merged.keySet()).as("subscribed first, then read: nothing falls between")
                .containsExactlyElementsOf(IntStream.rangeClosed(11, 70).boxed().toList());
    }

    @Test
    void syncReportsReadPositionsAndRefusesBadCursors() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        long conversation = a.createGroupWith("reads", b);
        send(b, conversation, 3);
        a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 2));

        JsonObject synced = a.ack("sync", Payload.of("conversations", cursor(conversation, 3)))
                .getJsonArray("conversations").getJsonObject(0);
        assertThat(synced.getJsonArray("messages")).isEmpty();
        assertThat(synced.getBoolean("hasMore")).isFalse();
        assertThat(synced.getInt("lastSeq")).isEqualTo(3);
        assertThat(synced.getInt("lastReadSeq")).isEqualTo(2);
        assertThat(synced.getJsonArray("readPositions").getValuesAs(JsonObject.class))
                .extracting(p -> p.getString("userId") + "@" + p.getInt("lastReadSeq"))
                .contains(alice + "@2");

        JsonObject error = a.error("sync", Payload.of("conversations", "all"));
        assertThat(error.getString("message")).isEqualTo("conversations must be an array of objects");
        assertThat(a.error("sync", Payload.of("limit", 0)).getString("message"))
                .isEqualTo("limit must be between 1 and 200");
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        assertThat(outsider.ack("sync", Payload.of("conversations", cursor(conversation, 0)))
                .getJsonArray("conversations")).as("nothing of conversations one is not in").isEmpty();
    }

    private static void send(ChatClient sender, long conversation, int count) {
        for (int i = 0; i < count; i++) {
            sender.ack("send_message", Payload.of("conversationId", conversation, "content", "m" + i));
        }
    }

    private static JsonValue cursor(long conversation, int afterSeq) {
        return Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("conversationId", conversation).add("afterSeq", afterSeq)).build();
    }

    /** Syncs page by page, as a client does, and returns the seqs received per conversation. */
    static Map<Long, List<Integer>> syncAll(ChatClient client, Map<Long, Integer> lastSeen, int limit) {
        Map<Long, Integer> cursors = new TreeMap<>(lastSeen);
        Map<Long, List<Integer>> received = new TreeMap<>();
        boolean more = true;
        while (more) {
            JsonArrayBuilder request = Json.createArrayBuilder();
            cursors.forEach((id, seq) -> request.add(Json.createObjectBuilder().add("conversationId", id)
                    .add("afterSeq", seq)));
            more = false;
            for (JsonObject c : client.ack("sync", Payload.of("conversations", request.build(), "limit", limit))
                    .getJsonArray("conversations").getValuesAs(JsonObject.class)) {
                long id = c.getJsonNumber("conversationId").longValue();
                List<Integer> seqs = received.computeIfAbsent(id, k -> new ArrayList<>());
                c.getJsonArray("messages").getValuesAs(JsonObject.class).forEach(m -> {
                    seqs.add(m.getInt("seq"));
                    cursors.put(id, m.getInt("seq"));
                });
                cursors.putIfAbsent(id, 0);
                more |= c.getBoolean("hasMore");
            }
        }
        return received;
    }
}
