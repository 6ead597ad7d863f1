package io.exchangebus.connectors.core.ws;

import static io.exchangebus.connectors.core.connection.ConnectionState.CLOSED;
import static io.exchangebus.connectors.core.connection.ConnectionState.CONNECTED;
import static io.exchangebus.connectors.core.connection.ConnectionState.CONNECTING;
import static io.exchangebus.connectors.core.connection.ConnectionState.DISCONNECTED;
import static io.exchangebus.connectors.core.connection.ConnectionState.RECONNECTING;
import static io.exchangebus.connectors.core.ws.RecordingListener.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WebSocket transport against a real WebSocket server on 127.0.0.1 ({@link LoopbackWsServer}, in this JVM).
 * Timeouts are short (ms) so that the class runs in seconds; the production defaults are in {@link WsSettings}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WsConnectionTest {

    /** Generous: the build machine may be shared and loaded; timing claims are asserted separately. */
    /** Generous: waits end as soon as their condition holds, and a loaded 2-core machine can be slow. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BackoffPolicy FAST_BACKOFF =
            new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.0);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final WsHandler collecting = WsHandler.of(messages::add, dropped -> messages.add("overflow:" + dropped));

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void shouldRestoreEverySubscriptionAfterReconnect() throws Exception {
        LoopbackWsServer server = server(0);
        WsConnection ws = connection(settings("resub", server), collecting, WsOpenHook.NONE);
        ws.subscribe("trades:BTC", "{\"op\":\"subscribe\",\"args\":[\"trades.BTC\"]}");
        ws.subscribe("book:BTC", "{\"op\":\"subscribe\",\"args\":[\"book.BTC\"]}");

        ws.start().get(5, TimeUnit.SECONDS);
        ws.subscribe("book:ETH", "{\"op\":\"subscribe\",\"args\":[\"book.ETH\"]}");
        await(() -> server.receivedOn(1).size() == 3, WAIT, "three subscriptions on the first connection");
        ws.unsubscribe("trades:BTC", "{\"op\":\"unsubscribe\",\"args\":[\"trades.BTC\"]}");
        await(() -> server.receivedOn(1).size() == 4, WAIT, "the unsubscribe");

        server.dropAll();
        listener.awaitCount(CONNECTED, 2, WAIT);
        await(() -> server.receivedOn(2).size() == 2, WAIT, "resubscriptions on the second connection");

        assertThat(server.receivedOn(2)).containsExactly(
                "{\"op\":\"subscribe\",\"args\":[\"book.BTC\"]}",
                "{\"op\":\"subscribe\",\"args\":[\"book.ETH\"]}");
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED, DISCONNECTED, RECONNECTING, CONNECTED);
        ConnectionEvent disconnected = listener.of(DISCONNECTED).get(0);
        assertThat(disconnected.reason()).startsWith("closed by server");
        assertThat(listener.of(RECONNECTING).get(0).attempt()).isEqualTo(1);
        server.sendToAll("after-reconnect");
        await(() -> messages.contains("after-reconnect"), WAIT, "a frame on the new connection");
        assertThat(ws.stats().reconnectAttempts()).isEqualTo(1);
    }

    @Test
    void shouldGiveAHandlerThatReadsBytesEachTextFrameAsItsUtf8BytesAndAFragmentedMessageWhole() throws Exception {
        LoopbackWsServer server = server(0);
        List<String> asBytes = new CopyOnWriteArrayList<>();
        WsHandler bytes = new WsHandler() {
            @Override
            public boolean readsTextAsBytes() {
                return true;
            }

            @Override
            public void onText(byte[] utf8) {
                asBytes.add("bytes:" + new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void onMessage(String text) {
                asBytes.add("text:" + text);
            }

            @Override
            public void onOverflow(long dropped) {
            }
        };
        WsConnection ws = connection(settings("bytes", server), bytes, WsOpenHook.NONE);
        ws.start().get(5, TimeUnit.SECONDS);

        server.sendToAll("{\"s\":\"BTCUSDT\",\"p\":\"65000.01\"}");
        server.sendToAll("naïve €");
        server.sendFragmentedToAll("{\"part\":", "\"one\",", "\"two\":2}");
        server.sendToAll("after");
        await(() -> asBytes.size() == 4, WAIT, "four messages");

        assertThat(asBytes).containsExactly("bytes:{\"s\":\"BTCUSDT\",\"p\":\"65000.01\"}", "bytes:naïve €",
                "text:{\"part\":\"one\",\"two\":2}", "bytes:after");
        List<String> decoded = new CopyOnWriteArrayList<>();
        WsHandler.of(decoded::add, d -> { }).onText("naïve €".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(decoded).as("a handler of text given bytes decodes them").containsExactly("naïve €");
    }

    @Test
    void shouldRunOpenHookBeforeResubscribingOnEveryConnection() throws Exception {
        LoopbackWsServer server = server(0);
        AtomicReference<CompletableFuture<Result<?>>> login = new AtomicReference<>();
        WsHandler handler = WsHandler.of(text -> {
            if (text.equals("login-ok")) {
                login.get().complete(Result.ok("logged in"));
            }
        }, dropped -> { });
        WsOpenHook hook = sender -> {
            CompletableFuture<Result<?>> done = new CompletableFuture<>();
            login.set(done);
            sender.send("login as test");
            return done;
        };
        WsConnection ws = connection(settings("hook", server), handler, hook);
        ws.subscribe("orders", "subscribe orders");

        ws.start().get(5, TimeUnit.SECONDS);
        await(() -> server.receivedOn(1).size() == 2, WAIT, "login and subscription on the first connection");
        server.dropAll();
        listener.awaitCount(CONNECTED, 2, WAIT);
        // On a loaded machine an attempt may be cut (connect or silence timeout) after the server opened it: the
        // connection that lasts is then not the server's second. Whatever each one got, the login came first.
        await(() -> server.opens() >= 2 && server.receivedOn(server.opens()).size() == 2, WAIT,
                "login and resubscription on the last connection");

        List<String> both = List.of("login as test", "subscribe orders");
        assertThat(server.receivedOn(1)).isEqualTo(both);
        for (int connection = 2; connection <= server.opens(); connection++) {
            List<String> got = server.receivedOn(connection);
            assertThat(got).as("connection %d", connection).isEqualTo(both.subList(0, Math.min(got.size(), 2)));
        }
    }

    @Test
    void shouldReconnectSilentStreamWithinWatchdogBound() throws Exception {
        LoopbackWsServer server = server(0);
        WsSettings settings = settings("silent", server);
        WsConnection ws = connection(settings, collecting, WsOpenHook.NONE);
        ws.subscribe("book", "subscribe book");
        ws.start().get(5, TimeUnit.SECONDS);
        Thread.sleep(300); // a few ping/pong rounds: a healthy quiet stream is not cut
        assertThat(listener.count(DISCONNECTED)).isZero();

        long silentFrom = System.nanoTime();
        java.time.Instant silentAt = java.time.Instant.now();
        server.goSilent();
        listener.awaitCount(DISCONNECTED, 1, WAIT);
        long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentFrom);
        listener.awaitCount(CONNECTED, 2, WAIT);

        ConnectionEvent disconnected = listener.of(DISCONNECTED).get(0);
        long eventMillis = Duration.between(silentAt, disconnected.at()).toMillis();
        long bound = settings.silenceTimeout().plus(settings.watchdogTick()).toMillis();
        System.out.printf("silent stream: detected after %d ms (event at +%d ms); silence timeout %d ms, tick %d ms,"
                        + " bound %d ms%n", detectedMillis, eventMillis, settings.silenceTimeout().toMillis(),
                settings.watchdogTick().toMillis(), bound);
        assertThat(disconnected.reason()).startsWith("silent for");
        // The last pong may have come up to one ping interval before the server went silent.
        assertThat(eventMillis).isBetween(settings.silenceTimeout().minus(settings.pingInterval()).toMillis(),
                bound + 250); // scheduling slack on a loaded 2-core machine
        await(() -> server.receivedOn(2).contains("subscribe book"), WAIT, "resubscription after the watchdog");
    }

    @Test
    void shouldGrowBackoffToCapWhileRefusedAndResetAfterHealthyPeriod() throws Exception {
        LoopbackWsServer server = server(0);
        int port = server.getPort();
        WsSettings settings = settings("backoff", server);
        WsConnection ws = connection(settings, collecting, WsOpenHook.NONE);
        ws.start().get(5, TimeUnit.SECONDS);

        server.stopNow(); // port closed: every attempt is refused
        listener.awaitCount(RECONNECTING, 7, WAIT);
        List<Long> gaps = gapsFromDisconnect(0, 7);
        System.out.println("backoff while refused (ms between attempts): " + gaps);
        long[] ceilings = {50, 100, 200, 400, 400, 400, 400};
        for (int i = 0; i < ceilings.length; i++) {
            // Never shorter than the policy's delay; later only by the time to fail and scheduling slack.
            assertThat(gaps.get(i)).as("gap before attempt %d", i + 1).isBetween(ceilings[i] - 5, ceilings[i] + 250);
        }
        assertThat(listener.of(RECONNECTING).get(0).reason()).contains("after 50 ms backoff");
        assertThat(listener.of(RECONNECTING).stream().map(ConnectionEvent::attempt).limit(7).toList())
                .containsExactly(1, 2, 3, 4, 5, 6, 7);

        LoopbackWsServer restarted = server(port);
        listener.awaitCount(CONNECTED, 2, Duration.ofSeconds(2));
        Thread.sleep(settings.healthyPeriod().toMillis() + 100);
        int reconnectsBefore = (int) listener.count(RECONNECTING);
        long droppedAt = System.nanoTime();
        restarted.dropAll();
        listener.awaitCount(RECONNECTING, reconnectsBefore + 1, WAIT);
        long afterHealthyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - droppedAt);
        ConnectionEvent first = listener.of(RECONNECTING).get(reconnectsBefore);
        System.out.println("after a healthy period the next attempt came after " + afterHealthyMillis + " ms: "
                + first.reason());
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.reason()).contains("after 50 ms backoff");
        assertThat(afterHealthyMillis).isLessThan(300); // 400 ms had the backoff not been reset
    }

    @Test
    void shouldNeverStallSocketWhenHandlerIsSlow() throws Exception {
        LoopbackWsServer server = server(0);
        WsSettings settings = WsSettings.builder("slow", URI.create(server.uri()))
                .pingInterval(Duration.ofMillis(100)).silenceTimeout(Duration.ofMillis(600))
                .backoff(FAST_BACKOFF).handOffCapacity(16).build();
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        WsHandler slow = new WsHandler() {
            @Override
            public void onMessage(String text) {
                seen.add(text);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onOverflow(long dropped) {
                seen.add("overflow:" + dropped);
            }
        };
        WsConnection ws = connection(settings, slow, WsOpenHook.NONE);
        ws.start().get(5, TimeUnit.SECONDS);

        int frames = 2000;
        for (int i = 0; i < frames; i++) {
            server.sendToAll("m" + i);
        }
        try {
            await(() -> ws.stats().framesReceived() == frames, WAIT, "every frame read while the handler blocks");
        } catch (AssertionError e) {
            Thread.getAllStackTraces().forEach((t, st) -> {
                if (t.getName().startsWith("ws-slow") || t.getName().startsWith("WebSocket")) {
                    System.out.println(t.getName() + " " + t.getState() + "\n  " + java.util.Arrays.stream(st)
                            .limit(12).map(Object::toString).collect(Collectors.joining("\n  ")));
                }
            });
            throw new AssertionError(e.getMessage() + "; " + ws.stats() + ", events " + listener.states()
                    + ", server all sent " + server.allSent(), e);
        }
        await(server::allSent, WAIT, "server's sends written out");
        int pongsBefore = server.pongsReceived();
        for (int i = 0; i < 5; i++) {
            server.pingAll();
            Thread.sleep(150);
        }
        // Longer than the silence timeout with the handler still blocked: the socket stays live.
        await(() -> server.pongsReceived() >= pongsBefore + 5, WAIT, "pongs from the client");
        assertThat(listener.count(DISCONNECTED)).isZero();
        assertThat(ws.state()).isEqualTo(CONNECTED);
        assertThat(ws.stats().framesDropped()).isGreaterThanOrEqualTo(frames - 16 - 1);

        release.countDown();
        await(() -> ws.stats().framesDelivered() + ws.stats().framesDropped() == frames, WAIT, "queue drained");
        WsStats stats = ws.stats();
        long signalled = seen.stream().filter(s -> s.startsWith("overflow:"))
                .mapToLong(s -> Long.parseLong(s.substring("overflow:".length()))).sum();
        System.out.println("slow handler: " + stats);
        assertThat(signalled).isEqualTo(stats.framesDropped());
        await(() -> listener.dropped() == stats.framesDropped(), WAIT, "every drop told to the listener");
        assertThat(listener.drops()).allSatisfy(d -> assertThat(d.connection()).isEqualTo("slow"));
        assertThat(listener.drops().get(listener.drops().size() - 1).totalDropped()).isEqualTo(stats.framesDropped());
        assertThrowsNoLateSignal(seen);
    }

    @Test
    void shouldStopEverythingOnCloseAndNeverReconnect() throws Exception {
        LoopbackWsServer server = server(0);
        Set<Long> threadsBefore = Thread.getAllStackTraces().keySet().stream().map(Thread::getId)
                .collect(Collectors.toSet());
        WsConnection ws = new WsConnection(settings("closing", server), collecting, listener, WsOpenHook.NONE);
        ws.subscribe("book", "subscribe book");
        ws.start().get(5, TimeUnit.SECONDS);
        assertThat(clientThreadsStartedSince(threadsBefore)).isNotEmpty();

        ws.close();

        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
        await(() -> clientThreadsStartedSince(threadsBefore).isEmpty(), WAIT,
                "client threads gone, still " + clientThreadsStartedSince(threadsBefore));
        await(() -> server.closeCodes().contains(1000), WAIT, "a normal close seen by the server");
        Thread.sleep(500); // ten times the first backoff
        assertThat(server.opens()).isEqualTo(1);
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
        assertThat(ws.send("late").isOk()).isFalse();
        ws.subscribe("late", "subscribe late");
        ws.close();
        assertThat(server.opens()).isEqualTo(1);
    }

    @Test
    void shouldRetryWhenHandshakeIsNotAnsweredWithinConnectTimeout() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            WsSettings settings = WsSettings.builder("mute", URI.create("ws://127.0.0.1:" + mute.getLocalPort()))
                    .connectTimeout(Duration.ofMillis(300)).pingInterval(Duration.ofMillis(100))
                    .silenceTimeout(Duration.ofMillis(500)).backoff(FAST_BACKOFF).build();
            long startedAt = System.nanoTime();
            connection(settings, collecting, WsOpenHook.NONE).start();
            listener.awaitCount(RECONNECTING, 2, WAIT);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

            assertThat(listener.states()).startsWith(CONNECTING, DISCONNECTED, RECONNECTING, RECONNECTING);
            assertThat(listener.of(DISCONNECTED).get(0).reason()).contains("connect timeout 300 ms");
            // two timeouts and two backoffs (50 + 100 ms)
            assertThat(elapsed).isBetween(300L + 300 + 150, 300L + 300 + 150 + 500);
        }
    }

    @Test
    void shouldDropAndReconnectWhenHandlerOverflowsUnderDisconnectPolicy() throws Exception {
        LoopbackWsServer server = server(0);
        WsSettings settings = WsSettings.builder("overflow-disconnect", URI.create(server.uri()))
                .pingInterval(Duration.ofMillis(100)).silenceTimeout(Duration.ofMillis(500))
                .backoff(FAST_BACKOFF).handOffCapacity(4).overflowPolicy(OverflowPolicy.DISCONNECT).build();
        CountDownLatch release = new CountDownLatch(1);
        WsHandler blocking = WsHandler.of(text -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, dropped -> { });
        WsConnection ws = connection(settings, blocking, WsOpenHook.NONE);
        ws.subscribe("book", "subscribe book");
        ws.start().get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 50; i++) {
            server.sendToAll("m" + i);
        }
        listener.awaitCount(DISCONNECTED, 1, WAIT);
        release.countDown();
        listener.awaitCount(CONNECTED, 2, WAIT);

        assertThat(listener.of(DISCONNECTED).get(0).reason()).startsWith("handler too slow");
        await(() -> server.receivedOn(2).contains("subscribe book"), WAIT, "resubscription after the overflow");
        assertThat(ws.stats().framesDropped()).isPositive();
    }

    @Test
    void shouldSendApplicationHeartbeatOnlyWhileConnected() throws Exception {
        LoopbackWsServer server = server(0);
        String heartbeat = "{\"jsonrpc\":\"2.0\",\"method\":\"public/test\"}";
        WsSettings settings = WsSettings.builder("app-heartbeat", URI.create(server.uri()))
                .pingInterval(Duration.ofMillis(100)).silenceTimeout(Duration.ofMillis(500))
                .appHeartbeat(() -> heartbeat, Duration.ofMillis(100)).backoff(FAST_BACKOFF).build();
        WsConnection ws = connection(settings, collecting, WsOpenHook.NONE);
        ws.start().get(5, TimeUnit.SECONDS);

        Thread.sleep(550);
        ws.close();
        int sent = server.receivedOn(1).size();
        Thread.sleep(250);

        assertThat(server.receivedOn(1)).hasSize(sent).allMatch(heartbeat::equals);
        assertThat(sent).isBetween(3, 7);
        assertThat(server.pingsReceived()).isGreaterThanOrEqualTo(4);
    }

    // ---- helpers ----

    /** A frame read after a drop must never reach the handler before the drop is signalled. */
    private static void assertThrowsNoLateSignal(List<String> seen) {
        long signalled = 0;
        long delivered = 0;
        for (String s : seen) {
            if (s.startsWith("overflow:")) {
                signalled += Long.parseLong(s.substring("overflow:".length()));
            } else {
                long index = Long.parseLong(s.substring(1));
                assertThat(index - delivered).as("frames missing before m%d", index).isLessThanOrEqualTo(signalled);
                delivered++;
            }
        }
    }

    /** Gaps in ms: DISCONNECTED #disconnect to the first RECONNECTING after it, then between RECONNECTINGs. */
    private List<Long> gapsFromDisconnect(int disconnect, int count) {
        ConnectionEvent from = listener.of(DISCONNECTED).get(disconnect);
        List<ConnectionEvent> attempts = listener.of(RECONNECTING).stream()
                .filter(e -> !e.at().isBefore(from.at())).toList();
        List<Long> gaps = new ArrayList<>();
        java.time.Instant previous = from.at();
        for (int i = 0; i < count; i++) {
            gaps.add(Duration.between(previous, attempts.get(i).at()).toMillis());
            previous = attempts.get(i).at();
        }
        return gaps;
    }

    /** Live threads of a WebSocket client (ours or the library's) started since {@code before}, server's aside. */
    private static List<String> clientThreadsStartedSince(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t.getId()) && t.isAlive())
                .map(Thread::getName)
                .filter(n -> n.startsWith("ws-") || n.startsWith("WebSocketWriteThread")
                        || n.startsWith("WebSocketConnectReadThread"))
                .toList();
    }

    private WsSettings settings(String name, LoopbackWsServer server) {
        return WsSettings.builder(name, URI.create(server.uri()))
                .connectTimeout(Duration.ofSeconds(1))
                .pingInterval(Duration.ofMillis(100))
                .silenceTimeout(Duration.ofMillis(500))
                .backoff(FAST_BACKOFF)
                .healthyPeriod(Duration.ofMillis(300))
                .handOffCapacity(1024)
                .build();
    }

    private WsConnection connection(WsSettings settings, WsHandler handler, WsOpenHook hook) {
        WsConnection ws = new WsConnection(settings, handler, listener, hook);
        toClose.add(0, ws);
        return ws;
    }

    private LoopbackWsServer server(int port) throws InterruptedException {
        LoopbackWsServer server = LoopbackWsServer.startOn(port);
        toClose.add(server::stopNow);
        return server;
    }
}
