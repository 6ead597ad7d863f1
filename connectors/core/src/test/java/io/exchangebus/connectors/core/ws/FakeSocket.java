package io.exchangebus.connectors.core.ws;

import io.exchangebus.connectors.core.ExchangeError;
import io.exchangebus.connectors.core.Result;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AttemptSocket} with no network, on a {@link ManualTimer}'s clock: it records what is done to it, and
 * reads something (a pong) when pinged only while {@link #answerPings} is set.
 */
final class FakeSocket implements AttemptSocket {

    final int number;
    /** When the loop made it, on the timer's clock. */
    final long madeAtNanos;
    final List<String> sent = new CopyOnWriteArrayList<>();
    private final ManualTimer timer;
    volatile boolean answerPings;
    volatile RuntimeException connectFails;
    int pings;
    boolean connectStarted;
    String abortedFor;
    boolean closedNormally;
    private long lastActivityNanos;

    FakeSocket(int number, ManualTimer timer) {
        this.number = number;
        this.timer = timer;
        this.madeAtNanos = timer.nanoTime();
        this.lastActivityNanos = madeAtNanos;
    }

    /** The peer sent something now: a frame, a ping or a pong. */
    void read() {
        lastActivityNanos = timer.nanoTime();
    }

    boolean isOpen() {
        return connectStarted && abortedFor == null && !closedNormally;
    }

    @Override
    public void connect() {
        if (connectFails != null) {
            throw connectFails;
        }
        connectStarted = true;
    }

    @Override
    public Result<Boolean> send(String text) {
        if (!isOpen()) {
            return Result.err(ExchangeError.network("fake", "socket not open"));
        }
        sent.add(text);
        return Result.ok(Boolean.TRUE);
    }

    @Override
    public void ping() {
        pings++;
        if (answerPings) {
            read();
        }
    }

    @Override
    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    @Override
    public void abort(String reason) {
        abortedFor = reason;
    }

    @Override
    public void closeNormally() {
        closedNormally = true;
    }

    @Override
    public boolean awaitClosed(long millis) {
        return closedNormally || abortedFor != null;
    }
}
