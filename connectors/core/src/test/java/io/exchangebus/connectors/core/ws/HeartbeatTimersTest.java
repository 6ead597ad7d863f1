package io.exchangebus.connectors.core.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connected socket's timers on virtual time ({@link ManualTimer}). */
class HeartbeatTimersTest {

    private final ManualTimer timer = new ManualTimer();
    private final GuardedTimer tasks = new GuardedTimer(timer, () -> false, "heartbeat");
    private final FakeSocket socket = new FakeSocket(1, timer);
    private final List<String> silences = new ArrayList<>();

    @Test
    void shouldPingAndSendTheAppHeartbeatEveryIntervalUntilCancelled() {
        WsSettings settings = settings().pingInterval(Duration.ofMillis(100))
                .appHeartbeat(() -> "heartbeat", Duration.ofMillis(200)).silenceTimeout(Duration.ofMillis(500))
                .build();
        HeartbeatTimers heartbeats = new HeartbeatTimers(settings, tasks);
        socket.connect();
        socket.answerPings = true;
        heartbeats.start(socket, silences::add);

        timer.advance(Duration.ofMillis(99));
        assertThat(socket.pings).isZero();
        timer.advance(Duration.ofMillis(901));
        assertThat(socket.pings).isEqualTo(10);
        assertThat(socket.sent).hasSize(5).containsOnly("heartbeat");

        heartbeats.cancel();
        timer.advance(Duration.ofSeconds(1));

        assertThat(socket.pings).isEqualTo(10);
        assertThat(socket.sent).hasSize(5);
        assertThat(timer.pending()).isZero();
        assertThat(silences).isEmpty();
    }

    @Test
    void shouldReportSilenceOnEachTickOnceNothingWasReadForLongerThanTheSilenceTimeout() {
        WsSettings settings = settings().pingInterval(Duration.ZERO).silenceTimeout(Duration.ofMillis(400)).build();
        HeartbeatTimers heartbeats = new HeartbeatTimers(settings, tasks);
        heartbeats.start(socket, silences::add); // watchdog tick: 100 ms

        timer.advance(Duration.ofMillis(400));
        assertThat(silences).as("silent for exactly the timeout: not yet").isEmpty();
        timer.advance(Duration.ofMillis(100));
        assertThat(silences).containsExactly("silent for 500 ms (watchdog limit 400 ms)");
        timer.advance(Duration.ofMillis(100));
        assertThat(silences).hasSize(2);

        socket.read();
        timer.advance(Duration.ofMillis(400));
        assertThat(silences).as("something was read").hasSize(2);
        assertThat(socket.pings).as("pings off").isZero();
    }

    private static WsSettings.Builder settings() {
        return WsSettings.builder("heartbeat", URI.create("ws://127.0.0.1:1"));
    }
}
