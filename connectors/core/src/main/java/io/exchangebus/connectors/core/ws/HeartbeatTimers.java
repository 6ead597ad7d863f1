package io.exchangebus.connectors.core.ws;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The timers of a CONNECTED socket: protocol pings (so that a quiet but healthy stream answers), application
 * heartbeats, and the silence watchdog, which reports a socket from which nothing was read for the silence timeout.
 * Detected within the silence timeout plus one {@link WsSettings#watchdogTick() tick}. One socket at a time; timer
 * thread only.
 */
final class HeartbeatTimers {

    private final WsSettings settings;
    private final GuardedTimer timer;
    private Future<?> ping;
    private Future<?> heartbeat;
    private Future<?> watchdog;

    HeartbeatTimers(WsSettings settings, GuardedTimer timer) {
        this.settings = settings;
        this.timer = timer;
    }

    /**
     * Starts the timers for {@code socket}. {@code silent} is given the reason, on each watchdog tick while the
     * socket stays silent, until {@link #cancel()}.
     */
    void start(AttemptSocket socket, Consumer<String> silent) {
        if (!settings.pingInterval().isZero()) {
            ping = timer.scheduleAtFixedRate(socket::ping, settings.pingInterval());
        }
        if (settings.appHeartbeat() != null) {
            heartbeat = timer.scheduleAtFixedRate(() -> socket.send(settings.appHeartbeat().get()),
                    settings.appHeartbeatInterval());
        }
        watchdog = timer.scheduleAtFixedRate(() -> checkSilence(socket, silent), settings.watchdogTick());
    }

    /** Stops the timers of the socket last started; nothing if none. */
    void cancel() {
        GuardedTimer.cancel(ping);
        GuardedTimer.cancel(heartbeat);
        GuardedTimer.cancel(watchdog);
    }

    private void checkSilence(AttemptSocket socket, Consumer<String> silent) {
        long silentNanos = timer.nanoTime() - socket.lastActivityNanos();
        if (silentNanos > settings.silenceTimeout().toNanos()) {
            silent.accept("silent for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms (watchdog limit "
                    + settings.silenceTimeout().toMillis() + " ms)");
        }
    }
}
