package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.Concurrently;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.ServerProcess;
import dev.enterprisechat.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer with two threads per shard ({@code chat.writer.pipeline=2}), on a server started as operators start it:
 * batches written on two connections at once still give gapless seqs and reach every connection in seq order.
 */
class PipelinedWriterIT {

    @TempDir
    static Path workDir;

    private static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.start(ServerProcess.freePort(), workDir, Map.of(
                "DB_URL", System.getProperty("test.db.url"),
                "CHAT_WRITER_PIPELINE", "2",
                "CHAT_RATE_LIMIT_BURST", "100000",
                "CHAT_RATE_LIMIT_PER_SECOND", "100000"), "pipelined");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void concurrentSendersOfSeveralConversationsAreSeenInSeqOrderByEveryListener() {
        assertThat(Http.get(server.http().resolve("/health/live")).body()).contains("\"writers\":\"2\"");
        int senders = 8;
        int perSender = 60;
        List<ChatClient> clients = new ArrayList<>();
        try {
            ChatClient listener = connect("listener", clients);
            List<ChatClient> sending = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                sending.add(connect("sender", clients));
            }
            // two conversations, each with half of the senders: batches hold one, the other or both
            long[] conversations = {
                    listener.createGroupWith("one", sending.subList(0, senders / 2).toArray(ChatClient[]::new)),
                    listener.createGroupWith("two", sending.subList(senders / 2, senders).toArray(ChatClient[]::new))};
            List<Supplier<List<Integer>>> tasks = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                ChatClient sender = sending.get(s);
                long conversation = conversations[s < senders / 2 ? 0 : 1];
                tasks.add(() -> IntStream.range(0, perSender).mapToObj(i -> sender.ack("send_message",
                        Payload.of("conversationId", conversation, "content", "m" + i))
                        .getJsonObject("message").getInt("seq")).toList());
            }
            Concurrently.run(tasks);

            int perConversation = senders / 2 * perSender;
            List<List<Integer>> received = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 2 * perConversation; i++) {
                var message = listener.eventPayload("new_message").getJsonObject("message");
                int which = message.getJsonNumber("conversationId").longValue() == conversations[0] ? 0 : 1;
                received.get(which).add(message.getInt("seq"));
            }
            List<Integer> expected = IntStream.rangeClosed(1, perConversation).boxed().toList();
            assertThat(received.get(0)).as("conversation one, gapless and in seq order").isEqualTo(expected);
            assertThat(received.get(1)).as("conversation two, gapless and in seq order").isEqualTo(expected);
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    private static ChatClient connect(String name, List<ChatClient> clients) {
        ChatClient client = ChatClient.signIn(server.endpoint(), Tokens.forUser(Tokens.newUserId(name)).sign());
        clients.add(client);
        return client;
    }
}
