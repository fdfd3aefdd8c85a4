package dev.enterprisechat.cluster;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.Concurrently;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.ServerProcess;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several instances of the runnable jar on 127.0.0.1, sharing one PostgreSQL, in cluster mode: users on different
 * instances see each other's messages (in seq order), typing, receipts and presence; an instance killed with
 * {@code kill -9} loses nothing that was acknowledged and its users go offline. Heartbeat 1 s, instance timeout 3 s,
 * presence grace 1 s.
 */
class ClusterIT {

    static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path workDir;

    static ServerProcess a;
    static ServerProcess b;

    static Map<String, String> clusterEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("CHAT_CLUSTER", "postgres");
        env.put("CHAT_CLUSTER_HEARTBEAT", "1s");
        env.put("CHAT_CLUSTER_INSTANCE_TIMEOUT", INSTANCE_TIMEOUT.toSeconds() + "s");
        // the narrower directory, which no Arquillian test (default settings) can reach
        env.put("CHAT_DIRECTORY_SCOPE", "shared");
        return env;
    }

    static ServerProcess startInstance(String name) {
        Map<String, String> env = clusterEnvironment();
        env.put("CHAT_CLUSTER_INSTANCE_NAME", name);
        return ServerProcess.start(ServerProcess.freePort(), workDir.resolve(name), env, "cluster-" + name);
    }

    @BeforeAll
    static void twoInstances() {
        List<ServerProcess> started = Concurrently.run(() -> startInstance("a"), () -> startInstance("b"));
        a = started.get(0);
        b = started.get(1);
    }

    @AfterAll
    static void stopInstances() {
        for (ServerProcess server : new ServerProcess[]{a, b}) {
            if (server != null) {
                server.close();
            }
        }
    }

    static ChatClient signIn(ServerProcess server, String user) {
        return ChatClient.signIn(server.endpoint(), Tokens.forUser(user).name(user).sign());
    }

    static JsonObject awaitPresence(ChatClient observer, String user, String status, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonObject presence = observer.event("presence", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                    .getJsonObject("payload");
            if (presence.getString("userId").equals(user) && presence.getString("status").equals(status)) {
                return presence;
            }
        }
    }

    @Test
    void eachInstanceIsReadyOnlyWhileItReceivesTheClustersEvents() {
        for (ServerProcess server : List.of(a, b)) {
            Http.Answer ready = Http.get(server.http().resolve("/health/ready"));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("\"clusterEvents\":\"true\"", "\"instance\":\"");
            assertThat(Http.get(server.http().resolve("/health/live")).body())
                    .as("one message writer: notifying commits take turns server-wide")
                    .contains("\"writers\":\"1\"");
        }
    }

    @Test
    void everyEventReachesTheOtherInstance() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        try (ChatClient onA = signIn(a, alice)) {
            JsonObject group = onA.ack("create_group", Payload.of("name", "across")).getJsonObject("group");
            long conversation = group.getJsonNumber("conversationId").longValue();
            try (ChatClient onB = signIn(b, bob)) {
                onB.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
                assertThat(onA.eventPayload("member_joined").getJsonObject("user").getString("userId")).isEqualTo(bob);
                assertThat(onA.ack("load_conversations", Payload.of()).getJsonArray("conversations")
                        .getJsonObject(0).getJsonArray("participants").getValuesAs(JsonObject.class))
                        .as("presence in the list is cluster-wide")
                        .anySatisfy(p -> {
                            assertThat(p.getString("userId")).isEqualTo(bob);
                            assertThat(p.getBoolean("online")).isTrue();
                        });

                onA.ack("join_conversation", Payload.of("conversationId", conversation));
                onB.ack("join_conversation", Payload.of("conversationId", conversation));

                JsonObject hello = onA.ack("send_message", Payload.of("conversationId", conversation,
                        "content", "hello from A")).getJsonObject("message");
                assertThat(onB.eventPayload("new_message").getJsonObject("message")).isEqualTo(hello);
                JsonObject reply = onB.ack("send_message", Payload.of("conversationId", conversation,
                        "content", "hi from B")).getJsonObject("message");
                assertThat(onA.eventPayload("new_message").getJsonObject("message")).isEqualTo(reply);

                onB.ack("typing_start", Payload.of("conversationId", conversation));
                JsonObject typing = onA.eventPayload("typing");
                assertThat(typing.getString("userId")).isEqualTo(bob);
                assertThat(typing.getBoolean("typing")).isTrue();
                onB.ack("typing_stop", Payload.of("conversationId", conversation));
                assertThat(onA.eventPayload("typing").getBoolean("typing")).isFalse();

                onA.ack("mark_read", Payload.of("conversationId", conversation, "seq", reply.getInt("seq")));
                JsonObject receipt = onB.eventPayload("read_receipt");
                assertThat(receipt.getString("userId")).isEqualTo(alice);
                assertThat(receipt.getInt("seq")).isEqualTo(reply.getInt("seq"));

                String large = "€".repeat(4000); // 12 000 bytes: past NOTIFY's limit, the event goes by reference
                JsonObject big = onA.ack("send_message", Payload.of("conversationId", conversation,
                        "content", large)).getJsonObject("message");
                assertThat(onB.eventPayload("new_message").getJsonObject("message")).isEqualTo(big);
                assertThat(big.getString("content")).isEqualTo(large);
            }
            awaitPresence(onA, bob, "offline", ChatClient.WAIT);
            try (ChatClient phoneOnA = signIn(a, bob); ChatClient laptopOnB = signIn(b, bob)) {
                awaitPresence(onA, bob, "online", ChatClient.WAIT);
                phoneOnA.close();
                assertThatThrownBy(() -> awaitPresence(onA, bob, "offline", Duration.ofSeconds(3)))
                        .as("online while a device is connected to either instance")
                        .isInstanceOf(AssertionError.class);
            }
            awaitPresence(onA, bob, "offline", ChatClient.WAIT);
        }
    }

    @Test
    void anInstanceWhoseEventStreamBrokeMakesItsClientsResync() throws Exception {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        try (ChatClient onA = signIn(a, alice); ChatClient onB = signIn(b, bob)) {
            onA.createGroupWith("interrupted", onB);
            try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"),
                    System.getProperty("test.db.user"), System.getProperty("test.db.password"));
                 Statement cut = db.createStatement()) {
                // the listening sessions of every instance: what a database restart or a network cut does to them
                cut.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = 'chat-cluster-listener'");
            }
            assertThat(onA.awaitClose(ChatClient.WAIT)).as("reconnect and sync").isEqualTo(1012);
            assertThat(onB.awaitClose(ChatClient.WAIT)).isEqualTo(1012);
        }
        for (ServerProcess server : List.of(a, b)) {
            Http.awaitStatus(server.http().resolve("/health/ready"), 200, ChatClient.WAIT);
        }
        try (ChatClient onA = signIn(a, alice); ChatClient onB = signIn(b, bob)) {
            JsonObject conversations = onA.ack("load_conversations", Payload.of());
            long conversation = conversations.getJsonArray("conversations").getJsonObject(0)
                    .getJsonNumber("id").longValue();
            JsonObject sent = onA.ack("send_message", Payload.of("conversationId", conversation,
                    "content", "after the interruption")).getJsonObject("message");
            assertThat(onB.eventPayload("new_message").getJsonObject("message")).isEqualTo(sent);
        }
    }

    @Test
    void aRetriedSendIsStoredOnceAndAnnouncedOnceOnEveryInstance() {
        // the retry's insert fails before the batch's NOTIFY (which carries the commit): rolled back, then answered
        // with the original, and nothing of the failed attempt is announced or committed
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        try (ChatClient onA = signIn(a, alice); ChatClient onB = signIn(b, bob)) {
            JsonObject group = onA.ack("create_group", Payload.of("name", "retries")).getJsonObject("group");
            long conversation = group.getJsonNumber("conversationId").longValue();
            onB.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
            onA.ack("join_conversation", Payload.of("conversationId", conversation));
            onB.ack("join_conversation", Payload.of("conversationId", conversation));

            JsonObject send = Payload.of("conversationId", conversation, "content", "once", "clientMessageId", "r-1");
            JsonObject first = onA.ack("send_message", send).getJsonObject("message");
            assertThat(onB.eventPayload("new_message").getJsonObject("message")).isEqualTo(first);
            JsonObject retried = onA.ack("send_message", send).getJsonObject("message");
            assertThat(retried).isEqualTo(first);

            JsonObject next = onA.ack("send_message", Payload.of("conversationId", conversation, "content", "next",
                    "clientMessageId", "r-2")).getJsonObject("message");
            assertThat(next.getInt("seq")).as("the rolled-back attempt took no seq").isEqualTo(first.getInt("seq") + 1);
            assertThat(onB.eventPayload("new_message").getJsonObject("message"))
                    .as("the retry was not announced again").isEqualTo(next);
            assertThat(onB.ack("load_messages", Payload.of("conversationId", conversation))
                    .getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("content")).containsExactly("once", "next");
        }
    }

    @Test
    void changesMadeOnBothInstancesReachEveryConnectionInRevOrder() {
        List<ChatClient> clients = new ArrayList<>();
        try (ChatClient author = signIn(a, Tokens.newUserId("author"))) {
            ChatClient reactorA = signIn(a, Tokens.newUserId("reactorA"));
            ChatClient reactorB = signIn(b, Tokens.newUserId("reactorB"));
            ChatClient listenerA = signIn(a, Tokens.newUserId("listenerA"));
            ChatClient listenerB = signIn(b, Tokens.newUserId("listenerB"));
            clients.addAll(List.of(reactorA, reactorB, listenerA, listenerB));
            long conversation = author.createGroupWith("changes", clients.toArray(ChatClient[]::new));
            author.ack("send_message", Payload.of("conversationId", conversation, "content", "v0"));

            Concurrently.run(() -> reactions(reactorA, conversation, "a"), () -> reactions(reactorB, conversation, "b"),
                    () -> {
                        for (int i = 1; i <= 5; i++) {
                            author.ack("edit_message", Payload.of("conversationId", conversation, "seq", 1,
                                    "content", "v" + i));
                            author.ack("send_message", Payload.of("conversationId", conversation, "content", "m" + i));
                        }
                        return 10;
                    });

            for (ChatClient listener : List.of(listenerA, listenerB)) {
                List<Long> revs = new ArrayList<>();
                JsonObject last = null;
                while (revs.size() < 31) {
                    JsonObject frame = listener.next();
                    String type = frame.getString("type");
                    if (type.equals("new_message") || type.equals("message_updated")) {
                        JsonObject message = frame.getJsonObject("payload").getJsonObject("message");
                        revs.add(message.getJsonNumber("rev").longValue());
                        last = message.getInt("seq") == 1 ? message : last;
                    }
                }
                assertThat(revs).as("every change once, in rev order, whatever instance made it")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 31).boxed().toList());
                assertThat(last.getString("content")).isEqualTo("v5");
                assertThat(last.getJsonArray("reactions")).hasSize(20);
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    private static int reactions(ChatClient reactor, long conversation, String prefix) {
        List<Map.Entry<String, JsonObject>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(Map.entry("add_reaction", Payload.of("conversationId", conversation, "seq", 1,
                    "emoji", ":" + prefix + i + ":")));
        }
        reactor.pipelined(burst);
        return burst.size();
    }

    @Test
    void concurrentSendersOnBothInstancesAreSeenInSeqOrderOnEveryConnection() {
        int perSender = 40;
        String owner = Tokens.newUserId("owner");
        List<ChatClient> senders = new ArrayList<>();
        List<ChatClient> listeners = new ArrayList<>();
        try (ChatClient creator = signIn(a, owner)) {
            for (int i = 0; i < 4; i++) {
                senders.add(signIn(i % 2 == 0 ? a : b, Tokens.newUserId("sender" + i)));
            }
            listeners.add(signIn(a, Tokens.newUserId("listenerA")));
            listeners.add(signIn(b, Tokens.newUserId("listenerB")));
            List<ChatClient> members = new ArrayList<>(senders);
            members.addAll(listeners);
            long conversation = creator.createGroupWith("busy", members.toArray(ChatClient[]::new));

            List<Supplier<List<Long>>> sending = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                ChatClient sender = senders.get(s);
                int number = s;
                sending.add(() -> {
                    List<Long> others = new ArrayList<>();
                    Set<Long> seen = new HashSet<>();
                    for (int m = 0; m < perSender; m++) {
                        long seq = sender.ack("send_message", Payload.of("conversationId", conversation,
                                "content", "s" + number + "-" + m, "clientMessageId", "s" + number + "-" + m))
                                .getJsonObject("message").getJsonNumber("seq").longValue();
                        for (JsonObject frame : sender.receivedSoFar()) {
                            if (frame.getString("type").equals("new_message")) {
                                long other = frame.getJsonObject("payload").getJsonObject("message")
                                        .getJsonNumber("seq").longValue();
                                others.add(other);
                                seen.add(other);
                            }
                        }
                        assertThat(LongStream.range(1, seq).boxed().filter(lower -> !seen.contains(lower)).toList())
                                .as("the messages before seq %d that sender %d's ack overtook", seq, number).isEmpty();
                        seen.add(seq);
                    }
                    return others;
                });
            }
            List<List<Long>> seenBySenders = Concurrently.run(sending);

            int total = perSender * senders.size();
            for (ChatClient listener : listeners) {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    seqs.add(listener.eventPayload("new_message").getJsonObject("message").getJsonNumber("seq")
                            .longValue());
                }
                assertThat(seqs).as("every message, once, in seq order")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            }
            for (int s = 0; s < senders.size(); s++) {
                List<Long> seqs = new ArrayList<>(seenBySenders.get(s));
                while (seqs.size() < total - perSender) {
                    seqs.add(senders.get(s).eventPayload("new_message").getJsonObject("message")
                            .getJsonNumber("seq").longValue());
                }
                assertThat(seqs).as("the others' messages, in seq order").isSorted().doesNotHaveDuplicates();
            }
        } finally {
            senders.forEach(ChatClient::close);
            listeners.forEach(ChatClient::close);
        }
    }

    @Test
    void aKilledInstanceLosesNothingAcknowledgedAndItsUsersGoOffline() throws Exception {
        String dana = Tokens.newUserId("dana");
        String erin = Tokens.newUserId("erin");
        String carl = Tokens.newUserId("carl");
        ServerProcess doomed = startInstance("doomed");
        try (ChatClient watcher = signIn(a, dana)) {
            ChatClient writer = signIn(doomed, erin);
            ChatClient bystander = signIn(doomed, carl);
            long conversation = watcher.createGroupWith("crash", writer, bystander);
            watcher.ack("join_conversation", Payload.of("conversationId", conversation));

            Map<String, JsonObject> acked = new ConcurrentHashMap<>();
            CountDownLatch someAcked = new CountDownLatch(20);
            String[] inFlight = {null};
            Thread sending = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String id = "erin-" + i;
                    inFlight[0] = id;
                    try {
                        acked.put(id, writer.ack("send_message", Payload.of("conversationId", conversation,
                                "content", "message " + i, "clientMessageId", id)).getJsonObject("message"));
                    } catch (RuntimeException | AssertionError connectionLost) {
                        return;
                    }
                    someAcked.countDown();
                }
            });
            sending.start();
            assertThat(someAcked.await(30, TimeUnit.SECONDS)).isTrue();
            Instant killedAt = Instant.now();
            doomed.kill();
            sending.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(sending.isAlive()).isFalse();
            writer.close();
            bystander.close();

            JsonObject carlGone = awaitPresence(watcher, carl, "offline",
                    INSTANCE_TIMEOUT.plus(Duration.ofSeconds(10)));
            assertThat(Duration.between(killedAt, Instant.now()))
                    .as("offline within the instance timeout plus a heartbeat (and test slack)")
                    .isLessThan(INSTANCE_TIMEOUT.plus(Duration.ofSeconds(6)));
            assertThat(carlGone.getString("userId")).isEqualTo(carl);

            try (ChatClient erinAgain = signIn(a, erin)) {
                JsonObject retried = erinAgain.ack("send_message", Payload.of("conversationId", conversation,
                        "content", "message " + inFlight[0].substring("erin-".length()),
                        "clientMessageId", inFlight[0])).getJsonObject("message");
                if (acked.containsKey(inFlight[0])) {
                    assertThat(retried).isEqualTo(acked.get(inFlight[0]));
                }
                acked.put(inFlight[0], retried);

                JsonObject synced = erinAgain.ack("sync", Payload.of("conversations", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("conversationId", conversation).add("afterSeq", 0))
                        .build()));
                List<JsonObject> stored = synced.getJsonArray("conversations").getJsonObject(0)
                        .getJsonArray("messages").getValuesAs(JsonObject.class);
                assertThat(stored).extracting(m -> m.getString("clientMessageId"))
                        .as("every acknowledged message, once").doesNotHaveDuplicates()
                        .containsAll(acked.keySet());
                assertThat(stored).extracting(m -> m.getJsonNumber("seq").longValue())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());

                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < stored.size(); i++) {
                    seen.add(watcher.eventPayload("new_message").getJsonObject("message").getJsonNumber("seq")
                            .longValue());
                }
                assertThat(seen).as("the watcher on the surviving instance saw each stored message once, in order")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
            }
        } finally {
            doomed.close();
        }
    }

    @Test
    void leavingAConversationTakesTheLeaverOutOfItOnEveryInstance() {
        String bob = Tokens.newUserId("bob");
        String dave = Tokens.newUserId("dave");
        try (ChatClient alice = signIn(a, Tokens.newUserId("alice")); ChatClient bobOnA = signIn(a, bob);
             ChatClient bobOnB = signIn(b, bob); ChatClient daveOnB = signIn(b, dave)) {
            long conversation = alice.ack("create_conversation", Payload.of("participantIds", List.of(bob, dave),
                    "title", "across")).getJsonObject("conversation").getJsonNumber("id").longValue();
            bobOnB.ack("join_conversation", Payload.of("conversationId", conversation));
            daveOnB.ack("join_conversation", Payload.of("conversationId", conversation));

            bobOnA.ack("exit_conversation", Payload.of("conversationId", conversation));

            assertThat(bobOnB.eventPayload("member_left").getString("userId")).isEqualTo(bob);
            assertThat(daveOnB.eventPayload("member_left").getString("userId")).isEqualTo(bob);
            alice.ack("typing_start", Payload.of("conversationId", conversation));
            alice.ack("send_message", Payload.of("conversationId", conversation, "content", "after"));
            assertThat(daveOnB.eventPayload("typing").getBoolean("typing")).isTrue();
            assertThat(daveOnB.eventPayload("new_message").getJsonObject("message").getString("content"))
                    .isEqualTo("after");
            assertThat(bobOnB.hasEvent("typing")).as("out of the room on the other instance too").isFalse();
            assertThat(bobOnB.hasEvent("new_message")).isFalse();
        }
    }

    @Test
    void removalsRolesAndGroupChangesReachEveryInstance() {
        String owner = Tokens.newUserId("owner");
        String bob = Tokens.newUserId("bob");
        String carol = Tokens.newUserId("carol");
        try (ChatClient ownerOnA = signIn(a, owner); ChatClient bobOnA = signIn(a, bob);
             ChatClient bobOnB = signIn(b, bob); ChatClient carolOnB = signIn(b, carol)) {
            JsonObject group = ownerOnA.ack("create_group", Payload.of("name", "across")).getJsonObject("group");
            long groupId = group.getJsonNumber("id").longValue();
            long conversation = group.getJsonNumber("conversationId").longValue();
            bobOnB.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
            carolOnB.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
            bobOnB.ack("join_conversation", Payload.of("conversationId", conversation));
            carolOnB.ack("join_conversation", Payload.of("conversationId", conversation));

            ownerOnA.ack("set_role", Payload.of("groupId", groupId, "userId", carol, "role", "admin"));
            ownerOnA.ack("update_group", Payload.of("groupId", groupId, "membersCanInvite", false));

            assertThat(carolOnB.eventPayload("member_updated").getJsonObject("participant").getString("role"))
                    .isEqualTo("admin");
            assertThat(bobOnA.eventPayload("member_updated").getJsonObject("participant").getString("userId"))
                    .isEqualTo(carol);
            assertThat(carolOnB.eventPayload("group_updated").getJsonObject("group").getString("inviteCode"))
                    .isEqualTo(group.getString("inviteCode"));
            assertThat(bobOnB.eventPayload("group_updated").getJsonObject("group").get("inviteCode"))
                    .isEqualTo(JsonValue.NULL);

            carolOnB.ack("remove_member", Payload.of("groupId", groupId, "userId", bob));

            for (ChatClient told : List.of(bobOnA, bobOnB, ownerOnA)) {
                JsonObject left = told.eventPayload("member_left");
                assertThat(left.getString("userId")).isEqualTo(bob);
                assertThat(left.getString("reason")).isEqualTo("removed");
            }
            ownerOnA.ack("typing_start", Payload.of("conversationId", conversation));
            ownerOnA.ack("send_message", Payload.of("conversationId", conversation, "content", "after"));
            assertThat(carolOnB.eventPayload("new_message").getJsonObject("message").getString("content"))
                    .isEqualTo("after");
            assertThat(bobOnB.hasEvent("typing")).as("out of the room on the other instance too").isFalse();
            assertThat(bobOnB.hasEvent("new_message")).isFalse();
            assertThat(bobOnA.hasEvent("new_message")).isFalse();
            assertThat(users(carolOnB.ack("search_users", Payload.of("query", owner)))).as("shares the group")
                    .containsExactly(owner);
            assertThat(users(carolOnB.ack("search_users", Payload.of("query", bob))))
                    .as("the directory's scope is shared: nothing shared with bob any more").isEmpty();
        }
    }

    static List<String> users(JsonObject found) {
        return found.getJsonArray("users").getValuesAs(JsonObject.class).stream().map(u -> u.getString("userId"))
                .toList();
    }

    @Test
    void failedJoinsAndBlocksCountOnEveryInstance() {
        String guesser = Tokens.newUserId("guesser");
        String owner = Tokens.newUserId("owner");
        try (ChatClient onA = signIn(a, guesser); ChatClient onB = signIn(b, guesser);
             ChatClient ownerOnB = signIn(b, owner)) {
            String code = ownerOnB.ack("create_group", Payload.of("name", "secret")).getJsonObject("group")
                    .getString("inviteCode");
            for (int i = 0; i < 10; i++) {
                JsonObject refused = (i % 2 == 0 ? onA : onB).error("join_group", Payload.of("inviteCode", "x" + i));
                assertThat(refused.getString("code")).isEqualTo("NOT_FOUND");
            }
            assertThat(onA.error("join_group", Payload.of("inviteCode", code)).getString("message"))
                    .isEqualTo("too many failed join attempts: at most 10 a minute");

            long direct = onA.directConversationWith(owner);
            ownerOnB.ack("block_user", Payload.of("userId", guesser));
            assertThat(onA.error("send_message", Payload.of("conversationId", direct, "content", "hi"))
                    .getString("message")).isEqualTo("this user does not accept your messages");
        }
    }
}
