package io.exchangebus.connectors.core.ws;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * The one thread that owns a {@link WsConnection}'s state, and its clock: what the {@link ReconnectLoop} and its
 * {@link HeartbeatTimers} need of it. {@link TimerThread} is the real one; a test drives a virtual one.
 */
interface WsTimer {

    /** Runs {@code task} on the timer thread soon, after tasks already due. */
    void execute(Runnable task);

    /** Runs {@code task} on the timer thread after the result of {@link #execute} and returns its value. */
    <T> Future<T> submit(Callable<T> task);

    /** Runs {@code task} once after {@code delay}; cancel the future to stop it. */
    Future<?> schedule(Runnable task, Duration delay);

    /** Runs {@code task} every {@code period}, the first time one period from now; cancel the future to stop it. */
    Future<?> scheduleAtFixedRate(Runnable task, Duration period);

    /** Monotonic nanos on the timer's clock, as {@link System#nanoTime()}. */
    long nanoTime();
}
