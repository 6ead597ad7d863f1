package io.exchangebus.sim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exchangebus.sim.fault.FaultInjector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimWebSocketServerTest {

    /**
     * A tiny exchange: echoes, logs in, answers app heartbeats, streams sequenced frames on request, answers
     * {@code call <method>} as a request of that method; and, as a new connection is accepted, may greet it, refuse it,
     * or drop every connection.
     */
    static final class EchoServer extends SimWebSocketServer {
        volatile boolean greet;
        volatile boolean refuse;
        volatile boolean dropAllWhileAccepting;

        EchoServer(FaultInjector faults) {
            super(faults, Clock.systemUTC());
        }

        @Override
        protected void onConnected(WebSocket conn, ClientHandshake handshake) {
            if (greet) {
                push(conn, "{\"welcome\":" + connectionId(conn) + "}");
                pause(); // a slow accept: the sender gets to the greeting well before the connection is open
            }
            if (refuse) {
                reject(conn, CloseFrame.POLICY_VALIDATION, "refused");
            }
            if (dropAllWhileAccepting) {
                faults.dropConnections();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected void onFrame(WebSocket conn, String text) {
            if (text.startsWith("strand ")) {
                // what Java-WebSocket's lost write interest leaves behind: a frame queued, nobody asking to write it
                WebSocketImpl impl = (WebSocketImpl) conn;
                for (Framedata f : impl.getDraft().createFrames("{\"stranded\":\"" + text.substring(7) + "\"}",
                        false)) {
                    impl.outQueue.add(impl.getDraft().createBinaryFrame(f));
                }
            } else if (text.startsWith("call ")) {
                reply(conn, "{\"answer\":\"" + text.substring(5) + "\"}", text.substring(5));
            } else if (text.equals("login")) {
                reply(conn, faults.takeLoginRejection() ? "{\"login\":\"rejected\"}" : "{\"login\":\"ok\"}");
            } else if (text.equals("heartbeat")) {
                if (answersHeartbeats()) {
                    reply(conn, "{\"heartbeat\":\"ok\"}");
                }
            } else if (text.startsWith("stream ")) {
                for (int seq = 1; seq <= Integer.parseInt(text.substring(7)); seq++) {
                    pushSequenced(getConnections(), "{\"seq\":" + seq + "}");
                }
            } else {
                reply(conn, "{\"echo\":\"" + text + "\"}");
            }
        }
    }

    private final FaultInjector faults = new FaultInjector();
    private EchoServer server;
    private TestWsClient client;

    @BeforeEach
    void start() throws InterruptedException {
        server = new EchoServer(faults);
        server.startAndWait();
        client = TestWsClient.connect(server.uri("/ws"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        // Server first: its stop closes every socket within a bound, so the client's unbounded closeBlocking()
        // then returns at once instead of waiting on a close handshake that a fault may have left unanswered.
        server.close();
        client.closeBlocking();
    }

    @Test
    void shouldListenOnLoopbackWithSystemChosenPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.uri("/ws").toString()).startsWith("ws://127.0.0.1:");
    }

    @Test
    void shouldRecordReceivedFramesWithTimestamps() throws InterruptedException {
        Instant before = Instant.now();
        client.send("hello");
        assertThat(client.next()).isEqualTo("{\"echo\":\"hello\"}");

        List<ReceivedFrame> received = server.received();
        assertThat(received).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo("hello");
            assertThat(f.connectionId()).isEqualTo(1);
            assertThat(f.receivedAt()).isBetween(before, Instant.now());
        });
    }

    @Test
    void shouldDropConnectionAbruptlyWhenAsked() throws Exception {
        faults.dropConnections();

        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(CloseFrame.ABNORMAL_CLOSE);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void shouldAlsoDropAConnectionWhoseHandshakeIsBeingAcceptedWhenAskedToDropAll() throws Exception {
        // the drop comes after the server accepted the handshake and before the connection is open on either side:
        // it must not survive the drop. Cut right after its handshake answer, the client sees it either open then
        // lost (1006) or never open (-1), depending on whether the answer got out first.
        server.dropAllWhileAccepting = true;
        TestWsClient accepted = new TestWsClient(server.uri("/ws"));
        accepted.connect();

        assertThat(accepted.closeCode.get(5, TimeUnit.SECONDS))
                .isIn(CloseFrame.ABNORMAL_CLOSE, CloseFrame.NEVER_CONNECTED);
        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(CloseFrame.ABNORMAL_CLOSE);
    }

    @Test
    void shouldDeliverAFramePushedAsTheConnectionIsAcceptedFirst() throws Exception {
        server.greet = true;
        TestWsClient greeted = TestWsClient.connect(server.uri("/ws"));
        greeted.send("after");

        assertThat(greeted.next()).isEqualTo("{\"welcome\":2}");
        assertThat(greeted.next()).isEqualTo("{\"echo\":\"after\"}");
        greeted.closeBlocking();
    }

    @Test
    void shouldCloseARefusedConnectionWithItsCodeOnceOpen() throws Exception {
        server.refuse = true;
        TestWsClient refused = new TestWsClient(server.uri("/ws"));
        refused.connect();

        assertThat(refused.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(CloseFrame.POLICY_VALIDATION);
    }

    @Test
    void shouldWithholdOrDelayTheAnswersToOneMethodOnly() throws Exception {
        faults.withholdAnswersTo("held");
        faults.delayAnswersTo("slow", Duration.ofMillis(400));
        long start = System.nanoTime();
        client.send("call held");
        client.send("call slow");
        client.send("call other");

        assertThat(client.next()).isEqualTo("{\"answer\":\"other\"}");
        assertThat(client.next()).isEqualTo("{\"answer\":\"slow\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(client.messages.poll(300, TimeUnit.MILLISECONDS)).as("the held answer").isNull();
        assertThat(server.received()).extracting(ReceivedFrame::text).contains("call held");

        faults.delayAnswersTo("held", Duration.ZERO);
        faults.delayAnswersTo("slow", Duration.ZERO);
        start = System.nanoTime();
        client.send("call held");
        client.send("call slow");
        assertThat(List.of(client.next(), client.next()))
                .containsExactly("{\"answer\":\"held\"}", "{\"answer\":\"slow\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void shouldSendAFrameLeftQueuedWithoutWriteInterestWithoutWaitingForTheNextFrame() throws Exception {
        client.send("strand answer");

        assertThat(client.messages.poll(2, TimeUnit.SECONDS)).isEqualTo("{\"stranded\":\"answer\"}");
    }

    @Test
    void shouldSendOneMalformedFrameInPlaceOfTheNext() throws Exception {
        ObjectMapper json = new ObjectMapper();
        faults.sendMalformedFrame();
        client.send("a");
        client.send("b");

        String broken = client.next();
        assertThat(broken).startsWith("{\"echo");
        assertThat(isJson(json, broken)).isFalse();
        assertThat(client.next()).isEqualTo("{\"echo\":\"b\"}");
    }

    private static boolean isJson(ObjectMapper json, String text) {
        try {
            json.readTree(text);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void shouldSkipAndRepeatSequencedFrames() throws InterruptedException {
        faults.skipSequence(2);
        client.send("stream 3");
        assertThat(client.next()).isEqualTo("{\"seq\":3}");

        faults.repeatSequence(1);
        client.send("stream 2");
        assertThat(List.of(client.next(), client.next(), client.next()))
                .containsExactly("{\"seq\":1}", "{\"seq\":1}", "{\"seq\":2}");
    }

    @Test
    void shouldDelayResponses() throws InterruptedException {
        faults.delayResponses(Duration.ofMillis(400));
        long start = System.nanoTime();
        client.send("slow");
        assertThat(client.next()).isEqualTo("{\"echo\":\"slow\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        faults.delayResponses(Duration.ZERO);
        start = System.nanoTime();
        client.send("fast");
        assertThat(client.next()).isEqualTo("{\"echo\":\"fast\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void shouldRejectNextLoginOnly() throws InterruptedException {
        faults.rejectNextLogin();
        client.send("login");
        assertThat(client.next()).isEqualTo("{\"login\":\"rejected\"}");
        client.send("login");
        assertThat(client.next()).isEqualTo("{\"login\":\"ok\"}");
    }

    @Test
    void shouldStopAnsweringPingsAndHeartbeatsUntilResumed() throws InterruptedException {
        client.sendPing();
        assertThat(client.pongs.poll(5, TimeUnit.SECONDS)).isNotNull();

        faults.stopHeartbeats();
        client.sendPing();
        client.send("heartbeat");
        client.send("after");
        assertThat(client.next()).isEqualTo("{\"echo\":\"after\"}");
        assertThat(client.pongs.poll(300, TimeUnit.MILLISECONDS)).isNull();

        faults.resumeHeartbeats();
        client.sendPing();
        client.send("heartbeat");
        assertThat(client.pongs.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(client.next()).isEqualTo("{\"heartbeat\":\"ok\"}");
    }
}
