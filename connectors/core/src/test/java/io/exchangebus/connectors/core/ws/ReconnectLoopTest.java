package io.exchangebus.connectors.core.ws;

import static io.exchangebus.connectors.core.connection.ConnectionState.CLOSED;
import static io.exchangebus.connectors.core.connection.ConnectionState.CONNECTED;
import static io.exchangebus.connectors.core.connection.ConnectionState.CONNECTING;
import static io.exchangebus.connectors.core.connection.ConnectionState.DISCONNECTED;
import static io.exchangebus.connectors.core.connection.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import io.exchangebus.connectors.core.connection.ConnectionEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The state machine alone, on virtual time ({@link ManualTimer}) over sockets with no network ({@link FakeSocket}):
 * each fault is made to happen at an exact moment and the loop's answer is checked at the exact moment it is due.
 */
class ReconnectLoopTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration HEALTHY = Duration.ofSeconds(1);
    private static final WsSettings SETTINGS = WsSettings.builder("loop", URI.create("ws://127.0.0.1:1"))
            .connectTimeout(CONNECT_TIMEOUT)
            .pingInterval(Duration.ofMillis(100))
            .silenceTimeout(Duration.ofMillis(500)) // watchdog tick 125 ms
            .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(400), 2.0, 0.0))
            .healthyPeriod(HEALTHY)
            .build();

    private final ManualTimer timer = new ManualTimer();
    private final RecordingListener listener = new RecordingListener();
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<FakeSocket> sockets = new ArrayList<>();

    @Test
    void shouldKeepAQuietConnectionWhosePingsAreAnswered() {
        ReconnectLoop loop = connectedLoop();
        socket(1).answerPings = true;

        timer.advance(Duration.ofSeconds(5));

        assertThat(socket(1).pings).isEqualTo(50);
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED);
        assertThat(loop.connected()).isSameAs(socket(1));
    }

    @Test
    void shouldReconnectWhenAPongNeverComesWithinTheSilenceTimeout() {
        ReconnectLoop loop = connectedLoop();
        socket(1).read(); // the last thing ever read; pings go unanswered from here

        timer.advance(Duration.ofMillis(500));
        assertThat(listener.states()).as("not silent for more than 500 ms yet").containsExactly(CONNECTING, CONNECTED);
        assertThat(socket(1).pings).isEqualTo(5);

        timer.advance(Duration.ofMillis(125)); // the next watchdog tick
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED, DISCONNECTED);
        assertThat(listener.of(DISCONNECTED).get(0).reason()).isEqualTo("silent for 625 ms (watchdog limit 500 ms)");
        assertThat(socket(1).abortedFor).startsWith("silent for");
        assertThat(loop.connected()).isNull();

        timer.advance(Duration.ofMillis(50));
        assertThat(sockets).hasSize(2);
        assertThat(listener.of(RECONNECTING).get(0).reason())
                .isEqualTo("after 50 ms backoff; last failure: silent for 625 ms (watchdog limit 500 ms)");
        assertThat(socket(1).pings).as("no ping on a dropped socket").isEqualTo(6);
    }

    @Test
    void shouldRetryAConnectThatTimesOutWithGrowingBackoff() {
        ReconnectLoop loop = loop(WsOpenHook.NONE);
        loop.start();
        timer.runDue();
        assertThat(socket(1).connectStarted).isTrue();

        timer.advance(CONNECT_TIMEOUT.minusMillis(1));
        assertThat(listener.states()).containsExactly(CONNECTING);
        timer.advance(Duration.ofMillis(1));
        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED);
        assertThat(listener.of(DISCONNECTED).get(0).reason())
                .isEqualTo("no connection within connect timeout 300 ms");
        assertThat(socket(1).abortedFor).isEqualTo("no connection within connect timeout 300 ms");

        timer.advance(Duration.ofMillis(49));
        assertThat(sockets).hasSize(1);
        timer.advance(Duration.ofMillis(1));
        assertThat(sockets).hasSize(2);
        assertThat(socket(2).madeAtNanos - socket(1).madeAtNanos).isEqualTo(millis(300 + 50));

        timer.advance(CONNECT_TIMEOUT.plusMillis(100));
        assertThat(sockets).hasSize(3);
        assertThat(socket(3).madeAtNanos - socket(2).madeAtNanos).isEqualTo(millis(300 + 100));
        assertThat(socket(2).abortedFor).isEqualTo("no connection within connect timeout 300 ms");
        // Only the first attempt's failure is a DISCONNECTED; later ones show as RECONNECTING with their number.
        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED, RECONNECTING, RECONNECTING);
        assertThat(listener.of(RECONNECTING).stream().map(ConnectionEvent::attempt).toList()).containsExactly(1, 2);
        assertThat(listener.of(RECONNECTING).get(1).reason()).startsWith("after 100 ms backoff");
        assertThat(loop.reconnectAttempts()).isEqualTo(2);
        assertThat(loop.firstConnect()).isNotDone();
    }

    @Test
    void shouldNotReconnectWhenClosedDuringTheReconnectWait() throws Exception {
        ReconnectLoop loop = connectedLoop();
        loop.lost(socket(1), "closed by server: code 1006");
        timer.runDue();
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED, DISCONNECTED);

        Future<AttemptSocket> closing = loop.close();
        timer.advance(Duration.ofMillis(10));
        assertThat(timer.pending()).as("the attempt due at 50 ms cancelled").isZero();
        timer.advance(Duration.ofSeconds(10));

        assertThat(closing.get()).as("no socket left to close").isNull();
        assertThat(sockets).hasSize(1);
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED, DISCONNECTED, CLOSED);
        assertThat(loop.reconnectAttempts()).isZero();
        assertThat(loop.close()).as("closed once").isNull();
    }

    @Test
    void shouldCloseTheConnectingSocketAndFailTheFirstConnectWhenClosedBeforeConnected() throws Exception {
        ReconnectLoop loop = loop(WsOpenHook.NONE);
        loop.start();
        timer.runDue();

        Future<AttemptSocket> closing = loop.close();
        timer.runDue();
        timer.advance(Duration.ofSeconds(10));

        assertThat(closing.get()).isSameAs(socket(1));
        assertThat(socket(1).closedNormally).isTrue();
        assertThat(listener.states()).containsExactly(CONNECTING, CLOSED);
        assertThat(sockets).hasSize(1);
        Result<Boolean> first = loop.firstConnect().getNow(null);
        assertThat(first.isOk()).isFalse();
        assertThat(first.error().toString()).contains("closed before connected");
    }

    @Test
    void shouldStartBackoffAfreshWhenAConnectionStayedUpForTheHealthyPeriod() {
        ReconnectLoop loop = connectedAfterTwoTimeouts();
        socket(3).answerPings = true;
        timer.advance(HEALTHY);

        loop.lost(socket(3), "closed by server: code 1006");
        timer.runDue();
        timer.advance(Duration.ofMillis(50));

        assertThat(sockets).hasSize(4);
        ConnectionEvent next = listener.of(RECONNECTING).get(2);
        assertThat(next.attempt()).isEqualTo(1);
        assertThat(next.reason()).startsWith("after 50 ms backoff");
    }

    @Test
    void shouldKeepGrowingBackoffWhenAConnectionDropsBeforeTheHealthyPeriod() {
        ReconnectLoop loop = connectedAfterTwoTimeouts();
        socket(3).answerPings = true;
        timer.advance(HEALTHY.minusMillis(1));

        loop.lost(socket(3), "closed by server: code 1006");
        timer.runDue();
        timer.advance(Duration.ofMillis(199));
        assertThat(sockets).hasSize(3);
        timer.advance(Duration.ofMillis(1));

        assertThat(sockets).hasSize(4);
        ConnectionEvent next = listener.of(RECONNECTING).get(2);
        assertThat(next.attempt()).isEqualTo(3);
        assertThat(next.reason()).startsWith("after 200 ms backoff");
    }

    @Test
    void shouldIgnoreALateOpenOrCloseOfAReplacedSocket() {
        List<WsSender> hookRanOn = new ArrayList<>();
        ReconnectLoop loop = loop(sender -> {
            hookRanOn.add(sender);
            return CompletableFuture.completedFuture(Result.ok(Boolean.TRUE));
        });
        loop.start();
        timer.advance(CONNECT_TIMEOUT.plusMillis(50));
        assertThat(sockets).hasSize(2);

        loop.opened(socket(1));
        loop.lost(socket(1), "closed: code 1006");
        timer.runDue();
        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED, RECONNECTING);
        assertThat(loop.current()).isSameAs(socket(2));
        assertThat(hookRanOn).as("no login on a replaced socket").isEmpty();

        loop.opened(socket(2));
        timer.runDue();
        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED, RECONNECTING, CONNECTED);
        assertThat(loop.connected()).isSameAs(socket(2));
        assertThat(hookRanOn).containsExactly(socket(2));
    }

    @Test
    void shouldResendSubscriptionsOnlyAfterTheOpenHookSucceedsAndBeforeReportingConnected() {
        subscriptions.put("trades", () -> "subscribe trades");
        subscriptions.put("book", () -> "subscribe book");
        CompletableFuture<Result<?>> login = new CompletableFuture<>();
        ReconnectLoop loop = loop(sender -> {
            sender.send("login");
            return login;
        });
        loop.start();
        timer.runDue();
        loop.opened(socket(1));
        timer.runDue();
        assertThat(socket(1).sent).containsExactly("login");
        assertThat(loop.connected()).isNull();
        assertThat(listener.states()).containsExactly(CONNECTING);

        login.complete(Result.ok("logged in"));
        timer.runDue();

        assertThat(socket(1).sent).containsExactly("login", "subscribe trades", "subscribe book");
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED);
        assertThat(loop.connects()).isEqualTo(1);
        assertThat(loop.firstConnect().getNow(null).isOk()).isTrue();
    }

    @Test
    void shouldRetryWhenTheOpenHookFails() {
        subscriptions.put("orders", () -> "subscribe orders");
        ReconnectLoop loop = loop(sender -> CompletableFuture.completedFuture(
                Result.err(ExchangeError.network("loop", "login refused"))));
        loop.start();
        timer.runDue();
        loop.opened(socket(1));
        timer.runDue();

        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED);
        assertThat(listener.of(DISCONNECTED).get(0).reason()).startsWith("open hook failed").contains("login refused");
        assertThat(socket(1).sent).as("no subscription on a socket that failed its login").isEmpty();
        timer.advance(Duration.ofMillis(50));
        assertThat(sockets).hasSize(2);
    }

    @Test
    void shouldRetryAnAttemptThatCannotStart() {
        ReconnectLoop loop = loop(WsOpenHook.NONE, n -> {
            FakeSocket s = new FakeSocket(n, timer);
            if (n == 1) {
                s.connectFails = new IllegalStateException("header supplier failed");
            }
            return s;
        });
        loop.start();
        timer.runDue();

        assertThat(listener.of(DISCONNECTED).get(0).reason())
                .isEqualTo("attempt could not start: IllegalStateException");
        timer.advance(Duration.ofMillis(50));
        loop.opened(socket(2));
        timer.runDue();
        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED, RECONNECTING, CONNECTED);
    }

    // ---- helpers ----

    /** Two attempts time out (backoff 50, then 100 ms); the third connects. */
    private ReconnectLoop connectedAfterTwoTimeouts() {
        ReconnectLoop loop = loop(WsOpenHook.NONE);
        loop.start();
        timer.advance(CONNECT_TIMEOUT.plusMillis(50));
        timer.advance(CONNECT_TIMEOUT.plusMillis(100));
        loop.opened(socket(3));
        timer.runDue();
        assertThat(listener.states()).containsExactly(CONNECTING, DISCONNECTED, RECONNECTING, RECONNECTING,
                CONNECTED);
        return loop;
    }

    private ReconnectLoop connectedLoop() {
        ReconnectLoop loop = loop(WsOpenHook.NONE);
        loop.start();
        timer.runDue();
        loop.opened(socket(1));
        timer.runDue();
        assertThat(listener.states()).containsExactly(CONNECTING, CONNECTED);
        return loop;
    }

    private ReconnectLoop loop(WsOpenHook hook) {
        return loop(hook, n -> new FakeSocket(n, timer));
    }

    private ReconnectLoop loop(WsOpenHook hook, java.util.function.IntFunction<FakeSocket> make) {
        return new ReconnectLoop(SETTINGS, timer, n -> {
            FakeSocket s = make.apply(n);
            sockets.add(s);
            return s;
        }, hook, subscriptions, listener);
    }

    /** The socket of attempt {@code n}, from 1. */
    private FakeSocket socket(int n) {
        return sockets.get(n - 1);
    }

    private static long millis(long ms) {
        return Duration.ofMillis(ms).toNanos();
    }
}
