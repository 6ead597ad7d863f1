package io.exchangebus.sim.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a test asks for, consumed by the server layer. Tests call the verbs ({@link #dropConnections()},
 * {@link #skipSequence(int)}, ...); servers call the {@code take...}/query methods at the point where the fault
 * applies. One-shot faults are counted and each use consumes one. Thread-safe: tests, server threads and the
 * generator may call concurrently.
 *
 * <p>Exchange-neutral by design: what a "login" or a "heartbeat" looks like is the exchange simulator's business;
 * it asks {@link #takeLoginRejection()} when it handles one and renders the exchange's own error.
 */
public final class FaultInjector {

    private final List<Runnable> dropListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger httpDrops = new AtomicInteger();
    private final AtomicInteger skips = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<RateLimitFault> rateLimit = new AtomicReference<>();
    private final AtomicInteger rateLimitCount = new AtomicInteger();
    private final AtomicInteger loginRejections = new AtomicInteger();
    private final AtomicBoolean heartbeatsStopped = new AtomicBoolean();
    /** Request method to the delay of its answers; {@link #WITHHELD} for never. */
    private final Map<String, Duration> answerDelays = new ConcurrentHashMap<>();
    private static final Duration WITHHELD = Duration.ofSeconds(Long.MAX_VALUE);

    // ---- what tests call -----------------------------------------------------------------------------------

    /** Closes every open WebSocket connection now, abruptly (no close handshake: the client sees code 1006). */
    public void dropConnections() {
        dropListeners.forEach(Runnable::run);
    }

    /** The next {@code n} HTTP requests are read and recorded, then their connection is closed unanswered. */
    public void dropHttpRequests(int n) {
        httpDrops.addAndGet(requireNonNegative(n));
    }

    /** The next {@code n} sequenced frames are not sent, leaving a gap. */
    public void skipSequence(int n) {
        skips.addAndGet(requireNonNegative(n));
    }

    /** The next {@code n} sequenced frames are sent twice. */
    public void repeatSequence(int n) {
        repeats.addAndGet(requireNonNegative(n));
    }

    /**
     * The next frame (WebSocket) or non-empty body (HTTP) sent by any server of this injector is corrupted, in its
     * place: cut short and ended with garbage.
     */
    public void sendMalformedFrame() {
        malformed.incrementAndGet();
    }

    /** Every response from now on is delayed by {@code delay}; {@link Duration#ZERO} ends this. */
    public void delayResponses(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        this.delay.set(delay);
    }

    /** The next {@code count} requests are answered with {@code status} (429 or 418) and the retry hint. */
    public void answerRateLimited(int status, Duration retryAfter, int count) {
        rateLimit.set(new RateLimitFault(status, retryAfter));
        rateLimitCount.set(requireNonNegative(count));
    }

    /**
     * Requests of {@code method} (the exchange's name of a request, e.g. a WebSocket API method such as
     * {@code session.logon}) are handled as usual, but their answers are delayed by {@code delay}, on top of any
     * {@link #delayResponses(Duration) delay of every response}; {@link Duration#ZERO} ends this. Answers to other
     * requests are not held back.
     */
    public void delayAnswersTo(String method, Duration delay) {
        Objects.requireNonNull(method, "method");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        if (delay.isZero()) {
            answerDelays.remove(method);
        } else {
            answerDelays.put(method, delay);
        }
    }

    /**
     * Requests of {@code method} are handled as usual (recorded, and their effect takes place) but never answered,
     * until {@link #delayAnswersTo(String, Duration) delayAnswersTo(method, ZERO)} or {@link #reset()}: as if every
     * answer to it were lost on the way.
     */
    public void withholdAnswersTo(String method) {
        answerDelays.put(Objects.requireNonNull(method, "method"), WITHHELD);
    }

    public void rejectNextLogin() {
        loginRejections.incrementAndGet();
    }

    /** Pings (WebSocket and the exchange's own heartbeats) go unanswered until {@link #resumeHeartbeats()}. */
    public void stopHeartbeats() {
        heartbeatsStopped.set(true);
    }

    public void resumeHeartbeats() {
        heartbeatsStopped.set(false);
    }

    /** Clears every pending and lasting fault. */
    public void reset() {
        httpDrops.set(0);
        skips.set(0);
        repeats.set(0);
        malformed.set(0);
        delay.set(Duration.ZERO);
        rateLimitCount.set(0);
        loginRejections.set(0);
        heartbeatsStopped.set(false);
        answerDelays.clear();
    }

    // ---- what servers call ---------------------------------------------------------------------------------

    /** Registers what {@link #dropConnections()} runs; the returned handle unregisters it. */
    public AutoCloseable onDropConnections(Runnable listener) {
        dropListeners.add(listener);
        return () -> dropListeners.remove(listener);
    }

    public boolean takeHttpDrop() {
        return takeOne(httpDrops);
    }

    /** Consumes the fault, if any, that applies to the next sequenced frame. Skips are served before repeats. */
    public SequenceAction nextSequenceAction() {
        if (takeOne(skips)) {
            return SequenceAction.SKIP;
        }
        return takeOne(repeats) ? SequenceAction.REPEAT : SequenceAction.SEND;
    }

    public boolean takeMalformedFrame() {
        return takeOne(malformed);
    }

    public Duration responseDelay() {
        return delay.get();
    }

    /** Whether answers to {@code method} are {@link #withholdAnswersTo(String) withheld}. */
    public boolean answerWithheld(String method) {
        return answerDelays.get(method) == WITHHELD;
    }

    /** The extra delay of answers to {@code method} ({@link Duration#ZERO} if none; not meaningful if withheld). */
    public Duration answerDelay(String method) {
        Duration delay = answerDelays.get(method);
        return delay == null || delay == WITHHELD ? Duration.ZERO : delay;
    }

    public Optional<RateLimitFault> takeRateLimit() {
        return takeOne(rateLimitCount) ? Optional.ofNullable(rateLimit.get()) : Optional.empty();
    }

    public boolean takeLoginRejection() {
        return takeOne(loginRejections);
    }

    public boolean heartbeatsStopped() {
        return heartbeatsStopped.get();
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count must not be negative: " + n);
        }
        return n;
    }
}
